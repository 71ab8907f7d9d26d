// Human wording for the Notices page (PR-7): dates, paragraphs, the opt-outs
// a personal-information notice offers and what each curtails (PR-20), and
// where an account-information notice sends the reader.

import { formatDate } from '../format';
import type { AccountAccess } from '../generated/AccountAccess';
import type { ConsoleSection } from '../generated/ConsoleSection';
import type { NoticeAction } from '../generated/NoticeAction';
import type { PolicyVersion } from '../generated/PolicyVersion';
import { COOKIE_ROWS } from '../privacy/cookies';
import { hasCapability, sectionById } from '../sections';

export const EMPTY_INBOX = 'No notices. When the privacy policy changes, you will find the notice here.';

/** "2 unread": the navigation badge's accessible words. */
export const unreadLabel = (n: number): string => `${n} unread`;

/** The summary's paragraphs: one per line, blank lines dropped. */
export function paragraphs(summary: string): string[] {
  return summary
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** "Takes effect on 1 Apr 2099" before its date; "Took effect on …" from then. */
export function effectiveText(policy: Pick<PolicyVersion, 'effective_at'>, now: Date = new Date(), locale?: string): string {
  const at = new Date(policy.effective_at);
  const date = formatDate(policy.effective_at, locale);
  return at.getTime() > now.getTime() ? `Takes effect on ${date}` : `Took effect on ${date}`;
}

export const publishedText = (policy: Pick<PolicyVersion, 'published_at'>, locale?: string): string =>
  `Published on ${formatDate(policy.published_at, locale)}`;

// `Record`s over the generated unions: a new variant in Rust fails the type
// check until it has wording here.

const OPT_OUT_LABELS: Record<NoticeAction, string> = {
  stop_partner_sharing: 'Stop sharing with service partners',
  unsubscribe_promotional: 'Unsubscribe from promotional communications',
  refuse_optional_cookies: 'Refuse optional cookies',
};

const REVIEW_LABELS: Record<ConsoleSection, string> = {
  profile: 'Review your profile',
  billing: 'Review your billing details',
  communications: 'Review your communication choices',
  privacy: 'Review your privacy choices',
  security: 'Review your security settings',
  team: 'Review your team',
};

export const optOutLabel = (action: NoticeAction): string => OPT_OUT_LABELS[action] ?? action;
export const reviewLabel = (section: ConsoleSection): string => REVIEW_LABELS[section] ?? `Open ${section}`;

/** Why an opt-out cannot be made here, or `undefined` when it can. */
export function optOutBlocked(action: NoticeAction, account: AccountAccess | undefined): string | undefined {
  if (action !== 'stop_partner_sharing') return undefined;
  if (!account) return 'Sharing is chosen per account, and you are not a member of any account.';
  if (!hasCapability(account, 'profile_write')) {
    return `Only an owner of ${account.name} can stop its sharing with service partners. Ask an owner, or choose an account you own.`;
  }
  return undefined;
}

/** Why the reader cannot open the section a notice points to, or `undefined` when they can. */
export function reviewBlocked(
  section: ConsoleSection,
  canOpen: boolean,
  account: AccountAccess | undefined,
): string | undefined {
  if (canOpen) return undefined;
  const label = sectionById(section).label;
  return account
    ? `Your role on ${account.name} does not include ${label}. Ask an account owner to review it.`
    : `${label} belongs to an account, and you are not a member of any account.`;
}

/** A line of what an opt-out curtails; `name` for a partner. */
export interface CurtailLine {
  id: string;
  name?: string;
  text: string;
}

export interface OptOutQuestion {
  title: string;
  intro: string;
  lines: CurtailLine[];
  after: string;
  confirmLabel: string;
}

/** What unsubscribing stops: the promotional purposes. */
export const PROMOTIONAL_CURTAILS: readonly CurtailLine[] = [
  { id: 'newsletters', text: 'Our newsletters, occasional e-mails and ideas for future products.' },
  { id: 'product_testing', text: 'Invitations to try new features early and tell us what you think.' },
];

/** What refusing optional cookies curtails, as the cookies card says it. */
export const COOKIE_CURTAILS: readonly CurtailLine[] = COOKIE_ROWS.flatMap((row) =>
  row.curtails ? [{ id: row.kind, text: row.curtails }] : [],
);

export function promotionalQuestion(): OptOutQuestion {
  return {
    title: 'Unsubscribe from all promotional communications?',
    intro: 'From the moment you confirm, on every channel, you no longer get:',
    lines: [...PROMOTIONAL_CURTAILS],
    after: 'Service and account notices, such as invoices and security alerts, are not affected.',
    confirmLabel: 'Unsubscribe',
  };
}

export function cookiesQuestion(): OptOutQuestion {
  return {
    title: 'Refuse optional cookies on our websites?',
    intro: 'Only necessary cookies (sign-in and security) stay on. This curtails:',
    lines: [...COOKIE_CURTAILS],
    after: 'This is your own choice: it applies whichever account you work on.',
    confirmLabel: 'Refuse cookies',
  };
}

export function sharingQuestion(accountName: string, partners: readonly CurtailLine[]): OptOutQuestion {
  return {
    title: `Stop sharing ${accountName}’s personal information with every service partner?`,
    intro: 'From the moment you confirm, nothing more goes to any partner, including those the service needs. This curtails:',
    lines: [...partners],
    after: 'What was sent before stays listed in the sharing ledger under Privacy, where you can turn sharing on again.',
    confirmLabel: 'Stop sharing',
  };
}

export const sharingDone = (accountName: string): string =>
  `Sharing stopped: nothing more of ${accountName}’s personal information goes to service partners. You can change this under Privacy.`;
export const sharingAlready = (accountName: string): string =>
  `${accountName} already shares nothing with service partners. Nothing changed.`;
export const PROMOTIONAL_DONE =
  'You are unsubscribed from all promotional communications. You can change this under Communications.';
export const COOKIES_DONE =
  'Optional cookies are refused: our websites use only necessary cookies. You can change this under Privacy.';
export const COOKIES_ALREADY = 'You had already refused optional cookies. Nothing changed.';

export const RECEIPT_NOTE =
  'A consent receipt was recorded; you will find it under Communications, in Consent receipts.';
