import { describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n';
import { cancelling, license, starter, studio, subscription } from '../testing/billing';
import {
  cancelConsequences,
  eventLabel,
  licenseRenewal,
  lineAmount,
  planAllowance,
  planPrice,
  renewalLine,
  termLine,
  totalWording,
} from './wording';

const gbp = (amount: string) => ({ amount, currency: 'GBP' });

describe('plan wording', () => {
  it('prices and sizes a plan', () => {
    expect(planPrice(starter, 'en-GB')).toBe('£29.00 / month');
    expect(planPrice({ ...studio, period: 'yearly', price: gbp('990') }, 'en-GB')).toBe('£990.00 / year');
    expect(planAllowance(starter, 'en-GB')).toBe('1 seat · 100 GB storage');
    expect(planAllowance(studio, 'en-GB')).toBe('10 seats · 2 TB storage');
  });

  it('says when the subscription renews or ends', () => {
    expect(renewalLine(subscription, 'en-GB')).toBe('Renews on 1 Dec 2025');
    expect(renewalLine(cancelling, 'en-GB')).toBe('Ends on 1 Dec 2025; it will not renew');
    expect(renewalLine({ ...cancelling, status: 'cancelled' }, 'en-GB')).toBe('Ended on 1 Dec 2025');
  });

  it('says what cancelling curtails, and until when service continues (PR-20)', () => {
    const lines = cancelConsequences(subscription, 'en-GB');
    expect(lines[0]).toBe('Service continues until 1 Dec 2025, then stops.');
    expect(lines[1]).toMatch(/Starter's 1 seat · 100 GB storage are no longer available/);
  });
});

describe('proration wording', () => {
  it('reads a negative total as a credit', () => {
    expect(totalWording(gbp('-12.30'), 'en-GB')).toEqual({ label: 'Credit to your account', amount: '£12.30', credit: true });
    expect(totalWording(gbp('42.00'), 'en-GB')).toEqual({ label: 'To pay now', amount: '£42.00', credit: false });
    expect(totalWording(gbp('0.00'), 'en-GB')).toEqual({ label: 'Nothing to pay now', amount: '£0.00', credit: false });
    expect(lineAmount(gbp('-14.50'), 'en-GB')).toBe('£14.50 credit');
    expect(lineAmount(gbp('49.50'), 'en-GB')).toBe('£49.50');
  });
});

describe('license renewal', () => {
  const at = (iso: string) => new Date(iso);

  it('highlights a renewal within 30 days', () => {
    expect(licenseRenewal(license, at('2025-12-01T12:00:00Z'), 'en-GB')).toEqual({
      text: 'Renews on 10 Dec 2025',
      soon: true,
      when: 'in 9 days',
    });
    expect(licenseRenewal(license, at('2025-11-10T12:00:00Z'), 'en-GB').soon).toBe(true);
    expect(licenseRenewal(license, at('2025-11-09T12:00:00Z'), 'en-GB').soon).toBe(false);
  });

  it('says "ends" without auto-renewal, and "ended" after the term', () => {
    expect(licenseRenewal({ ...license, auto_renew: false }, at('2025-01-01T12:00:00Z'), 'en-GB')).toEqual({
      text: 'Ends on 10 Dec 2025',
      soon: false,
    });
    expect(licenseRenewal(license, at('2026-01-01T12:00:00Z'), 'en-GB')).toEqual({
      text: 'Ended on 10 Dec 2025',
      soon: false,
    });
  });

  it('words the term and its history', () => {
    expect(termLine(license, 'en-GB')).toBe('10 Dec 2024 – 10 Dec 2025');
    expect(eventLabel('seats_changed')).toBe('Seats changed');
    expect(eventLabel('moved_region')).toBe('Moved region');
    expect(eventLabel('')).toBe('Change');
  });

  it('names the known license events in German (issue 9)', async () => {
    await setLanguage('de');
    try {
      expect(eventLabel('seats_changed')).toBe('Plätze geändert');
      expect(eventLabel('renewed')).toBe('Verlängert');
      expect(eventLabel('')).toBe('Änderung');
    } finally {
      await setLanguage('en');
    }
  });
});
