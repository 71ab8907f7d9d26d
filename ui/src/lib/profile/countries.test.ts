import { describe, expect, it } from 'vitest';
import { addressWords, COMMON_COUNTRIES, isCommonCountry, normaliseCountryCode } from './countries';

describe('countries', () => {
  it('lists unique, upper-case ISO codes', () => {
    const codes = COMMON_COUNTRIES.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[A-Z]{2}$/);
  });

  it('knows the common ones', () => {
    expect(isCommonCountry('GB')).toBe(true);
    expect(isCommonCountry('LU')).toBe(false);
  });

  it('names address parts locally', () => {
    expect(addressWords('US')).toEqual({ region: 'State', postalCode: 'ZIP code' });
    expect(addressWords('gb').postalCode).toBe('Postcode');
    expect(addressWords('LU')).toEqual({});
  });

  it('normalises a typed code', () => {
    expect(normaliseCountryCode('lu')).toBe('LU');
    expect(normaliseCountryCode(' l-u x')).toBe('LU');
    expect(normaliseCountryCode('')).toBe('');
  });
});
