// The country picker's short list, and what each country calls its address
// parts. Any other ISO 3166-1 alpha-2 code can be typed; the Rust validation
// decides which parts a country requires and the postal code's format.

import { t, type MessageKey } from '../i18n';

/** Names in the current language, read when shown. */
export const COMMON_COUNTRIES: readonly { code: string; readonly name: string }[] = (
  [
    'AU', 'AT', 'BE', 'BR', 'CA', 'CH', 'DE', 'DK', 'ES', 'FI', 'FR', 'GB', 'IE',
    'IN', 'IT', 'JP', 'MX', 'NL', 'NO', 'NZ', 'PL', 'PT', 'SE', 'SG', 'US',
  ] as const
).map((code) => ({
  code,
  get name() {
    return t(`profile.country.${code}`);
  },
}));

export const isCommonCountry = (code: string): boolean => COMMON_COUNTRIES.some((c) => c.code === code);

/** Local names for the region and postal code, where they differ from the generic ones. */
const ADDRESS_WORDS: Record<string, { region: MessageKey; postalCode: MessageKey }> = {
  US: { region: 'profile.address.state', postalCode: 'profile.address.zipCode' },
  GB: { region: 'profile.address.county', postalCode: 'profile.address.postcode' },
  IE: { region: 'profile.address.county', postalCode: 'profile.address.eircode' },
  CA: { region: 'profile.address.province', postalCode: 'profile.address.postalCode' },
  AU: { region: 'profile.address.stateOrTerritory', postalCode: 'profile.address.postcode' },
  JP: { region: 'profile.address.prefecture', postalCode: 'profile.address.postalCode' },
  IN: { region: 'profile.address.state', postalCode: 'profile.address.pinCode' },
  BR: { region: 'profile.address.state', postalCode: 'profile.address.cep' },
  MX: { region: 'profile.address.state', postalCode: 'profile.address.postalCode' },
};

export function addressWords(country: string): { region?: string; postalCode?: string } {
  const words = ADDRESS_WORDS[country.toUpperCase()];
  return words ? { region: t(words.region), postalCode: t(words.postalCode) } : {};
}

/** Upper-cased letters only, at most two: what an ISO alpha-2 field accepts while typing. */
export function normaliseCountryCode(input: string): string {
  return input.replace(/[^A-Za-z]/g, '').slice(0, 2).toUpperCase();
}
