// Human wording for the generated enums, and dates, numbers and money
// formatted for the console's language (`intlLocale()`, read at each call,
// so a template re-renders when the language changes). An explicit `locale`
// argument is for tests.

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
import { intlLocale, language, t } from './i18n';

// Keys built from the generated unions: a new variant in Rust fails the type
// check until both catalogues have a label for it.

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

export const invoiceStatusLabel = (s: InvoiceStatus): string => t(`format.invoiceStatus.${s}`);
export const subscriptionStatusLabel = (s: SubscriptionStatus): string => t(`format.subscriptionStatus.${s}`);
/** "month": after a price, "per month". */
export const periodLabel = (p: BillingPeriod): string => t(`format.period.${p}`);
/** Valid cards get no badge. */
export const cardStateLabel = (s: CardState): string | undefined => (s === 'valid' ? undefined : t(`format.cardState.${s}`));

/** "Visa", "American Express"; an unknown brand capitalised. */
export function cardBrandLabel(brand: string): string {
  const known = CARD_BRANDS[brand.toLowerCase()];
  if (known) return known;
  return brand === '' ? t('format.card') : brand.charAt(0).toUpperCase() + brand.slice(1);
}

/** "08/2027". */
export function cardExpiry(month: number, year: number): string {
  return `${String(month).padStart(2, '0')}/${year}`;
}

/** "Visa ending in 4242". */
export const cardName = (card: { brand: string; last4: string }): string =>
  t('format.cardName', { brand: cardBrandLabel(card.brand), last4: card.last4 });

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

export const contactPurposeLabel = (p: ContactPurpose): string => t(`format.contactPurpose.${p}`);
export const correctionStatusLabel = (s: CorrectionStatus): string => t(`format.correctionStatus.${s}`);
export const invitationStatusLabel = (s: InvitationStatus): string => t(`format.invitationStatus.${s}`);
export const verificationItemLabel = (i: VerificationItem): string => t(`format.verificationItem.${i}`);
export const activityKindLabel = (k: ActivityKind): string => t(`format.activityKind.${k}`);

/** Who did it, as the customer should read it: staff act on their behalf (PR-17). */
export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'staff':
      return t('format.actor.staff');
    case 'system':
      return t('format.actor.system');
    case 'member':
      return actor.name;
  }
}

export const userRoleLabel = (role: UserRole): string => t(`format.userRole.${role}`);
export const memberRoleLabel = (role: MemberRole): string => t(`format.memberRole.${role}`);
export const accountKindLabel = (kind: AccountKind): string => t(`format.accountKind.${kind}`);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "just now", "5 minutes ago", "yesterday", "3 days ago", or a date for
 * anything older than a week (or in the future, as from a skewed clock).
 */
export function formatLastUsed(iso: string, now: Date = new Date(), locale: string = intlLocale()): string {
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return t('format.unknownTime');
  const elapsed = now.getTime() - then.getTime();
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (elapsed >= 0 && elapsed < MINUTE) return t('format.justNow');
  if (elapsed >= 0 && elapsed < HOUR) return relative.format(-Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed >= 0 && elapsed < DAY) return relative.format(-Math.floor(elapsed / HOUR), 'hour');
  if (elapsed >= 0 && elapsed < 7 * DAY) return relative.format(-Math.floor(elapsed / DAY), 'day');
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(then);
}

/** "Nov 29, 2025, 12:00 PM"; the input itself when it is not a timestamp. */
export function formatDateTime(iso: string, locale: string = intlLocale()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

/** "Nov 29, 2025"; the input itself when it is not a timestamp. */
export function formatDate(iso: string, locale: string = intlLocale()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(at);
}

/** "12:00 PM", for "Saved at …". */
export function formatTime(iso: string, locale: string = intlLocale()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(at);
}

/** A count or other whole number with the language's grouping: "1,234", "1.234". */
export function formatNumber(n: number, locale: string = intlLocale()): string {
  return new Intl.NumberFormat(locale).format(n);
}

/** A whole number without grouping, such as a quantity on an invoice line: "1200", "1.5" ("1,5" in German). */
export function formatQuantity(n: number, locale: string = intlLocale()): string {
  return new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 20 }).format(n);
}

/** "a, b, and c" ("a, b und c" in German): by language, not region, so English reads the same everywhere. */
export function formatList(items: readonly string[], locale: string = language()): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}

// ---- Money and exact decimals ----
//
// Amounts travel as decimal strings and never become floats, not even for
// display: the digits are rounded as text, the integer part is grouped by
// `Intl.NumberFormat` as a BigInt, and the locale's pattern (sign, symbol,
// separators) comes from formatting ±1 with the same options.

/** A plain decimal, as rust_decimal writes one: "12", "-0.50", "1234.5678". */
const DECIMAL = /^[-+]?\d+(\.\d+)?$/;

export function isDecimal(value: string): boolean {
  return DECIMAL.test(value.trim());
}

/** `digits` rounded half away from zero (Intl's default) to `max` fraction digits, as text. */
function roundDecimal(whole: string, fraction: string, max: number): { whole: string; fraction: string } {
  if (fraction.length <= max) return { whole, fraction };
  const kept = BigInt(whole + fraction.slice(0, max)) + (fraction.charAt(max) >= '5' ? 1n : 0n);
  const digits = kept.toString().padStart(max + 1, '0');
  return { whole: digits.slice(0, digits.length - max), fraction: digits.slice(digits.length - max) };
}

/**
 * `value` (a decimal string; `isDecimal` holds) formatted exactly with `format`'s
 * locale and options. `shift` moves the decimal point right first (2 for percentages).
 */
function formatExact(format: Intl.NumberFormat, value: string, shift = 0): string {
  const match = /^([-+]?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) return value;
  const [, sign = '', wholeDigits = '0', fractionDigits = ''] = match;
  const fractionLength = Math.max(fractionDigits.length - shift, 0);
  const moved = (wholeDigits + fractionDigits.padEnd(shift, '0')).replace(/^0+/, '').padStart(fractionLength + 1, '0');
  const cut = moved.length - fractionLength;
  const options = format.resolvedOptions();
  const min = options.minimumFractionDigits ?? 0;
  const max = options.maximumFractionDigits ?? 3;
  const rounded = roundDecimal(moved.slice(0, cut) || '0', moved.slice(cut), max);
  let fraction = rounded.fraction.replace(/0+$/, '');
  fraction = fraction.padEnd(Math.max(min, fraction.length), '0');
  // "-0.001" rounds to zero, which has no sign.
  const negative = sign === '-' && /[1-9]/.test(rounded.whole + fraction);

  const plain = new Intl.NumberFormat(options.locale, {
    numberingSystem: options.numberingSystem,
    useGrouping: options.useGrouping,
  } as Intl.NumberFormatOptions);
  const grouped = plain
    .formatToParts(BigInt(rounded.whole))
    .filter((part) => part.type === 'integer' || part.type === 'group')
    .map((part) => part.value)
    .join('');
  const digits = [...'0123456789'].map((d) => plain.format(Number(d)));
  const localFraction = [...fraction].map((d) => digits[Number(d)] ?? d).join('');
  const separator = plain.formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';

  // The pattern: ±1 (±0.01 for percentages) with the same options.
  const pattern = format.formatToParts((negative ? -1 : 1) / 10 ** shift);
  // A pattern without decimals (minimum 0) still needs them for this value.
  const addDecimals = fraction !== '' && !pattern.some((part) => part.type === 'decimal');
  let out = '';
  for (const part of pattern) {
    if (part.type === 'integer') {
      out += grouped + (addDecimals ? separator + localFraction : '');
    } else if (part.type === 'group') {
      continue;
    } else if (part.type === 'decimal') {
      if (fraction !== '') out += part.value;
    } else if (part.type === 'fraction') {
      out += localFraction;
    } else {
      out += part.value;
    }
  }
  return out;
}

/** "£1,234.50" for `{ amount: '1234.50', currency: 'GBP' }` in en-GB, "1.234,50 €" in German; unformattable input as is. */
export function formatMoney(m: Money, locale: string = intlLocale()): string {
  if (!isDecimal(m.amount)) return `${m.amount} ${m.currency}`.trim();
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency });
  } catch {
    // An unknown currency code: still exact, just without a symbol.
    return `${m.amount.trim()} ${m.currency}`;
  }
  return formatExact(format, m.amount);
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

/** A rate as a percentage: "0.20" is "20%", "0.175" is "17.5%" ("17,5 %" in German). */
export function formatRate(rate: string, locale: string = intlLocale()): string {
  if (!isDecimal(rate)) return rate;
  return formatExact(new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 3 }), rate, 2);
}

/** A decimal figure for display, e.g. "1,234.5"; at most `digits` after the point. */
export function formatDecimal(value: string, locale: string = intlLocale(), digits = 2): string {
  if (!isDecimal(value)) return value;
  return formatExact(new Intl.NumberFormat(locale, { maximumFractionDigits: digits }), value);
}

/** "100 GB", "2 TB" (the catalogue's decimal terabytes). */
export function formatStorage(gb: number, locale: string = intlLocale()): string {
  const n = new Intl.NumberFormat(locale);
  return gb >= 1000 && gb % 1000 === 0 ? `${n.format(gb / 1000)} TB` : `${n.format(gb)} GB`;
}

/** A file's size in decimal units: "512 bytes", "1 byte", "540 kB", "1.2 MB", "3.4 GB". */
export function formatBytes(bytes: number, locale: string = intlLocale()): string {
  if (!Number.isFinite(bytes) || bytes < 1000) {
    const n = Number.isFinite(bytes) ? Math.max(0, Math.round(bytes)) : 0;
    return t('format.bytes', { count: n });
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
export function formatDay(ymd: string, locale: string = intlLocale()): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!match) return ymd;
  const at = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(at);
}
