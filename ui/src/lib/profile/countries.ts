// The country picker's short list, and what each country calls its address
// parts. Any other ISO 3166-1 alpha-2 code can be typed; the Rust validation
// decides which parts a country requires and the postal code's format.

export const COMMON_COUNTRIES: readonly { code: string; name: string }[] = [
  { code: 'AU', name: 'Australia' },
  { code: 'AT', name: 'Austria' },
  { code: 'BE', name: 'Belgium' },
  { code: 'BR', name: 'Brazil' },
  { code: 'CA', name: 'Canada' },
  { code: 'CH', name: 'Switzerland' },
  { code: 'DE', name: 'Germany' },
  { code: 'DK', name: 'Denmark' },
  { code: 'ES', name: 'Spain' },
  { code: 'FI', name: 'Finland' },
  { code: 'FR', name: 'France' },
  { code: 'GB', name: 'United Kingdom' },
  { code: 'IE', name: 'Ireland' },
  { code: 'IN', name: 'India' },
  { code: 'IT', name: 'Italy' },
  { code: 'JP', name: 'Japan' },
  { code: 'MX', name: 'Mexico' },
  { code: 'NL', name: 'Netherlands' },
  { code: 'NO', name: 'Norway' },
  { code: 'NZ', name: 'New Zealand' },
  { code: 'PL', name: 'Poland' },
  { code: 'PT', name: 'Portugal' },
  { code: 'SE', name: 'Sweden' },
  { code: 'SG', name: 'Singapore' },
  { code: 'US', name: 'United States' },
];

export const isCommonCountry = (code: string): boolean => COMMON_COUNTRIES.some((c) => c.code === code);

/** Local names for the region and postal code, where they differ from the generic ones. */
const ADDRESS_WORDS: Record<string, { region: string; postalCode: string }> = {
  US: { region: 'State', postalCode: 'ZIP code' },
  GB: { region: 'County', postalCode: 'Postcode' },
  IE: { region: 'County', postalCode: 'Eircode' },
  CA: { region: 'Province', postalCode: 'Postal code' },
  AU: { region: 'State or territory', postalCode: 'Postcode' },
  JP: { region: 'Prefecture', postalCode: 'Postal code' },
  IN: { region: 'State', postalCode: 'PIN code' },
  BR: { region: 'State', postalCode: 'CEP' },
  MX: { region: 'State', postalCode: 'Postal code' },
};

export function addressWords(country: string): { region?: string; postalCode?: string } {
  return ADDRESS_WORDS[country.toUpperCase()] ?? {};
}

/** Upper-cased letters only, at most two: what an ISO alpha-2 field accepts while typing. */
export function normaliseCountryCode(input: string): string {
  return input.replace(/[^A-Za-z]/g, '').slice(0, 2).toUpperCase();
}
