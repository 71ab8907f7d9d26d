// A member's communication preferences, changed by staff acting on the
// customer's behalf (PR-4, PR-17): only inside an acting session, one cell
// per save, on top of the version on screen. The change leaves a consent
// receipt marked "by staff" on the customer's side.
//
// - A matrix changed elsewhere meanwhile is never overwritten: the save comes
//   back as a conflict, the current choices are shown with a message, and the
//   agent makes the change again.
// - Choosing another member (or customer) drops answers still on their way.

import { createScopedRunner, NO_ACTIONS, type ActionState, type ScopedRunner } from '../actions';
import { toCommandError } from '../commandErrors';
import { cellKey, findCell } from '../comms/controller';
import { cellName } from '../comms/wording';
import type { SectionDeps, Slot } from '../deps';
import type { Channel } from '../generated/Channel';
import type { CommandError } from '../generated/CommandError';
import type { CommunicationPreferences } from '../generated/CommunicationPreferences';
import type { Purpose } from '../generated/Purpose';
import { explainStaffError, staffFailure } from './errors';
import { t } from '../i18n';

export const staffCommsConflict = (): string => t('staff.comms.conflict');

export interface StaffCommsState {
  accountId?: string;
  userId?: string;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  loadError?: CommandError;
  prefs?: CommunicationPreferences;
  conflict: boolean;
  /** Keys: `cell:<purpose>/<channel>`. */
  actions: ActionState;
}

export const EMPTY_STAFF_COMMS: StaffCommsState = { status: 'idle', conflict: false, actions: NO_ACTIONS };

export interface StaffCommsController {
  runner: ScopedRunner;
  load(accountId: string, userId: string): Promise<void>;
  /** Turns a cell on if it is off, off if it is on or pending. Resolves true once saved. */
  toggle(purpose: Purpose, channel: Channel): Promise<boolean>;
  dismissConflict(): void;
  /** Nothing chosen (acting stopped, or another customer). */
  clear(): void;
}

export function createStaffCommsController(deps: SectionDeps, slot: Slot<StaffCommsState>): StaffCommsController {
  const patch = (changes: Partial<StaffCommsState>) => slot.set({ ...slot.get(), ...changes });
  const runner = createScopedRunner(deps, { get: () => slot.get().actions, set: (actions) => patch({ actions }) });
  const current = (accountId: string, userId: string) =>
    slot.get().accountId === accountId && slot.get().userId === userId;

  async function quietlyReload(accountId: string, userId: string) {
    try {
      const prefs = await deps.api.staffLoadCommunications(accountId, userId);
      if (current(accountId, userId)) patch({ prefs });
    } catch (reason) {
      staffFailure(deps, reason);
    }
  }

  return {
    runner,

    async load(accountId, userId) {
      runner.renew();
      slot.set({ ...EMPTY_STAFF_COMMS, accountId, userId, status: 'loading' });
      try {
        const prefs = await deps.api.staffLoadCommunications(accountId, userId);
        if (current(accountId, userId)) patch({ status: 'ready', prefs });
      } catch (reason) {
        const loadError = staffFailure(deps, reason);
        if (current(accountId, userId)) patch({ status: 'failed', loadError });
      }
    },

    async toggle(purpose, channel) {
      const { accountId, userId, prefs } = slot.get();
      if (!accountId || !userId || !prefs) return false;
      const found = findCell(prefs, purpose, channel);
      if (!found || found.cell.locked) return false;
      const on = found.cell.state === 'off';
      const name = cellName(found.row.label, channel);
      const key = cellKey(purpose, channel);
      let message: string | undefined;
      patch({ conflict: false });
      const ok = await runner.run(key, async () => {
        let outcome;
        try {
          outcome = await deps.api.staffSaveCommunications(accountId, userId, [{ purpose, channel, on }], prefs.version);
        } catch (reason) {
          const error = toCommandError(reason);
          if (error.code === 'conflict') {
            await quietlyReload(accountId, userId);
            if (current(accountId, userId)) patch({ conflict: true });
            return;
          }
          if (error.code === 'invalid_input') await quietlyReload(accountId, userId);
          const field = error.fields?.[0];
          throw explainStaffError(field ? { ...error, message: `${name}: ${field.message}` } : error);
        }
        if (!current(accountId, userId)) return;
        if (outcome.outcome === 'conflict') {
          patch({ prefs: outcome.current, conflict: true });
          return;
        }
        patch({ prefs: outcome.prefs });
        const after = findCell(outcome.prefs, purpose, channel)?.cell.state;
        message =
          after === 'pending'
            ? t('staff.comms.pendingSaved', { name })
            : t(after === 'on' ? 'comms.isOn' : 'comms.isOff', { name });
      });
      if (!ok || message === undefined) return false;
      const actions = slot.get().actions;
      patch({ actions: { ...actions, done: { key, message } } });
      return true;
    },

    dismissConflict: () => patch({ conflict: false }),

    clear() {
      runner.renew();
      slot.set(EMPTY_STAFF_COMMS);
    },
  };
}
