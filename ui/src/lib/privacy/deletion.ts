// Deleting the account (PR-19, PR-20), for owners (`account_data`). Before
// anything is asked, the card says what stops working, what is kept and why,
// and how long the cooling-off period is; a legal hold is explained (a
// request is still taken, but nothing is deleted while it holds).
//
// - "Delete this account…" opens a form: the account's name typed again
//   (trimmed, any case; the button waits for it) and an optional reason.
//   Rules the server refuses are shown next to their field.
// - A pending request says who asked, when, and from when it will be carried
//   out, and can be cancelled until then.
// - One change at a time; a request made or cancelled elsewhere meanwhile is
//   read again and shown with the refusal.

import { sameAnswer } from '../answers';
import { createScopedRunner, NO_ACTIONS, type ActionState, type Runner } from '../actions';
import { toCommandError } from '../commandErrors';
import { failure, type SectionDeps, type Slot } from '../deps';
import { formatDate } from '../format';
import { t } from '../i18n';
import type { CommandError } from '../generated/CommandError';
import type { DeletionRequest } from '../generated/DeletionRequest';
import type { DeletionView } from '../generated/DeletionView';

export const REQUEST_KEY = 'deletion-request';
export const CANCEL_KEY = 'deletion-cancel';
export const DELETION_KEYS = [REQUEST_KEY, CANCEL_KEY];

export const REASON_MAX = 500;
// Functions, not constants: the words are the current language's when asked.
export const noAccess = (): string => t('privacy.deletion.noAccess');
export const fieldsMessage = (): string => t('privacy.deletion.fieldsMessage');

export interface DeletionState {
  accountId?: string;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  loadError?: CommandError;
  view?: DeletionView;
  /** The confirmation form is open. */
  asking: boolean;
  /** Keys: `deletion-request`, `deletion-cancel`. */
  actions: ActionState;
}

export const EMPTY_DELETION: DeletionState = { status: 'idle', asking: false, actions: NO_ACTIONS };

/** Whether the typed name confirms: the account's name, trimmed, in any case. */
export function nameMatches(typed: string, accountName: string): boolean {
  const name = typed.trim();
  return name !== '' && name.toLowerCase() === accountName.trim().toLowerCase();
}

/** The reason's own rule, checked as it is typed. */
export function reasonProblem(reason: string): string | undefined {
  return [...reason.trim()].length > REASON_MAX ? t('privacy.deletion.reasonTooLong', { max: REASON_MAX }) : undefined;
}

/** The server's words for one field of a refused request. */
export function fieldError(state: DeletionState, field: 'confirm_name' | 'reason'): string | undefined {
  return state.actions.errors[REQUEST_KEY]?.fields?.find((f) => f.field === field)?.message;
}

export const coolingOffText = (days: number): string => t('privacy.deletion.coolingOff', { count: days });

/** "Deletion requested by Ada Customer on 5 Mar 2026; it will be carried out on or after 19 Mar 2026." */
export const pendingText = (r: DeletionRequest, locale?: string): string =>
  t('privacy.deletion.pending', {
    who: r.requested_by,
    date: formatDate(r.requested_at, locale),
    effective: formatDate(r.effective_at, locale),
  });

/** The last request, closed: what became of it. */
export function historyText(r: DeletionRequest, locale?: string): string | undefined {
  const asked = { who: r.requested_by, date: formatDate(r.requested_at, locale) };
  const by = r.closed_by ? t('privacy.deletion.historyBy', { name: r.closed_by }) : '';
  const on = r.closed_at ? t('privacy.deletion.historyOn', { date: formatDate(r.closed_at, locale) }) : '';
  switch (r.status) {
    case 'cancelled':
      return t('privacy.deletion.historyCancelled', { ...asked, by, on });
    case 'completed':
      return t('privacy.deletion.historyCompleted', { ...asked, on });
    default:
      return undefined;
  }
}

export const requestedMessage = (view: DeletionView, locale?: string): string =>
  view.request
    ? t('privacy.deletion.requested', {
        name: view.account_name,
        date: formatDate(view.request.effective_at, locale),
      })
    : t('privacy.deletion.requestedPlain');

export const cancelledMessage = (view: DeletionView): string =>
  t('privacy.deletion.cancelled', { name: view.account_name });

export interface DeletionController {
  runner: Runner;
  /** Another account (or "Try again"): what deleting it would do, and its request. */
  load(accountId: string): Promise<void>;
  /** The page shown again: read again in the background, what is on screen staying until the answer is here. */
  revalidate(accountId: string): Promise<void>;
  /** "Delete this account…": opens the form. */
  ask(): void;
  /** "Keep the account": closes the form. */
  close(): void;
  /** Sends the request; only once the typed name matches. Resolves true once requested. */
  request(confirmName: string, reason: string): Promise<boolean>;
  /** "Cancel deletion". Resolves true once cancelled. */
  cancel(): Promise<boolean>;
}

export function createDeletionController(deps: SectionDeps, slot: Slot<DeletionState>): DeletionController {
  const patch = (changes: Partial<DeletionState>) => slot.set({ ...slot.get(), ...changes });
  // Renewed for every account: what is still running for the previous one
  // shows nothing (busy, its refusal, a step-up) on this one's card.
  const actionRunner = createScopedRunner(deps, {
    get: () => slot.get().actions,
    set: (actions) => patch({ actions }),
  });
  const idle = () => slot.get().actions.busy === undefined && !slot.get().actions.stepUp?.busy;

  // One status line: a new change clears the outcome of earlier ones.
  const runner: Runner = {
    ...actionRunner,
    run(key, action, success) {
      if (!idle()) return Promise.resolve(false);
      patch({ actions: { ...slot.get().actions, errors: {} } });
      return actionRunner.run(key, action, success);
    },
  };

  const done = (key: string, message: string) => patch({ actions: { ...slot.get().actions, done: { key, message } } });

  /** Bumped by every load: an older answer is stale. */
  let generation = 0;

  /** Read again after a refusal that means it changed elsewhere; a failure here is not the change's. */
  async function quietlyReload(accountId: string, current: () => boolean) {
    try {
      const view = await deps.api.loadDeletion(accountId);
      if (current()) patch({ view });
    } catch (reason) {
      failure(deps, reason);
    }
  }

  /** A refused change: fields shown by their field; a state changed elsewhere read again. */
  async function refused(accountId: string, current: () => boolean, reason: unknown): Promise<CommandError> {
    const error = toCommandError(reason);
    if (error.code === 'conflict' && current()) await quietlyReload(accountId, current);
    if (error.code === 'invalid_input' && error.fields?.length) return { ...error, message: fieldsMessage() };
    return error;
  }

  async function load(accountId: string) {
    const mine = ++generation;
    actionRunner.renew();
    slot.set({ ...EMPTY_DELETION, accountId, status: 'loading' });
    try {
      const view = await deps.api.loadDeletion(accountId);
      if (mine === generation) patch({ status: 'ready', view });
    } catch (reason) {
      const error = failure(deps, reason);
      if (mine === generation) patch({ status: 'failed', loadError: error });
    }
  }

  return {
    runner,

    async revalidate(accountId) {
      if (slot.get().accountId !== accountId || slot.get().status !== 'ready') return load(accountId);
      const quiet = runner.quietSince();
      const mine = generation;
      try {
        const view = await deps.api.loadDeletion(accountId);
        if (quiet() && mine === generation && !sameAnswer(view, slot.get().view)) patch({ view });
      } catch (reason) {
        // What is on screen stays; the offline banner or the next change says the rest.
        failure(deps, reason);
      }
    },

    load,

    ask() {
      const view = slot.get().view;
      if (!view || view.request?.status === 'pending') return;
      patch({ asking: true, actions: { ...slot.get().actions, errors: {} } });
    },

    close() {
      const actions = { ...slot.get().actions, errors: {} };
      patch({ asking: false, actions });
    },

    async request(confirmName, reason) {
      const { accountId, view, asking } = slot.get();
      if (!accountId || !view || !asking || !nameMatches(confirmName, view.account_name)) return false;
      if (reasonProblem(reason) !== undefined) return false;
      const current = actionRunner.current();
      let saved: DeletionView | undefined;
      const ran = await runner.run(REQUEST_KEY, async () => {
        try {
          saved = await deps.api.requestDeletion(accountId, {
            confirm_name: confirmName.trim(),
            reason: reason.trim() || null,
          });
        } catch (rejection) {
          throw await refused(accountId, current, rejection);
        }
      });
      if (!ran || !saved || !current()) return false;
      patch({ view: saved, asking: false });
      done(REQUEST_KEY, requestedMessage(saved));
      return true;
    },

    async cancel() {
      const { accountId, view } = slot.get();
      if (!accountId || view?.request?.status !== 'pending') return false;
      const current = actionRunner.current();
      let saved: DeletionView | undefined;
      const ran = await runner.run(CANCEL_KEY, async () => {
        try {
          saved = await deps.api.cancelDeletion(accountId);
        } catch (rejection) {
          throw await refused(accountId, current, rejection);
        }
      });
      if (!ran || !saved || !current()) return false;
      patch({ view: saved });
      done(CANCEL_KEY, cancelledMessage(saved));
      return true;
    },
  };
}
