// Helping with a customer's account, for agents and administrators:
//
// - "Ask to verify information" (PR-8): the items that apply to the account
//   (company information to company accounts only), a reason the customer
//   reads, and a due date: 14 days ahead by default, due at the end of that
//   day (23:59:59 UTC). The customer finds the request on their profile.
//   Blank fields are refused before asking the server; the server judges the
//   rest, and its refusals show next to the fields (`items`, `reason`, `due_at`).
// - "Send a password reset link" to one member: a reason and an optional
//   ticket, recorded and shown to the customer. The link goes to the
//   member's sign-in address, and they choose the new password on its page:
//   staff never see or set a password.
// - Opening another customer drops what is still on its way for the previous one.

import { createScopedRunner, NO_ACTIONS, type ActionState, type ScopedRunner } from '../actions';
import type { SectionDeps, Slot } from '../deps';
import { formatDateTime, formatDay, verificationItemLabel } from '../format';
import type { AccountKind } from '../generated/AccountKind';
import type { CommandError } from '../generated/CommandError';
import type { CustomerView } from '../generated/CustomerView';
import type { FieldError } from '../generated/FieldError';
import type { Justification } from '../generated/Justification';
import type { ResetLinkSent } from '../generated/ResetLinkSent';
import type { VerificationItem } from '../generated/VerificationItem';
import { midSentence, t } from '../i18n';
import { justification } from './customer';
import { dayAfter, endOfDay, isDay } from './dates';
import { explained, requiredError } from './errors';

export const VERIFY_KEY = 'verify-request';
export const RESET_KEY = 'password-reset';

/** Days until a verification request is due, unless staff choose otherwise. */
export const DUE_DAYS = 14;

export const resetExplained = (): string => t('staff.help.resetExplained');

/** What staff fill in to ask for verification. */
export interface VerifyDraft {
  items: VerificationItem[];
  reason: string;
  /** A calendar date, `YYYY-MM-DD`, as a date input gives it. */
  due: string;
}

export interface HelpState {
  account?: Pick<CustomerView, 'account_id' | 'account_name' | 'kind'>;
  /** The last verification request sent, in words. */
  requested?: string;
  /** The member whose reset form is open. */
  resetFor?: string;
  /** The last reset link sent, and to whom. */
  sent?: ResetLinkSent & { userId: string };
  /** Keys: `verify-request`, `password-reset`. */
  actions: ActionState;
}

export const EMPTY_HELP: HelpState = { actions: NO_ACTIONS };

/** The items a verification request may ask of an account of `kind`. */
export function verificationItemsFor(kind: AccountKind): VerificationItem[] {
  const items: VerificationItem[] = ['contact_details', 'billing_address'];
  return kind === 'company' ? [...items, 'company_information'] : items;
}

/** The due date a new request starts with: 14 days ahead. */
export const defaultDueDate = (now: Date = new Date()): string => dayAfter(now, DUE_DAYS);

/** "contact details, billing address and company information". */
export function itemsText(items: readonly VerificationItem[]): string {
  const words = items.map((i) => midSentence(verificationItemLabel(i)));
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')}${t('staff.help.and')}${words[words.length - 1]}`;
}

export const requestedMessage = (accountName: string, items: readonly VerificationItem[], due: string): string =>
  t('staff.help.requested', { name: accountName, items: itemsText(items), date: formatDay(due) });

/** "Sent to a***@example.com, valid until …". */
export const resetSentText = (sent: ResetLinkSent): string =>
  t('staff.help.resetSent', { to: sent.sent_to, until: formatDateTime(sent.expires_at) });

/** The blank fields of `draft`, each with what to do. */
export function verifyProblems(draft: VerifyDraft): FieldError[] {
  const problems: FieldError[] = [];
  if (draft.items.length === 0) problems.push({ field: 'items', rule: 'required', message: t('staff.help.itemsRequired') });
  if (draft.reason.trim() === '') problems.push({ field: 'reason', rule: 'required', message: t('staff.help.reasonRequired') });
  if (!isDay(draft.due)) problems.push({ field: 'due_at', rule: 'required', message: t('staff.help.dueRequired') });
  return problems;
}

export interface HelpController {
  runner: ScopedRunner;
  /** A customer opened: nothing sent for them yet. */
  open(view: Pick<CustomerView, 'account_id' | 'account_name' | 'kind'>): void;
  /** Resolves true once the request is made. */
  requestVerification(draft: VerifyDraft): Promise<boolean>;
  /** "Send a password reset link" for `userId`: asks why first. */
  askReset(userId: string): void;
  cancelReset(): void;
  /** Sends the reset form. Resolves true once the link is on its way. */
  sendReset(why: Justification): Promise<boolean>;
}

export function createHelpController(deps: SectionDeps, slot: Slot<HelpState>): HelpController {
  const patch = (changes: Partial<HelpState>) => slot.set({ ...slot.get(), ...changes });
  const runner = createScopedRunner(deps, { get: () => slot.get().actions, set: (actions) => patch({ actions }) });

  function refuse(key: string, error: CommandError) {
    const actions = slot.get().actions;
    patch({ actions: { ...actions, errors: { ...actions.errors, [key]: error } } });
  }

  return {
    runner,

    open(view) {
      runner.renew();
      slot.set({
        ...EMPTY_HELP,
        account: { account_id: view.account_id, account_name: view.account_name, kind: view.kind },
      });
    },

    async requestVerification(draft) {
      const account = slot.get().account;
      if (!account) return false;
      const allowed = verificationItemsFor(account.kind);
      const items = allowed.filter((i) => draft.items.includes(i));
      const problems = verifyProblems({ ...draft, items });
      if (problems.length > 0) {
        refuse(VERIFY_KEY, { code: 'invalid_input', message: problems[0]!.message, fields: problems });
        return false;
      }
      const request = { items, reason: draft.reason.trim(), due_at: endOfDay(draft.due) };
      const still = runner.current();
      const next: HelpState = { ...slot.get() };
      delete next.requested;
      slot.set(next);
      const ok = await runner.run(VERIFY_KEY, async () => {
        await explained(deps.api.staffRequestVerification(account.account_id, request));
      });
      if (!ok || !still()) return false;
      patch({ requested: requestedMessage(account.account_name, items, draft.due) });
      return true;
    },

    askReset(userId) {
      runner.dismiss(RESET_KEY);
      patch({ resetFor: userId });
    },

    cancelReset() {
      if (slot.get().resetFor === undefined) return;
      runner.dismiss(RESET_KEY);
      const next = { ...slot.get() };
      delete next.resetFor;
      slot.set(next);
    },

    async sendReset(why) {
      const { account, resetFor: userId } = slot.get();
      if (!account || !userId) return false;
      if (why.reason.trim() === '') {
        refuse(RESET_KEY, requiredError('reason', t('staff.help.resetReasonRequired')));
        return false;
      }
      const still = runner.current();
      let sent: ResetLinkSent | undefined;
      const ok = await runner.run(RESET_KEY, async () => {
        sent = await explained(deps.api.startPasswordReset(account.account_id, userId, justification(why)));
      });
      if (!ok || !sent || !still()) return false;
      const next: HelpState = { ...slot.get(), sent: { ...sent, userId } };
      if (next.resetFor === userId) delete next.resetFor;
      slot.set(next);
      return true;
    },
  };
}
