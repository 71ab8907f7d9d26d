// Human wording for the generated enums and timestamps.

import type { AccountKind } from './generated/AccountKind';
import type { ActivityKind } from './generated/ActivityKind';
import type { Actor } from './generated/Actor';
import type { ContactPurpose } from './generated/ContactPurpose';
import type { CorrectionStatus } from './generated/CorrectionStatus';
import type { InvitationStatus } from './generated/InvitationStatus';
import type { MemberRole } from './generated/MemberRole';
import type { UserRole } from './generated/UserRole';
import type { VerificationItem } from './generated/VerificationItem';

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

const CONTACT_PURPOSE_LABELS: Record<ContactPurpose, string> = {
  general: 'General',
  billing: 'Billing',
  technical: 'Technical',
  privacy: 'Privacy',
};

const CORRECTION_STATUS_LABELS: Record<CorrectionStatus, string> = {
  open: 'Open',
  in_review: 'In review',
  done: 'Done',
  declined: 'Declined',
};

const INVITATION_STATUS_LABELS: Record<InvitationStatus, string> = {
  pending: 'Pending',
  accepted: 'Accepted',
  cancelled: 'Cancelled',
  expired: 'Expired',
};

const VERIFICATION_ITEM_LABELS: Record<VerificationItem, string> = {
  contact_details: 'Contact details',
  billing_address: 'Billing address',
  company_information: 'Company information',
};

const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  sign_in: 'Signed in',
  sign_in_failed: 'Failed sign-in',
  password_changed: 'Password changed',
  email_changed: 'Sign-in e-mail changed',
  two_factor_enabled: 'Two-factor sign-in turned on',
  two_factor_disabled: 'Two-factor sign-in turned off',
  recovery_code_used: 'Recovery code used',
  session_revoked: 'Session signed out',
};

export const contactPurposeLabel = (p: ContactPurpose): string => CONTACT_PURPOSE_LABELS[p] ?? p;
export const correctionStatusLabel = (s: CorrectionStatus): string => CORRECTION_STATUS_LABELS[s] ?? s;
export const invitationStatusLabel = (s: InvitationStatus): string => INVITATION_STATUS_LABELS[s] ?? s;
export const verificationItemLabel = (i: VerificationItem): string => VERIFICATION_ITEM_LABELS[i] ?? i;
export const activityKindLabel = (k: ActivityKind): string => ACTIVITY_KIND_LABELS[k] ?? k;

/** Who did it, as the customer should read it: staff act on their behalf (PR-17). */
export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'staff':
      return 'Support (on your behalf)';
    case 'system':
      return 'Steward (automatic)';
    case 'member':
      return actor.name;
  }
}

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

/** "Nov 29, 2025, 12:00 PM"; the input itself when it is not a timestamp. */
export function formatDateTime(iso: string, locale?: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

/** "Nov 29, 2025"; the input itself when it is not a timestamp. */
export function formatDate(iso: string, locale?: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(at);
}

/** "12:00 PM", for "Saved at …". */
export function formatTime(iso: string, locale?: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(at);
}
