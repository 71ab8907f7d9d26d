// Human wording for the generated enums and timestamps.

import type { AccountKind } from './generated/AccountKind';
import type { BillingPeriod } from './generated/BillingPeriod';
import type { CardState } from './generated/CardState';
import type { InvoiceStatus } from './generated/InvoiceStatus';
import type { Money } from './generated/Money';
import type { PostalAddress } from './generated/PostalAddress';
import type { SubscriptionStatus } from './generated/SubscriptionStatus';
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

const INVOICE_STATUS_LABELS: Record<InvoiceStatus, string> = {
  open: 'Open',
  paid: 'Paid',
  void: 'Void',
  refunded: 'Refunded',
};

const SUBSCRIPTION_STATUS_LABELS: Record<SubscriptionStatus, string> = {
  active: 'Active',
  cancelling: 'Cancelling at period end',
  cancelled: 'Cancelled',
};

/** "per month": after a price. */
const PERIOD_LABELS: Record<BillingPeriod, string> = {
  monthly: 'month',
  yearly: 'year',
};

/** Valid cards get no badge. */
const CARD_STATE_LABELS: Record<CardState, string | undefined> = {
  valid: undefined,
  expiring_soon: 'Expiring soon',
  expired: 'Expired',
};

const CARD_BRANDS: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
  maestro: 'Maestro',
};

export const invoiceStatusLabel = (s: InvoiceStatus): string => INVOICE_STATUS_LABELS[s] ?? s;
export const subscriptionStatusLabel = (s: SubscriptionStatus): string => SUBSCRIPTION_STATUS_LABELS[s] ?? s;
export const periodLabel = (p: BillingPeriod): string => PERIOD_LABELS[p] ?? p;
export const cardStateLabel = (s: CardState): string | undefined => CARD_STATE_LABELS[s];

/** "Visa", "American Express"; an unknown brand capitalised. */
export function cardBrandLabel(brand: string): string {
  const known = CARD_BRANDS[brand.toLowerCase()];
  if (known) return known;
  return brand === '' ? 'Card' : brand.charAt(0).toUpperCase() + brand.slice(1);
}

/** "08/2027". */
export function cardExpiry(month: number, year: number): string {
  return `${String(month).padStart(2, '0')}/${year}`;
}

/** "Visa ending in 4242". */
export const cardName = (card: { brand: string; last4: string }): string =>
  `${cardBrandLabel(card.brand)} ending in ${card.last4}`;

/**
 * An address on one line: "12 Wharf Road, London N1 7GR, GB",
 * "1 Main Street, Springfield, IL 62701, US". Blank parts are left out.
 */
export function formatAddressLine(a: PostalAddress): string {
  const part = (value: string | undefined) => value?.trim() ?? '';
  const place = [part(a.locality), part(a.region)].filter((p) => p !== '').join(', ');
  const town = [place, part(a.postal_code)].filter((p) => p !== '').join(' ');
  return [part(a.line1), part(a.line2), town, part(a.country)].filter((p) => p !== '').join(', ');
}

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

// ---- Money and exact decimals ----
//
// Amounts travel as decimal strings and are never turned into floats for
// arithmetic. For display, the string itself is handed to Intl.NumberFormat:
// engines with Intl.NumberFormat v3 format it exactly; older ones convert it
// as `Number()` would, which only affects what is shown.

/** A plain decimal, as rust_decimal writes one: "12", "-0.50", "1234.5678". */
const DECIMAL = /^[-+]?\d+(\.\d+)?$/;

export function isDecimal(value: string): boolean {
  return DECIMAL.test(value.trim());
}

/** The string, typed for `format`; see above. */
function exact(value: string): number {
  return value.trim() as unknown as number;
}

/** "£1,234.50" for `{ amount: '1234.50', currency: 'GBP' }` in en-GB; unformattable input as is. */
export function formatMoney(m: Money, locale?: string): string {
  if (!isDecimal(m.amount)) return `${m.amount} ${m.currency}`.trim();
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency }).format(exact(m.amount));
  } catch {
    // An unknown currency code: still exact, just without a symbol.
    return `${m.amount.trim()} ${m.currency}`;
  }
}

/** Below zero (a credit); "-0.00" is not. */
export function isNegative(m: Money): boolean {
  const amount = m.amount.trim();
  return amount.startsWith('-') && /[1-9]/.test(amount);
}

export function isZero(m: Money): boolean {
  return isDecimal(m.amount) && !/[1-9]/.test(m.amount);
}

/** The same amount without its sign: a string operation, exact. */
export function absolute(m: Money): Money {
  return { ...m, amount: m.amount.trim().replace(/^[-+]/, '') };
}

/** A rate as a percentage: "0.20" is "20%", "0.175" is "17.5%". */
export function formatRate(rate: string, locale?: string): string {
  if (!isDecimal(rate)) return rate;
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 3 }).format(exact(rate));
}

/** A decimal figure for display, e.g. "1,234.5"; at most `digits` after the point. */
export function formatDecimal(value: string, locale?: string, digits = 2): string {
  if (!isDecimal(value)) return value;
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(exact(value));
}

/** "100 GB", "2 TB" (the catalogue's decimal terabytes). */
export function formatStorage(gb: number, locale?: string): string {
  const n = new Intl.NumberFormat(locale);
  return gb >= 1000 && gb % 1000 === 0 ? `${n.format(gb / 1000)} TB` : `${n.format(gb)} GB`;
}

/** A file's size in decimal units: "512 bytes", "1 byte", "540 kB", "1.2 MB", "3.4 GB". */
export function formatBytes(bytes: number, locale?: string): string {
  if (!Number.isFinite(bytes) || bytes < 1000) {
    const n = Number.isFinite(bytes) ? Math.max(0, Math.round(bytes)) : 0;
    return `${new Intl.NumberFormat(locale).format(n)} ${n === 1 ? 'byte' : 'bytes'}`;
  }
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 999.95 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = value < 10 ? 1 : 0;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** A calendar date (`YYYY-MM-DD`, no time zone) as "1 Dec 2025"; the input when it is not one. */
export function formatDay(ymd: string, locale?: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!match) return ymd;
  const at = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(at);
}
