import { afterEach, describe, expect, it } from 'vitest';
import {
  absolute,
  accountKindLabel,
  cardBrandLabel,
  cardExpiry,
  cardName,
  formatAddressLine,
  cardStateLabel,
  formatDay,
  formatDecimal,
  formatMoney,
  formatRate,
  formatStorage,
  formatBytes,
  invoiceStatusLabel,
  isNegative,
  isZero,
  periodLabel,
  subscriptionStatusLabel,
  activityKindLabel,
  actorLabel,
  correctionStatusLabel,
  formatDate,
  formatDateTime,
  formatLastUsed,
  memberRoleLabel,
  userRoleLabel,
  formatNumber,
  formatTime,
} from './format';
import { setLanguage } from './i18n';

describe('labels', () => {
  it('words the roles and kinds', () => {
    expect(userRoleLabel('agent')).toBe('Support agent');
    expect(userRoleLabel('admin')).toBe('Administrator');
    expect(memberRoleLabel('billing_manager')).toBe('Billing manager');
    expect(accountKindLabel('company')).toBe('Company');
  });
});

describe('formatLastUsed', () => {
  const now = new Date('2025-11-29T12:00:00Z');
  const at = (iso: string) => formatLastUsed(iso, now, 'en-US');

  it('is relative within a week', () => {
    expect(at('2025-11-29T11:59:30Z')).toBe('just now');
    expect(at('2025-11-29T11:55:00Z')).toBe('5 minutes ago');
    expect(at('2025-11-29T09:00:00Z')).toBe('3 hours ago');
    expect(at('2025-11-28T10:00:00Z')).toBe('yesterday');
    expect(at('2025-11-25T12:00:00Z')).toBe('4 days ago');
  });

  it('is a date beyond a week, or in the future', () => {
    expect(at('2025-10-01T12:00:00Z')).toBe('Oct 1, 2025');
    expect(at('2025-12-24T12:00:00Z')).toBe('Dec 24, 2025');
  });

  it('says unknown for a bad timestamp', () => {
    expect(at('not a date')).toBe('unknown');
  });
});

describe('issue 3 wording', () => {
  it('shows staff as acting on the customer\'s behalf', () => {
    expect(actorLabel({ name: 'Grace Agent', kind: 'staff' })).toBe('Support (on your behalf)');
    expect(actorLabel({ name: 'Ada', kind: 'member' })).toBe('Ada');
    expect(actorLabel({ name: 'scheduler', kind: 'system' })).toBe('Steward (automatic)');
  });

  it('words statuses and activity', () => {
    expect(correctionStatusLabel('in_review')).toBe('In review');
    expect(activityKindLabel('sign_in_failed')).toBe('Failed sign-in');
  });

  it('formats dates, and passes through what is not one', () => {
    expect(formatDate('2025-10-01T12:00:00Z', 'en-US')).toBe('Oct 1, 2025');
    expect(formatDateTime('2025-10-01T12:00:00Z', 'en-US')).toMatch(/^Oct 1, 2025/);
    expect(formatDate('soon', 'en-US')).toBe('soon');
  });
});

describe('formatMoney', () => {
  const gbp = (amount: string) => ({ amount, currency: 'GBP' });

  it('formats a decimal string for the locale and the currency', () => {
    expect(formatMoney(gbp('1234.50'), 'en-GB')).toBe('£1,234.50');
    expect(formatMoney(gbp('29'), 'en-GB')).toBe('£29.00');
    expect(formatMoney({ amount: '1234.5', currency: 'EUR' }, 'de-DE')).toBe('1.234,50\u00a0€');
    expect(formatMoney({ amount: '1500', currency: 'JPY' }, 'en-US')).toBe('¥1,500');
  });

  it('keeps every digit of a large amount (no float on the way)', () => {
    expect(formatMoney(gbp('12345678901234567.89'), 'en-GB')).toBe('£12,345,678,901,234,567.89');
    expect(formatMoney(gbp('0.10'), 'en-GB')).toBe('£0.10');
  });

  it('shows negatives with a sign', () => {
    expect(formatMoney(gbp('-12.30'), 'en-GB')).toBe('-£12.30');
  });

  it('shows what it cannot format as it came', () => {
    expect(formatMoney(gbp('12,50'), 'en-GB')).toBe('12,50 GBP');
    expect(formatMoney({ amount: '5.00', currency: 'NOPE' }, 'en-GB')).toBe('5.00 NOPE');
  });

  it('tells credits and zero apart, by the string', () => {
    expect(isNegative(gbp('-0.01'))).toBe(true);
    expect(isNegative(gbp('-0.00'))).toBe(false);
    expect(isNegative(gbp('12.00'))).toBe(false);
    expect(isZero(gbp('-0.00'))).toBe(true);
    expect(isZero(gbp('0'))).toBe(true);
    expect(isZero(gbp('0.01'))).toBe(false);
    expect(absolute(gbp('-12.30'))).toEqual(gbp('12.30'));
    expect(absolute(gbp('12.30'))).toEqual(gbp('12.30'));
  });

  it('formats rates and figures', () => {
    expect(formatRate('0.20', 'en-GB')).toBe('20%');
    expect(formatRate('0.175', 'en-GB')).toBe('17.5%');
    expect(formatDecimal('1234.5', 'en-GB')).toBe('1,234.5');
    expect(formatDecimal('0.125', 'en-GB')).toBe('0.13');
    expect(formatStorage(100, 'en-GB')).toBe('100 GB');
    expect(formatStorage(2000, 'en-GB')).toBe('2 TB');
    expect(formatStorage(2048, 'en-GB')).toBe('2,048 GB');
  });

  it('words sizes in decimal units, as downloads do', () => {
    expect(formatBytes(0, 'en-GB')).toBe('0 bytes');
    expect(formatBytes(1, 'en-GB')).toBe('1 byte');
    expect(formatBytes(999, 'en-GB')).toBe('999 bytes');
    expect(formatBytes(1000, 'en-GB')).toBe('1 kB');
    expect(formatBytes(1234, 'en-GB')).toBe('1.2 kB');
    expect(formatBytes(540_000, 'en-GB')).toBe('540 kB');
    expect(formatBytes(999_999, 'en-GB')).toBe('1 MB');
    expect(formatBytes(1_250_000, 'en-GB')).toBe('1.3 MB');
    expect(formatBytes(34_000_000, 'en-GB')).toBe('34 MB');
    expect(formatBytes(3_400_000_000, 'en-GB')).toBe('3.4 GB');
    expect(formatBytes(Number.NaN, 'en-GB')).toBe('0 bytes');
  });
});

describe('billing wording', () => {
  it('words statuses, periods and cards', () => {
    expect(invoiceStatusLabel('refunded')).toBe('Refunded');
    expect(subscriptionStatusLabel('cancelling')).toBe('Cancelling at period end');
    expect(periodLabel('yearly')).toBe('year');
    expect(cardStateLabel('valid')).toBeUndefined();
    expect(cardStateLabel('expiring_soon')).toBe('Expiring soon');
    expect(cardBrandLabel('amex')).toBe('American Express');
    expect(cardBrandLabel('VISA')).toBe('Visa');
    expect(cardBrandLabel('elo')).toBe('Elo');
    expect(cardExpiry(8, 2027)).toBe('08/2027');
  });

  it('formats a calendar date the same in every time zone', () => {
    expect(formatDay('2024-01-01', 'en-GB')).toBe('1 Jan 2024');
    expect(formatDay('2024-1-1', 'en-GB')).toBe('2024-1-1');
  });
});

describe('cards', () => {
  it('names a card by brand and last four digits', () => {
    expect(cardName({ brand: 'amex', last4: '0005' })).toBe('American Express ending in 0005');
  });

  it('puts a billing address on one line, leaving out blank parts', () => {
    expect(formatAddressLine({ country: 'GB', line1: '12 Wharf Road', locality: 'London', postal_code: 'N1 7GR' })).toBe(
      '12 Wharf Road, London N1 7GR, GB',
    );
    expect(
      formatAddressLine({
        country: 'US',
        line1: '1 Main Street',
        line2: 'Suite 4',
        locality: 'Springfield',
        region: 'IL',
        postal_code: '62701',
      }),
    ).toBe('1 Main Street, Suite 4, Springfield, IL 62701, US');
    expect(formatAddressLine({ country: 'IE', line1: '3 Quay Street ', line2: '', locality: 'Galway' })).toBe(
      '3 Quay Street, Galway, IE',
    );
  });
});

describe('German', () => {
  afterEach(() => setLanguage('en'));

  it('formats money the German way, exactly', () => {
    const eur = (amount: string) => ({ amount, currency: 'EUR' });
    expect(formatMoney(eur('1234.50'), 'de-DE')).toBe('1.234,50\u00a0€');
    expect(formatMoney(eur('-12.3'), 'de-DE')).toBe('-12,30\u00a0€');
    expect(formatMoney(eur('0.005'), 'de-DE')).toBe('0,01\u00a0€');
    expect(formatMoney(eur('12345678901234567.89'), 'de-DE')).toBe('12.345.678.901.234.567,89\u00a0€');
    expect(formatMoney({ amount: '12345678901234567.89', currency: 'GBP' }, 'de-DE')).toBe(
      '12.345.678.901.234.567,89\u00a0£',
    );
    // As a float this is 12345678901234568: the string keeps the last digits.
    expect(Number('12345678901234567.89').toFixed(2)).not.toBe('12345678901234567.89');
  });

  it('rounds as text, carrying into the whole part', () => {
    expect(formatMoney({ amount: '9999999999999999.995', currency: 'EUR' }, 'en-GB')).toBe('€10,000,000,000,000,000.00');
    expect(formatMoney({ amount: '-0.004', currency: 'GBP' }, 'en-GB')).toBe('£0.00');
    expect(formatDecimal('12345678901234567.125', 'en-GB')).toBe('12,345,678,901,234,567.13');
  });

  it('formats numbers, rates and sizes the German way', () => {
    expect(formatDecimal('1234.5', 'de-DE')).toBe('1.234,5');
    expect(formatDecimal('0.05', 'de-DE')).toBe('0,05');
    expect(formatRate('0.175', 'de-DE')).toBe('17,5\u00a0%');
    expect(formatRate('0.2', 'de-DE')).toBe('20\u00a0%');
    expect(formatNumber(1234567, 'de-DE')).toBe('1.234.567');
    expect(formatStorage(2048, 'de-DE')).toBe('2.048 GB');
    expect(formatBytes(1_250_000, 'de-DE')).toBe('1,3 MB');
  });

  it('formats dates and times the German way', () => {
    expect(formatDay('2024-01-01', 'de-DE')).toBe('01.01.2024');
    expect(formatDate('2025-10-01T12:00:00Z', 'de-DE')).toBe('01.10.2025');
    expect(formatTime('2025-10-01T12:00:00Z', 'de-DE')).toMatch(/^\d{2}:\d{2}$/);
    const now = new Date('2025-11-29T12:00:00Z');
    expect(formatLastUsed('2025-11-29T11:55:00Z', now, 'de-DE')).toBe('vor 5 Minuten');
    expect(formatLastUsed('2025-11-28T10:00:00Z', now, 'de-DE')).toBe('gestern');
  });

  it('uses the current language when not told one', async () => {
    await setLanguage('de');
    expect(formatMoney({ amount: '1234.50', currency: 'EUR' })).toBe('1.234,50\u00a0€');
    expect(formatBytes(1)).toBe('1 Byte');
    expect(formatLastUsed('2025-11-29T11:59:30Z', new Date('2025-11-29T12:00:00Z'))).toBe('gerade eben');
    expect(invoiceStatusLabel('paid')).toBe('Bezahlt');
    expect(cardName({ brand: 'visa', last4: '4242' })).toBe('Visa mit Endziffern 4242');
    setLanguage('en');
    expect(formatMoney({ amount: '1234.50', currency: 'EUR' })).toBe('€1,234.50');
  });
});
