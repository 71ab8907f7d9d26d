import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { interpolate, loadLanguage, setLanguage, t, tIn } from '.';

// `tIn` reads German only once it is here (the console fetches it when it is to speak it).
beforeAll(() => loadLanguage('de'));
afterEach(() => setLanguage('en'));

describe('t', () => {
  it('speaks the current language', async () => {
    expect(t('format.invoiceStatus.paid')).toBe('Paid');
    await setLanguage('de');
    expect(t('format.invoiceStatus.paid')).toBe('Bezahlt');
  });

  it('fills placeholders, and leaves one without a value in sight', () => {
    expect(t('format.cardName', { brand: 'Visa', last4: '4242' })).toBe('Visa ending in 4242');
    expect(tIn('de', 'format.cardName', { brand: 'Visa', last4: '4242' })).toBe('Visa mit Endziffern 4242');
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(interpolate('{a}{a}', { a: 'x' })).toBe('xx');
  });

  it('does not read placeholders from the prototype', () => {
    expect(interpolate('{constructor}', {})).toBe('{constructor}');
  });

  it('picks the plural form for the count, per language', () => {
    expect(t('format.bytes', { count: 1 })).toBe('1 byte');
    expect(t('format.bytes', { count: 0 })).toBe('0 bytes');
    expect(t('format.bytes', { count: 3 })).toBe('3 bytes');
    expect(tIn('de', 'format.bytes', { count: 1 })).toBe('1 Byte');
    expect(tIn('de', 'format.bytes', { count: 3 })).toBe('3 Byte');
  });

  it('falls back to the "other" form without a count', () => {
    expect(t('format.bytes')).toBe('{count} bytes');
  });
});
