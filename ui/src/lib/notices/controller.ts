// The notices inbox (PR-7), about the signed-in person: the shell keeps it,
// so the navigation's unread badge is right on every page, and the Notices
// page acts on it.
//
// - Opening a notice marks it read; "I have read this" acknowledges it once,
//   which leaves a consent receipt. Both answer with the whole inbox, which
//   replaces the one on screen (and the badge) unless a later request's
//   answer is already shown; a notice once read or acknowledged stays so.
// - A personal-information notice offers its opt-outs in place. Each first
//   says what it curtails (PR-20) and waits for a second click:
//   - stop sharing with service partners: the selected account's choice
//     (owners only) is read to name every partner and what it does, then the
//     switch is turned on over the version read; a choice changed elsewhere
//     meanwhile is read again and the save tried once more. It is the
//     account's: done for one account, it is still offered for another, and
//     selecting another account drops the question;
//   - unsubscribe from all promotional communications;
//   - refuse optional cookies: saved over the version read just before (once
//     more on a conflict).
// - One change at a time: while one runs, other clicks do nothing.

import { sameAnswer } from '../answers';
import { createRunner, NO_ACTIONS, type ActionState, type Runner } from '../actions';
import { toCommandError } from '../commandErrors';
import { failure, type SectionDeps, type Slot } from '../deps';
import type { AccountAccess } from '../generated/AccountAccess';
import type { CommandError } from '../generated/CommandError';
import type { CookieConsent } from '../generated/CookieConsent';
import type { NoticeAction } from '../generated/NoticeAction';
import type { NoticeInbox } from '../generated/NoticeInbox';
import type { SharingSaveOutcome } from '../generated/SharingSaveOutcome';
import type { SharingView } from '../generated/SharingView';
import { t } from '../i18n';
import { curtailedBy, optedOutOf } from '../privacy/sharing';
import {
  cookiesAlready,
  cookiesDone,
  cookiesQuestion,
  optOutBlocked,
  promotionalDone,
  promotionalQuestion,
  sharingAlready,
  sharingDone,
  sharingQuestion,
  type OptOutQuestion,
} from './wording';

/** Per notice, a family of keys: `notice:<version>:` (versions are slugs, without colons). */
export const noticeKeys = (version: string): string => `notice:${version}:`;
export const ackKey = (version: string): string => `${noticeKeys(version)}ack`;
export const readKey = (version: string): string => `${noticeKeys(version)}read`;
/** Stopping partner sharing is per account (`accountId`: the selected one); the others are the person's. */
export const optOutKey = (version: string, action: NoticeAction, accountId?: string): string =>
  action === 'stop_partner_sharing'
    ? `${noticeKeys(version)}${action}:${accountId ?? ''}`
    : `${noticeKeys(version)}${action}`;

/** Saved twice over a choice that changed elsewhere each time. */
export const KEPT_CHANGING: CommandError = {
  code: 'conflict',
  // Getters: spread when thrown, so the words are the current language's.
  get message() {
    return t('notices.keptChanging');
  },
  get advice() {
    return t('notices.keptChangingAdvice');
  },
};

/** An opt-out waiting for the user to read what it curtails. */
export interface Confirming extends OptOutQuestion {
  version: string;
  action: NoticeAction;
  /** Stop sharing: the account, and the choice read when asking. */
  account?: { id: string; name: string };
  sharing?: SharingView;
}

export interface NoticesState {
  /** `loading`: nothing read yet; an inbox on screen stays `ready` while it is read again. */
  status: 'idle' | 'loading' | 'ready' | 'failed';
  /** Why the inbox could not be read (the last one read, if any, stays on screen). */
  loadError?: CommandError;
  inbox?: NoticeInbox;
  /** The notices opened, by version. */
  open: readonly string[];
  /** The opt-out whose curtailments are being read (its key). */
  preparing?: string;
  confirming?: Confirming;
  /** Opt-outs made this session, by key, with what was done. */
  done: Readonly<Record<string, string>>;
  actions: ActionState;
}

export const EMPTY_NOTICES: NoticesState = { status: 'idle', open: [], done: {}, actions: NO_ACTIONS };

/** The navigation badge's count: none until the inbox is read. */
export const unreadCount = (state: NoticesState): number => state.inbox?.unread ?? 0;

export interface NoticesController {
  runner: Runner;
  /** Reads the inbox (sign-in, entering a page); also "Try again". */
  load(): Promise<void>;
  /** Opens or closes a notice; opening an unread one marks it read. */
  toggle(version: string): Promise<void>;
  acknowledge(version: string): Promise<boolean>;
  /**
   * A click on an opt-out: asks first, saying what it curtails. Stopping
   * partner sharing reads the account's choice to say so (and finds nothing
   * to do when it already shares nothing). Resolves true once asking.
   */
  askOptOut(version: string, action: NoticeAction, account: AccountAccess | undefined): Promise<boolean>;
  /** The confirming button: makes the opt-out. Resolves true once made. */
  confirmOptOut(): Promise<boolean>;
  cancelOptOut(): void;
  /** Another account is selected: a question about stopping the previous one's sharing is dropped. */
  accountSelected(accountId: string | undefined): void;
}

/**
 * `next`, keeping what `shown` already says of a notice: a notice read or
 * acknowledged stays so (an answer sent before the change may arrive after).
 */
export function keepSettled(shown: NoticeInbox | undefined, next: NoticeInbox): NoticeInbox {
  if (!shown) return next;
  const before = new Map(shown.notices.map((n) => [n.policy.version, n]));
  let read = 0;
  let changed = false;
  const notices = next.notices.map((n) => {
    const was = before.get(n.policy.version);
    const keepRead = !n.read_at && was?.read_at;
    const keepAck = !n.acknowledged_at && was?.acknowledged_at;
    if (!keepRead && !keepAck) return n;
    changed = true;
    const kept = { ...n };
    if (keepRead) {
      kept.read_at = keepRead;
      read++;
    }
    if (keepAck) kept.acknowledged_at = keepAck;
    return kept;
  });
  return changed ? { ...next, notices, unread: Math.max(0, next.unread - read) } : next;
}

export function createNoticesController(deps: SectionDeps, slot: Slot<NoticesState>): NoticesController {
  const patch = (changes: Partial<NoticesState>) => slot.set({ ...slot.get(), ...changes });
  const actionRunner = createRunner(deps, { get: () => slot.get().actions, set: (actions) => patch({ actions }) });
  const idle = () =>
    slot.get().actions.busy === undefined && !slot.get().actions.stepUp?.busy && slot.get().preparing === undefined;

  // One status per page: a new change clears the outcome of earlier ones.
  const runner: Runner = {
    ...actionRunner,
    run(key, action, success) {
      if (!idle()) return Promise.resolve(false);
      patch({ actions: { ...slot.get().actions, errors: {} } });
      return actionRunner.run(key, action, success);
    },
  };

  const setError = (key: string, error: CommandError | undefined) => {
    const errors = { ...slot.get().actions.errors };
    if (error) errors[key] = error;
    else delete errors[key];
    patch({ actions: { ...slot.get().actions, errors } });
  };

  const withoutConfirming = () => {
    const next = { ...slot.get() };
    delete next.confirming;
    delete next.preparing;
    return next;
  };

  // Every request answering with the inbox is numbered when sent: an answer
  // to a request older than the one whose answer is shown is stale.
  let sent = 0;
  let shown = 0;
  /** The latest read of the inbox: an earlier one's answer is stale too. */
  let latestLoad = 0;
  const show = (request: number, inbox: NoticeInbox) => {
    if (request < shown) return;
    shown = request;
    const next = keepSettled(slot.get().inbox, inbox);
    // Read on every page: an unchanged inbox replaces nothing, so nothing is drawn again.
    const { status, loadError } = slot.get();
    if (status === 'ready' && !loadError && sameAnswer(next, slot.get().inbox)) return;
    patch({ inbox: next, status: 'ready', loadError: undefined });
  };

  /** Notices being marked read: not again while the first call runs. */
  const reading = new Set<string>();

  async function markRead(version: string) {
    if (reading.has(version)) return;
    reading.add(version);
    setError(readKey(version), undefined);
    const request = ++sent;
    try {
      show(request, await deps.api.markNoticeRead(version));
    } catch (reason) {
      setError(readKey(version), failure(deps, reason));
    } finally {
      reading.delete(version);
    }
  }

  /** Turns the switch on over `view`; a choice changed elsewhere is read again and tried once more. */
  async function stopSharing(accountId: string, first: SharingView): Promise<'saved' | 'already'> {
    let view = first;
    for (let attempt = 0; ; attempt++) {
      if (view.share_none) return 'already';
      let outcome: SharingSaveOutcome | undefined;
      try {
        outcome = await deps.api.saveSharing(accountId, { share_none: true, opted_out: optedOutOf(view) }, view.version);
      } catch (reason) {
        const error = toCommandError(reason);
        if (error.code !== 'conflict') throw error;
      }
      if (outcome?.outcome === 'saved') return 'saved';
      if (attempt > 0) throw { ...KEPT_CHANGING };
      view = await deps.api.loadSharing(accountId);
    }
  }

  /** Refuses both optional kinds over the version read first; once more on a conflict. */
  async function refuseCookies(): Promise<'saved' | 'already'> {
    let consent: CookieConsent = await deps.api.loadCookieConsent();
    for (let attempt = 0; ; attempt++) {
      if (consent.decided_at && !consent.preferences && !consent.analytics) return 'already';
      try {
        await deps.api.saveCookieConsent({ preferences: false, analytics: false }, consent.version);
        return 'saved';
      } catch (reason) {
        const error = toCommandError(reason);
        if (error.code !== 'conflict') throw error;
        if (attempt > 0) throw { ...KEPT_CHANGING };
      }
      consent = await deps.api.loadCookieConsent();
    }
  }

  async function optOut(c: Confirming): Promise<string> {
    switch (c.action) {
      case 'stop_partner_sharing': {
        if (!c.account || !c.sharing) throw new Error('no account to stop sharing for');
        const outcome = await stopSharing(c.account.id, c.sharing);
        return outcome === 'saved' ? sharingDone(c.account.name) : sharingAlready(c.account.name);
      }
      case 'unsubscribe_promotional':
        await deps.api.unsubscribeAllPromotional();
        return promotionalDone();
      case 'refuse_optional_cookies':
        return (await refuseCookies()) === 'saved' ? cookiesDone() : cookiesAlready();
    }
  }

  const markDone = (key: string, message: string) =>
    slot.set({ ...withoutConfirming(), done: { ...slot.get().done, [key]: message } });

  /** The read of an account's choice that the question waits for; cancelling drops its answer. */
  let inFlight: { accountId: string } | undefined;
  const dropQuestion = () => {
    inFlight = undefined;
    slot.set(withoutConfirming());
  };

  return {
    runner,

    async load() {
      const mine = ++sent;
      latestLoad = mine;
      const status = slot.get().inbox ? 'ready' : 'loading';
      if (slot.get().status !== status) patch({ status });
      try {
        const inbox = await deps.api.loadNotices();
        if (mine === latestLoad) show(mine, inbox);
      } catch (reason) {
        const error = failure(deps, reason);
        if (mine === latestLoad && mine > shown) {
          patch({ status: slot.get().inbox ? 'ready' : 'failed', loadError: error });
        }
      }
    },

    async toggle(version) {
      const { open, inbox } = slot.get();
      if (open.includes(version)) {
        patch({ open: open.filter((v) => v !== version) });
        return;
      }
      const notice = inbox?.notices.find((n) => n.policy.version === version);
      if (!notice) return;
      patch({ open: [...open, version] });
      if (!notice.read_at) await markRead(version);
    },

    async acknowledge(version) {
      const notice = slot.get().inbox?.notices.find((n) => n.policy.version === version);
      if (!notice || notice.acknowledged_at) return false;
      return runner.run(ackKey(version), async () => {
        const request = ++sent;
        show(request, await deps.api.acknowledgeNotice(version));
      });
    },

    async askOptOut(version, action, account) {
      if (!idle()) return false;
      const notice = slot.get().inbox?.notices.find((n) => n.policy.version === version);
      const key = optOutKey(version, action, account?.account_id);
      if (!notice?.policy.opt_outs?.includes(action) || slot.get().done[key] !== undefined) return false;
      if (optOutBlocked(action, account) !== undefined) return false;
      const asking = { ...slot.get().actions, errors: {} };
      if (action !== 'stop_partner_sharing' || !account) {
        const question = action === 'unsubscribe_promotional' ? promotionalQuestion() : cookiesQuestion();
        patch({ actions: asking, confirming: { ...question, version, action } });
        return true;
      }
      const { account_id: id, name } = account;
      const mine = { accountId: id };
      inFlight = mine;
      patch({ actions: asking, preparing: key });
      let view: SharingView;
      try {
        view = await deps.api.loadSharing(id);
      } catch (reason) {
        const error = failure(deps, reason);
        if (inFlight !== mine) return false;
        dropQuestion();
        setError(key, error);
        return false;
      }
      // Cancelled, or another account selected, meanwhile.
      if (inFlight !== mine) return false;
      inFlight = undefined;
      if (view.share_none) {
        markDone(key, sharingAlready(name));
        return false;
      }
      const partners = curtailedBy(view).map((p) => ({ id: p.id, name: p.name, text: p.curtails }));
      slot.set({
        ...withoutConfirming(),
        confirming: { ...sharingQuestion(name, partners), version, action, account: { id, name }, sharing: view },
      });
      return true;
    },

    async confirmOptOut() {
      const c = slot.get().confirming;
      if (!c || !idle()) return false;
      const key = optOutKey(c.version, c.action, c.account?.id);
      let message: string | undefined;
      const ran = await runner.run(key, async () => {
        message = await optOut(c);
      });
      if (!ran || message === undefined) return false;
      markDone(key, message);
      return true;
    },

    cancelOptOut: dropQuestion,

    accountSelected(accountId) {
      const about = slot.get().confirming?.account?.id ?? inFlight?.accountId;
      if (about !== undefined && about !== accountId) dropQuestion();
    },
  };
}
