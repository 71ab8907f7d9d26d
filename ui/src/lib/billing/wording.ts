// What the Billing section says about a subscription, a plan change and a
// license, as pure functions of the data (and of "now" for dates).

import { absolute, formatDate, formatMoney, formatStorage, isNegative, isZero, periodLabel } from '../format';
import type { License } from '../generated/License';
import type { Money } from '../generated/Money';
import type { Plan } from '../generated/Plan';
import type { Subscription } from '../generated/Subscription';
import { intlLocale, t, type MessageKey } from '../i18n';

const DAY = 24 * 60 * 60 * 1000;
export const RENEWAL_SOON_DAYS = 30;

/** "£29.00 / month". */
export function planPrice(plan: Plan, locale?: string): string {
  return t('billing.plan.price', { price: formatMoney(plan.price, locale), period: periodLabel(plan.period) });
}

/** "1 seat · 100 GB storage". */
export function planAllowance(plan: Plan, locale?: string): string {
  const seats = t('billing.plan.seatCount', { count: plan.seats });
  return t('billing.plan.allowance', { seats, storage: formatStorage(plan.storage_gb, locale) });
}

/** The line under the plan: when it renews, or when it ends. */
export function renewalLine(sub: Subscription, locale?: string): string {
  switch (sub.status) {
    case 'active':
      return t('billing.plan.renewsOn', { date: formatDate(sub.renews_at ?? sub.current_period_end, locale) });
    case 'cancelling':
      return t('billing.plan.endsOnNoRenew', { date: formatDate(sub.current_period_end, locale) });
    case 'cancelled':
      return t('billing.plan.endedOn', { date: formatDate(sub.current_period_end, locale) });
  }
}

/** What cancelling curtails (PR-20), said before the user confirms. */
export function cancelConsequences(sub: Subscription, locale?: string): string[] {
  const end = formatDate(sub.current_period_end, locale);
  return [
    t('billing.plan.continuesUntil', { date: end }),
    t('billing.cancel.noLongerAvailable', { plan: sub.plan.name, allowance: planAllowance(sub.plan, locale) }),
    t('billing.cancel.notCharged'),
    t('billing.cancel.canResume', { date: end }),
  ];
}

export interface TotalWording {
  label: string;
  /** The amount without its sign: a credit reads as "credit", not as "-£12.30". */
  amount: string;
  credit: boolean;
}

/** A proration total: to pay now, a credit to the account, or nothing. */
export function totalWording(total: Money, locale?: string): TotalWording {
  if (isZero(total)) {
    return { label: t('billing.total.nothing'), amount: formatMoney(absolute(total), locale), credit: false };
  }
  if (isNegative(total)) {
    return { label: t('billing.total.credit'), amount: formatMoney(absolute(total), locale), credit: true };
  }
  return { label: t('billing.total.toPay'), amount: formatMoney(total, locale), credit: false };
}

/** A charge line: a negative amount is a credit ("−£14.50 credit"). */
export function lineAmount(amount: Money, locale?: string): string {
  return isNegative(amount)
    ? t('billing.total.lineCredit', { amount: formatMoney(absolute(amount), locale) })
    : formatMoney(amount, locale);
}

/** Whole calendar days from `from` to `to`, in local time (DST-proof). */
function calendarDays(from: Date, to: Date): number {
  const day = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  return Math.round((day(to) - day(from)) / DAY);
}

export interface RenewalNotice {
  /** "Renews on 10 Dec 2025", "Ends on …", "Ended on …". */
  text: string;
  /** Within the next 30 days: highlighted. */
  soon: boolean;
  /** "in 9 days", "today", "tomorrow", when soon. */
  when?: string;
}

export function licenseRenewal(license: License, now: Date = new Date(), locale?: string): RenewalNotice {
  const end = new Date(license.term_end);
  const date = formatDate(license.term_end, locale);
  if (Number.isNaN(end.getTime())) return { text: t('billing.licenses.termEnds', { date: license.term_end }), soon: false };
  const days = calendarDays(now, end);
  if (days < 0) return { text: t('billing.plan.endedOn', { date }), soon: false };
  const text = license.auto_renew ? t('billing.plan.renewsOn', { date }) : t('billing.licenses.endsOn', { date });
  if (days > RENEWAL_SOON_DAYS) return { text, soon: false };
  const when = new Intl.RelativeTimeFormat(locale ?? intlLocale(), { numeric: 'auto' }).format(days, 'day');
  return { text, soon: true, when };
}

/** "10 Dec 2024 – 10 Dec 2025". */
export function termLine(license: License, locale?: string): string {
  return `${formatDate(license.term_start, locale)} – ${formatDate(license.term_end, locale)}`;
}

const EVENTS = new Set(['issued', 'renewed', 'seats_changed', 'cancelled']);

/** `seats_changed` as "Seats changed" in the chosen language; a kind we do not know yet, in its own words. */
export function eventLabel(kind: string): string {
  if (EVENTS.has(kind)) return t(`billing.licenses.event.${kind}` as MessageKey);
  const words = kind.replace(/_/g, ' ').trim();
  return words === '' ? t('billing.licenses.change') : words.charAt(0).toUpperCase() + words.slice(1);
}
