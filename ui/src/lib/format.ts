// Human wording for the generated enums and timestamps.

import type { AccountKind } from './generated/AccountKind';
import type { MemberRole } from './generated/MemberRole';
import type { UserRole } from './generated/UserRole';

// `Record`s over the generated unions: a new variant in Rust fails the type
// check until it has a label here.
const USER_ROLE_LABELS: Record<UserRole, string> = {
  customer: 'Customer',
  agent: 'Support agent',
  admin: 'Administrator',
};

const MEMBER_ROLE_LABELS: Record<MemberRole, string> = {
  owner: 'Owner',
  billing_manager: 'Billing manager',
  viewer: 'Viewer',
};

const ACCOUNT_KIND_LABELS: Record<AccountKind, string> = {
  personal: 'Personal',
  company: 'Company',
};

export const userRoleLabel = (role: UserRole): string => USER_ROLE_LABELS[role] ?? role;
export const memberRoleLabel = (role: MemberRole): string => MEMBER_ROLE_LABELS[role] ?? role;
export const accountKindLabel = (kind: AccountKind): string => ACCOUNT_KIND_LABELS[kind] ?? kind;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "just now", "5 minutes ago", "yesterday", "3 days ago", or a date for
 * anything older than a week (or in the future, as from a skewed clock).
 */
export function formatLastUsed(iso: string, now: Date = new Date(), locale?: string): string {
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return 'unknown';
  const elapsed = now.getTime() - then.getTime();
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (elapsed >= 0 && elapsed < MINUTE) return 'just now';
  if (elapsed >= 0 && elapsed < HOUR) return relative.format(-Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed >= 0 && elapsed < DAY) return relative.format(-Math.floor(elapsed / HOUR), 'hour');
  if (elapsed >= 0 && elapsed < 7 * DAY) return relative.format(-Math.floor(elapsed / DAY), 'day');
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(then);
}
