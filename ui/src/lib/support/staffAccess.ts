// "Who at the company accessed my account, and why" (PR-17), on one
// account: every time staff saw unmasked data, checked a caller, or acted
// for the customer — when, who (a name or a pseudonym), what, why, and the
// request it was for — newest first. Under it, the approval setting:
//
// - "Require my approval before staff see or change my data": members who
//   manage the team (`team_write`) change it; others see it read-only.
//   Turning it on first says what it curtails (PR-20), and waits for a
//   second click; turning it off saves at once.
// - While approval is required, a grant lets support see and act for a
//   number of hours (1 to 72, 24 by default), until revoked.
// - One change at a time; a refusal meaning it changed elsewhere reads the
//   setting again. Another account: what is still running for the previous
//   one shows nothing on this one.

import { sameAnswer } from '../answers';
import { createScopedRunner, NO_ACTIONS, type ActionState, type Runner } from '../actions';
import { toCommandError } from '../commandErrors';
import { failure, type SectionDeps, type Slot } from '../deps';
import { formatDateTime } from '../format';
import type { AuditAction } from '../generated/AuditAction';
import type { CommandError } from '../generated/CommandError';
import type { StaffAccess } from '../generated/StaffAccess';
import type { StaffAccessSettings } from '../generated/StaffAccessSettings';
import { t } from '../i18n';
import { hoursProblem, parseHours } from './rules';

export const APPROVAL_KEY = 'staff-approval';
export const GRANT_KEY = 'staff-grant';
export const REVOKE_KEY = 'staff-revoke';
export const STAFF_ACCESS_KEYS = [APPROVAL_KEY, GRANT_KEY, REVOKE_KEY];

// Functions, not constants: the words are the current language's when asked.
export const staffAccessTitle = (): string => t('privacy.access.title');
export const staffAccessEmpty = (): string => t('privacy.access.empty');
export const approvalLabel = (): string => t('privacy.approval.label');
export const approvalCurtails = (): string => t('privacy.approval.curtails');
export const readOnlyMessage = (): string => t('privacy.approval.readOnly');
export const fieldsMessage = (): string => t('privacy.approval.fieldsMessage');

/** In the customer's words; a key per generated variant, so a new one fails the type check until worded. */
export const staffActionLabel = (a: AuditAction): string => t(`privacy.access.action.${a}`);

/** Newest first; the server's order among equals. */
export function newestFirst(items: StaffAccess[]): StaffAccess[] {
  return items
    .map((item, i) => ({ item, i, t: Date.parse(item.at) }))
    .sort((a, b) => (a.t === b.t || Number.isNaN(b.t - a.t) ? a.i - b.i : b.t - a.t))
    .map(({ item }) => item);
}

/** The end of the grant in force, if one is. */
export function grantedUntil(settings: StaffAccessSettings, now: number = Date.now()): string | undefined {
  const until = settings.granted_until;
  if (!settings.require_approval || !until) return undefined;
  const end = Date.parse(until);
  return Number.isNaN(end) || end <= now ? undefined : until;
}

/** Where staff stand with this account, in a sentence. */
export function settingsText(settings: StaffAccessSettings, now: number = Date.now(), locale?: string): string {
  if (!settings.require_approval) {
    return t('privacy.approval.settingsOff');
  }
  const until = grantedUntil(settings, now);
  return until
    ? t('privacy.approval.settingsGranted', { until: formatDateTime(until, locale) })
    : t('privacy.approval.settingsOn');
}

export const grantedMessage = (s: StaffAccessSettings, locale?: string): string =>
  s.granted_until
    ? t('privacy.approval.grantedMessage', { until: formatDateTime(s.granted_until, locale) })
    : t('privacy.approval.grantedPlain');

export const approvalOnMessage = (): string => t('privacy.approval.onMessage');
export const approvalOffMessage = (): string => t('privacy.approval.offMessage');
export const revokedMessage = (): string => t('privacy.approval.revoked');

export interface StaffAccessState {
  accountId?: string;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  loadError?: CommandError;
  /** Newest first. */
  items: StaffAccess[];
  settings?: StaffAccessSettings;
  /** Turning approval on waits for the person to read what it curtails. */
  confirming: boolean;
  /** Keys: `staff-approval`, `staff-grant`, `staff-revoke`. */
  actions: ActionState;
}

export const EMPTY_STAFF_ACCESS: StaffAccessState = { status: 'idle', items: [], confirming: false, actions: NO_ACTIONS };

/** The server's words for the hours of a refused grant. */
export function hoursError(state: StaffAccessState): string | undefined {
  return state.actions.errors[GRANT_KEY]?.fields?.find((f) => f.field === 'hours')?.message;
}

export interface StaffAccessController {
  runner: Runner;
  /** Another account (or "Try again"): its log and setting. */
  load(accountId: string): Promise<void>;
  /** The page shown again: read again in the background, what is on screen staying until the answer is here. */
  revalidate(accountId: string): Promise<void>;
  /** A click on the switch: on asks first (PR-20), off saves at once. Resolves true once saved. */
  setApproval(on: boolean): Promise<boolean>;
  /** "Require approval" after reading what it curtails. */
  confirm(): Promise<boolean>;
  /** "Keep it off". */
  cancel(): void;
  /** Grants support access for `hours` (1 to 72). Resolves true once granted. */
  grant(hours: string | number): Promise<boolean>;
  /** Ends the grant in force. Resolves true once revoked. */
  revoke(): Promise<boolean>;
}

export function createStaffAccessController(deps: SectionDeps, slot: Slot<StaffAccessState>): StaffAccessController {
  const patch = (changes: Partial<StaffAccessState>) => slot.set({ ...slot.get(), ...changes });
  const actionRunner = createScopedRunner(deps, {
    get: () => slot.get().actions,
    set: (actions) => patch({ actions }),
  });
  const idle = () => slot.get().actions.busy === undefined && !slot.get().actions.stepUp?.busy;

  // One status line: a new change clears the outcome of earlier ones, and any question.
  const runner: Runner = {
    ...actionRunner,
    run(key, action, success) {
      if (!idle()) return Promise.resolve(false);
      patch({ confirming: false, actions: { ...slot.get().actions, errors: {} } });
      return actionRunner.run(key, action, success);
    },
  };

  let generation = 0;

  /** Read again after a refusal that means it changed elsewhere; a failure here is not the change's. */
  async function quietlyReload(accountId: string, current: () => boolean) {
    try {
      const log = await deps.api.loadStaffAccess(accountId);
      if (current()) patch({ items: newestFirst(log.items), settings: log.settings });
    } catch (reason) {
      failure(deps, reason);
    }
  }

  /** Runs one change of the setting; `message` words the outcome from what the server then holds. */
  async function change(
    key: string,
    call: (accountId: string) => Promise<StaffAccessSettings>,
    message: (saved: StaffAccessSettings) => string,
  ): Promise<boolean> {
    const accountId = slot.get().accountId;
    if (!accountId || !slot.get().settings) return false;
    const current = actionRunner.current();
    let saved: StaffAccessSettings | undefined;
    const ran = await runner.run(key, async () => {
      try {
        saved = await call(accountId);
      } catch (reason) {
        const error = toCommandError(reason);
        if (error.code === 'conflict' && current()) await quietlyReload(accountId, current);
        throw error.code === 'invalid_input' && error.fields?.length ? { ...error, message: fieldsMessage() } : error;
      }
    });
    if (!ran || !saved || !current()) return false;
    patch({ settings: saved, actions: { ...slot.get().actions, done: { key, message: message(saved) } } });
    return true;
  }

  const approvalOn = () =>
    change(APPROVAL_KEY, (id) => deps.api.setStaffApproval(id, true), () => approvalOnMessage());

  async function load(accountId: string) {
    const mine = ++generation;
    actionRunner.renew();
    slot.set({ ...EMPTY_STAFF_ACCESS, accountId, status: 'loading' });
    try {
      const log = await deps.api.loadStaffAccess(accountId);
      if (mine === generation) patch({ status: 'ready', items: newestFirst(log.items), settings: log.settings });
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
        const log = await deps.api.loadStaffAccess(accountId);
        const items = newestFirst(log.items);
        const { items: shown, settings } = slot.get();
        if (!quiet() || mine !== generation || (sameAnswer(items, shown) && sameAnswer(log.settings, settings))) return;
        patch({ items, settings: log.settings });
      } catch (reason) {
        // What is on screen stays; the offline banner or the next change says the rest.
        failure(deps, reason);
      }
    },

    load,

    async setApproval(on) {
      const settings = slot.get().settings;
      if (!idle() || !settings || settings.require_approval === on) return false;
      if (on) {
        patch({ confirming: true });
        return false;
      }
      return change(APPROVAL_KEY, (id) => deps.api.setStaffApproval(id, false), () => approvalOffMessage());
    },

    confirm() {
      if (!slot.get().confirming || !idle()) return Promise.resolve(false);
      return approvalOn();
    },

    cancel() {
      patch({ confirming: false });
    },

    grant(hours) {
      const settings = slot.get().settings;
      const n = parseHours(hours);
      if (!settings?.require_approval || n === undefined || hoursProblem(n)) return Promise.resolve(false);
      return change(GRANT_KEY, (id) => deps.api.grantStaffAccess(id, n), (s) => grantedMessage(s));
    },

    revoke() {
      const settings = slot.get().settings;
      if (!settings?.require_approval || !settings.granted_until) return Promise.resolve(false);
      return change(REVOKE_KEY, (id) => deps.api.revokeStaffAccess(id), () => revokedMessage());
    },
  };
}
