// What the staff workspace keeps across its sections, owned by the shell:
//
// - the open acting session (PR-17), shown as a banner at the top of every
//   section until "Stop acting", until it runs out, or until a read of the
//   customer shows it closed elsewhere. One at a time: the banner names one
//   account, and acting for another starts once this one is stopped;
// - whether a staff command was refused for want of two-factor sign-in
//   (every staff section then says so, until the user signs in again);
// - the customer to open in the Customers section, asked for from the
//   command palette or a ticket.

import { createRunner, NO_ACTIONS, type ActionState, type Runner } from '../actions';
import { toCommandError } from '../commandErrors';
import type { SectionDeps, Slot } from '../deps';
import { formatDateTime } from '../format';
import type { ActingSession } from '../generated/ActingSession';
import { t } from '../i18n';
import { explainStaffError } from './errors';

export const STOP_ACTING_KEY = 'stop-acting';

/** A request to open a customer; `seq` tells two requests for the same customer apart. */
export interface OpenRequest {
  accountId: string;
  /** The ticket it came from: its number, offered as the reference for reveals and acting. */
  ticket?: string;
  seq: number;
}

export interface WorkspaceState {
  acting?: ActingSession;
  /** How the last acting session ended, said once in the banner's place. */
  ended?: string;
  twoFactorRequired: boolean;
  open?: OpenRequest;
  actions: ActionState;
}

export const EMPTY_WORKSPACE: WorkspaceState = { twoFactorRequired: false, actions: NO_ACTIONS };

export const stoppedMessage = (s: Pick<ActingSession, 'account_name'>): string =>
  t('staff.acting.stopped', { name: s.account_name });

export const expiredMessage = (s: Pick<ActingSession, 'account_name' | 'expires_at'>): string =>
  t('staff.acting.expired', { name: s.account_name, when: formatDateTime(s.expires_at) });

export interface WorkspaceController {
  runner: Runner;
  /** `startActing` answered: the banner shows it. */
  actingStarted(session: ActingSession): void;
  /** Taken when a read of a customer is sent, for `actingSeen`. */
  mark(): number;
  /**
   * A read of `accountId` (sent at `mark`) says which acting session is open
   * there: the banner follows it, unless acting started or stopped since.
   */
  actingSeen(accountId: string, session: ActingSession | undefined, mark: number): void;
  /** "Stop acting". Resolves true once stopped (also when the server had already closed it). */
  stopActing(): Promise<boolean>;
  /** Closes a session whose end time has passed. */
  expire(now: Date): void;
  dismissEnded(): void;
  /** A staff command was refused: this staff account has no two-factor sign-in. */
  twoFactorRequired(): void;
  /** A fresh session: staff commands are worth trying again. */
  signedInAgain(): void;
  /** Opens `accountId` in the Customers section. */
  openCustomer(accountId: string, ticket?: string): void;
  /** Back to the search: no customer open. */
  closeCustomer(): void;
}

export function createWorkspaceController(deps: SectionDeps, slot: Slot<WorkspaceState>): WorkspaceController {
  const patch = (changes: Partial<WorkspaceState>) => slot.set({ ...slot.get(), ...changes });
  const runner = createRunner(deps, { get: () => slot.get().actions, set: (actions) => patch({ actions }) });
  /** Bumped whenever acting starts or stops here: reads sent before say nothing newer. */
  let changes = 0;
  let seq = 0;

  function close(session: ActingSession, ended: string) {
    if (slot.get().acting?.id !== session.id) return;
    changes++;
    const next: WorkspaceState = { ...slot.get(), ended };
    delete next.acting;
    slot.set(next);
  }

  return {
    runner,

    actingStarted(session) {
      changes++;
      const next: WorkspaceState = { ...slot.get(), acting: session };
      delete next.ended;
      slot.set(next);
    },

    mark: () => changes,

    actingSeen(accountId, session, mark) {
      if (mark !== changes) return;
      const acting = slot.get().acting;
      if (session) {
        if (acting?.id !== session.id) patch({ acting: session });
      } else if (acting?.account_id === accountId) {
        // Closed elsewhere (another window, or it ran out on the server).
        close(acting, expiredMessage(acting));
      }
    },

    async stopActing() {
      const session = slot.get().acting;
      if (!session) return false;
      const ok = await runner.run(STOP_ACTING_KEY, async () => {
        try {
          await deps.api.stopActing(session.account_id);
        } catch (reason) {
          const error = toCommandError(reason);
          // Already closed on the server (it ran out): nothing left to stop.
          if (error.code !== 'not_found') throw explainStaffError(error);
        }
      });
      if (ok) close(session, stoppedMessage(session));
      return ok;
    },

    expire(now) {
      const session = slot.get().acting;
      if (session && new Date(session.expires_at).getTime() <= now.getTime()) close(session, expiredMessage(session));
    },

    dismissEnded() {
      const next = { ...slot.get() };
      delete next.ended;
      slot.set(next);
    },

    twoFactorRequired: () => {
      if (!slot.get().twoFactorRequired) patch({ twoFactorRequired: true });
    },

    signedInAgain: () => {
      if (slot.get().twoFactorRequired) patch({ twoFactorRequired: false });
    },

    openCustomer(accountId, ticket) {
      seq++;
      patch({ open: ticket === undefined ? { accountId, seq } : { accountId, ticket, seq } });
    },

    closeCustomer() {
      if (!slot.get().open) return;
      const next = { ...slot.get() };
      delete next.open;
      slot.set(next);
    },
  };
}
