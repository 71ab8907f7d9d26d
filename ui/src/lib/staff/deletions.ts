// Deletion requests waiting to be carried out (PR-19, PR-20), for
// administrators: whose account, who asked and when, and when the
// cooling-off period ends (until then the customer can still cancel, and
// the request cannot be carried out).
//
// "Carry out" erases the account's data for good, except what the law
// requires us to keep. It asks first (in place), and is refused before the
// cooling-off period ends. The server refuses too, in its words, while a
// legal hold applies or when the request was cancelled or carried out
// meanwhile: the refusal shows, and the list is read again.

import { createRunner, NO_ACTIONS, type ActionState, type Runner } from '../actions';
import { toCommandError } from '../commandErrors';
import type { SectionDeps, Slot } from '../deps';
import { formatDateTime } from '../format';
import type { CommandError } from '../generated/CommandError';
import type { DeletionRequest } from '../generated/DeletionRequest';
import { t } from '../i18n';
import { explainStaffError, staffFailure } from './errors';

export const completeKey = (requestId: string): string => `complete:${requestId}`;

// Functions, not constants: the words are the current language's when asked.
export const eraseWarning = (): string => t('admin.deletions.warning');

export const deletionsEmpty = (): string => t('admin.deletions.empty');

export interface DeletionsState {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  loadError?: CommandError;
  /** Pending requests, soonest first (the server's order). */
  items: DeletionRequest[];
  /** Keys: `complete:<request id>`. */
  actions: ActionState;
}

export const EMPTY_DELETIONS: DeletionsState = { status: 'idle', items: [], actions: NO_ACTIONS };

/** Whether the customer can still cancel `request` at `now`: it cannot be carried out yet. */
export const coolingOff = (request: Pick<DeletionRequest, 'effective_at'>, now: Date): boolean =>
  new Date(request.effective_at).getTime() > now.getTime();

/** Why "Carry out" waits. */
export const coolingOffHint = (request: Pick<DeletionRequest, 'effective_at'>): string =>
  t('admin.deletions.coolingOffHint', { when: formatDateTime(request.effective_at) });

export const deletedMessage = (request: Pick<DeletionRequest, 'account_name'>): string =>
  t('admin.deletions.deleted', { name: request.account_name });

export interface DeletionsController {
  runner: Runner;
  load(): Promise<void>;
  /** "Carry out". Resolves true once the account is deleted. */
  complete(requestId: string): Promise<boolean>;
}

/** `now`: the clock the cooling-off period is judged by. */
export function createDeletionsController(
  deps: SectionDeps,
  slot: Slot<DeletionsState>,
  now: () => Date = () => new Date(),
): DeletionsController {
  const patch = (changes: Partial<DeletionsState>) => slot.set({ ...slot.get(), ...changes });
  const runner = createRunner(deps, { get: () => slot.get().actions, set: (actions) => patch({ actions }) });

  async function load() {
    patch({ status: slot.get().status === 'ready' ? 'ready' : 'loading' });
    try {
      const items = (await deps.api.listDeletionRequests()).filter((r) => r.status === 'pending');
      const next: DeletionsState = { ...slot.get(), status: 'ready', items };
      delete next.loadError;
      slot.set(next);
    } catch (reason) {
      const loadError = staffFailure(deps, reason);
      patch({ status: slot.get().status === 'ready' ? 'ready' : 'failed', loadError });
    }
  }

  return {
    runner,
    load,

    async complete(requestId) {
      const request = slot.get().items.find((r) => r.id === requestId);
      if (!request) return false;
      const key = completeKey(requestId);
      if (coolingOff(request, now())) {
        const actions = slot.get().actions;
        const error: CommandError = { code: 'conflict', message: coolingOffHint(request) };
        patch({ actions: { ...actions, errors: { ...actions.errors, [key]: error } } });
        return false;
      }
      let stale = false;
      const ok = await runner.run(key, async () => {
        try {
          await deps.api.completeDeletion(requestId);
        } catch (reason) {
          const error = toCommandError(reason);
          // Cancelled, carried out or put on hold meanwhile: the list is out of date.
          stale = error.code === 'conflict' || error.code === 'not_found';
          throw explainStaffError(error);
        }
      });
      if (!ok) {
        if (stale) await load();
        return false;
      }
      const actions = slot.get().actions;
      patch({
        items: slot.get().items.filter((r) => r.id !== requestId),
        actions: { ...actions, done: { key, message: deletedMessage(request) } },
      });
      return true;
    },
  };
}
