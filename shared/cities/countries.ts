/**
 * Countries by ISO 3166-1 alpha-2 code. The list of valid codes comes from a maintained
 * package (i18n-iso-countries' code table, 10 KB, no locale data); the English names come from
 * the runtime's own ICU data (`Intl.DisplayNames`), which gives the short names people use
 * ("Laos", "North Macedonia") at no bundle cost.
 */
import codes from 'i18n-iso-countries/codes.json';

// Pure: a function that never checks a code drops the table from its bundle (see shared/zod.ts).
const ALPHA2 = /* @__PURE__ */ (() => new Set<string>((codes as string[][]).map((row) => row[0] as string)))();
// Creating the ICU display-names object costs ~12 ms: pay it only in a function that names a
// country (most only validate codes), and once per container.
let names: Intl.DisplayNames | undefined;

/** The United States: the program pairs communities abroad with U.S. ones. */
export const HOME_COUNTRY = 'US';

/**
 * Whether `code` (upper case) is an assigned ISO 3166-1 alpha-2 code.
 *
 * @example
 * isCountryCode('LA') // true
 */
export function isCountryCode(code: string): boolean {
  return ALPHA2.has(code);
}

/**
 * The English short name of a country.
 *
 * @example
 * countryName('LA') // 'Laos'
 */
export function countryName(code: string): string {
  names ??= new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
  return names.of(code) ?? code;
}

/** Every country abroad, sorted by name (for forms). */
export function countriesAbroad(): Array<{ code: string; name: string }> {
  return [...ALPHA2]
    .filter((code) => code !== HOME_COUNTRY)
    .map((code) => ({ code, name: countryName(code) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
}
