// Human wording for the Notices page (PR-7): dates, paragraphs, the opt-outs
// a personal-information notice offers and what each curtails (PR-20), and
// where an account-information notice sends the reader.

import { formatDate } from '../format';
import type { AccountAccess } from '../generated/AccountAccess';
import type { ConsoleSection } from '../generated/ConsoleSection';
import type { NoticeAction } from '../generated/NoticeAction';
import type { PolicyVersion } from '../generated/PolicyVersion';
import { COOKIE_ROWS } from '../privacy/cookies';
import { t } from '../i18n';
import { hasCapability, sectionById } from '../sections';

export const emptyInbox = (): string => t('notices.empty');

/** "2 unread": the navigation badge's accessible words. */
export const unreadLabel = (n: number): string => t('notices.unread', { count: n });

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
  return at.getTime() > now.getTime() ? t('notices.takesEffect', { date }) : t('notices.tookEffect', { date });
}

export const publishedText = (policy: Pick<PolicyVersion, 'published_at'>, locale?: string): string =>
  t('notices.published', { date: formatDate(policy.published_at, locale) });

// Keys over the generated unions: a new variant in Rust fails the type check
// until both catalogues have wording for it.

export const optOutLabel = (action: NoticeAction): string => t(`notices.optOut.${action}`);
export const reviewLabel = (section: ConsoleSection): string => t(`notices.review.${section}`);

/** Why an opt-out cannot be made here, or `undefined` when it can. */
export function optOutBlocked(action: NoticeAction, account: AccountAccess | undefined): string | undefined {
  if (action !== 'stop_partner_sharing') return undefined;
  if (!account) return t('notices.blocked.noAccount');
  if (!hasCapability(account, 'profile_write')) {
    return t('notices.blocked.notOwner', { account: account.name });
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
    ? t('notices.blocked.role', { account: account.name, section: label })
    : t('notices.blocked.needsAccount', { section: label });
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
export const promotionalCurtails = (): CurtailLine[] => [
  { id: 'newsletters', text: t('notices.promotional.newsletters') },
  { id: 'product_testing', text: t('notices.promotional.product_testing') },
];

/** What refusing optional cookies curtails, as the cookies card says it. */
export const cookieCurtails = (): CurtailLine[] =>
  COOKIE_ROWS.flatMap((row) => (row.curtails ? [{ id: row.kind, text: row.curtails }] : []));

export function promotionalQuestion(): OptOutQuestion {
  return {
    title: t('notices.promotional.title'),
    intro: t('notices.promotional.intro'),
    lines: promotionalCurtails(),
    after: t('notices.promotional.after'),
    confirmLabel: t('notices.promotional.confirm'),
  };
}

export function cookiesQuestion(): OptOutQuestion {
  return {
    title: t('notices.cookies.title'),
    intro: t('notices.cookies.intro'),
    lines: cookieCurtails(),
    after: t('notices.cookies.after'),
    confirmLabel: t('notices.cookies.confirm'),
  };
}

export function sharingQuestion(accountName: string, partners: readonly CurtailLine[]): OptOutQuestion {
  return {
    title: t('notices.sharing.title', { account: accountName }),
    intro: t('notices.sharing.intro'),
    lines: [...partners],
    after: t('notices.sharing.after'),
    confirmLabel: t('notices.sharing.confirm'),
  };
}

export const sharingDone = (accountName: string): string => t('notices.sharing.done', { account: accountName });
export const sharingAlready = (accountName: string): string =>
  t('notices.sharing.already', { account: accountName });
// Functions, not constants: the words are the current language's when asked.
export const promotionalDone = (): string => t('notices.promotional.done');
export const cookiesDone = (): string => t('notices.cookies.done');
export const cookiesAlready = (): string => t('notices.cookies.already');

export const receiptNote = (): string => t('notices.receiptNote');
