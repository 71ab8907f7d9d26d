// Verifying who is calling (PR-10): the agent picks the member on the line,
// then asks for their support PIN or sends an e-mail code to their sign-in
// address and asks for that. The server records every check, passed or not,
// and answers with the result: until when a passed check vouches for the
// caller, or how many wrong answers are left.
//
// - The customer's latest check still in force shows when the customer opens.
// - A member without a support PIN can only get an e-mail code.
// - A wrong answer is a result, not an error: it shows as "did not match".
// - Opening another customer drops any answer still on its way.

import { createScopedRunner, NO_ACTIONS, type ActionState, type ScopedRunner } from '../actions';
import type { SectionDeps, Slot } from '../deps';
import { formatDateTime } from '../format';
import type { CallerCheck } from '../generated/CallerCheck';
import type { CallerCheckMethod } from '../generated/CallerCheckMethod';
import type { CallerCodeSent } from '../generated/CallerCodeSent';
import type { CommandError } from '../generated/CommandError';
import type { CustomerMember } from '../generated/CustomerMember';
import type { CustomerView } from '../generated/CustomerView';
import { t } from '../i18n';
import { explained, requiredError } from './errors';

export const CALLER_CODE_KEY = 'caller-code';
export const CALLER_CHECK_KEY = 'caller-check';

/** What to type, per method; the current language's when asked. */
export const answerRequired = (method: CallerCheckMethod): string =>
  t(method === 'support_pin' ? 'staff.caller.answerPin' : 'staff.caller.answerCode');

export interface CallerState {
  accountId?: string;
  members: CustomerMember[];
  /** The member on the line. */
  userId?: string;
  method: CallerCheckMethod;
  /** The e-mail code sent to the member on the line, if any. */
  sent?: CallerCodeSent & { userId: string };
  /** The latest recorded check. */
  result?: CallerCheck;
  /** Keys: `caller-code`, `caller-check`. */
  actions: ActionState;
}

export const EMPTY_CALLER: CallerState = { members: [], method: 'support_pin', actions: NO_ACTIONS };

/** A PIN if the member set one; otherwise only an e-mail code works. */
export const defaultMethod = (member: CustomerMember | undefined): CallerCheckMethod =>
  member && !member.has_support_pin ? 'email_code' : 'support_pin';

/** The recorded result, in words. */
export function resultText(check: CallerCheck, now: Date = new Date()): string {
  if (check.passed) {
    const until = new Date(check.valid_until).getTime();
    return until > now.getTime()
      ? t('staff.caller.verified', { name: check.user_name, until: formatDateTime(check.valid_until) })
      : t('staff.caller.verifiedEnded', { name: check.user_name, until: formatDateTime(check.valid_until) });
  }
  const left = check.attempts_left;
  const tries =
    left <= 0
      ? t('staff.caller.noAttempts')
      : t('staff.caller.attemptsLeft', { count: left });
  return t('staff.caller.noMatch', { name: check.user_name, tries });
}

export interface CallerController {
  runner: ScopedRunner;
  /** A customer opened: their members and the check still in force. */
  reset(view: CustomerView): void;
  selectMember(userId: string): void;
  selectMethod(method: CallerCheckMethod): void;
  /** "Send an e-mail code" to the member on the line. */
  sendCode(): Promise<boolean>;
  /** Checks what the caller read out. Resolves true once a result is recorded (passed or not). */
  check(answer: string): Promise<boolean>;
}

export function createCallerController(deps: SectionDeps, slot: Slot<CallerState>): CallerController {
  const patch = (changes: Partial<CallerState>) => slot.set({ ...slot.get(), ...changes });
  const runner = createScopedRunner(deps, { get: () => slot.get().actions, set: (actions) => patch({ actions }) });
  const member = (userId: string | undefined) => slot.get().members.find((m) => m.user_id === userId);

  function refuse(key: string, error: CommandError) {
    const actions = slot.get().actions;
    patch({ actions: { ...actions, errors: { ...actions.errors, [key]: error } } });
  }

  return {
    runner,

    reset(view) {
      runner.renew();
      const check = view.caller_check;
      const only = view.members.length === 1 ? view.members[0] : undefined;
      const userId = check?.user_id ?? only?.user_id;
      const state: CallerState = {
        ...EMPTY_CALLER,
        accountId: view.account_id,
        members: view.members,
        method: defaultMethod(view.members.find((m) => m.user_id === userId)),
      };
      if (userId) state.userId = userId;
      if (check) state.result = check;
      slot.set(state);
    },

    selectMember(userId) {
      const chosen = member(userId);
      if (!chosen || slot.get().userId === userId) return;
      const next: CallerState = { ...slot.get(), userId, method: defaultMethod(chosen) };
      delete next.sent;
      slot.set(next);
      runner.dismiss(CALLER_CODE_KEY);
      runner.dismiss(CALLER_CHECK_KEY);
    },

    selectMethod(method) {
      if (method === 'support_pin' && !member(slot.get().userId)?.has_support_pin) return;
      patch({ method });
      runner.dismiss(CALLER_CHECK_KEY);
    },

    async sendCode() {
      const { accountId, userId } = slot.get();
      if (!accountId || !userId) return false;
      const still = runner.current();
      let sent: CallerCodeSent | undefined;
      const ok = await runner.run(CALLER_CODE_KEY, async () => {
        sent = await explained(deps.api.sendCallerCode(accountId, userId));
      });
      if (!ok || !sent || !still() || slot.get().userId !== userId) return false;
      patch({ sent: { ...sent, userId } });
      return true;
    },

    async check(answer) {
      const { accountId, userId, method } = slot.get();
      if (!accountId || !userId) return false;
      const trimmed = answer.trim();
      if (trimmed === '') {
        refuse(CALLER_CHECK_KEY, requiredError('answer', answerRequired(method)));
        return false;
      }
      const still = runner.current();
      let result: CallerCheck | undefined;
      const ok = await runner.run(CALLER_CHECK_KEY, async () => {
        result = await explained(deps.api.checkCaller(accountId, { user_id: userId, method, answer: trimmed }));
      });
      if (!ok || !result || !still()) return false;
      // A code is used up by a passed check.
      const next: CallerState = { ...slot.get(), result };
      if (result.passed && method === 'email_code') delete next.sent;
      slot.set(next);
      return true;
    },
  };
}
