/**
 * A representative UTC offset per country and per U.S. state, for "how many hours apart"
 * between a member and a city. It is an approximation on purpose:
 *
 * - standard time only (daylight saving moves both sides by about the same hour for most
 *   pairs, and a matching hint does not need more);
 * - one offset per country or state: the capital's or the most populous zone's (Russia:
 *   Moscow; Canada: Toronto; Brazil: São Paulo; Australia: Sydney; China: Beijing; Indonesia:
 *   Jakarta; Mexico: Mexico City; Kentucky, Indiana, Tennessee and the like: their larger zone);
 * - a country missing from the table gets its world region's typical offset (REGION_FALLBACK).
 *
 * The table is written by offset, so it stays short and easy to check against a map.
 */
import { worldRegionOf, type WorldRegion } from '../cities/world-regions';

const COUNTRIES_BY_OFFSET: Record<string, string> = {
  '-11': 'AS NU',
  '-10': 'CK PF',
  '-8': 'PN',
  '-6': 'BZ CR SV GT HN NI MX',
  '-5': 'BS CA CO CU EC HT JM KY PA PE TC',
  '-4': 'AG AI AW BB BL BM BO BQ CL CW DM DO GD GP GY KN LC MF MQ MS PR SX TT VC VE VG VI',
  '-3': 'AR BR FK GF PM PY SR UY',
  '-2': 'GL GS',
  '-1': 'CV',
  '0': 'BF CI FO GB GG GH GM GN GW IE IM IS JE LR ML MR PT SH SL SN ST TG',
  '1': 'AD AL AO AT BA BE BJ CD CF CG CH CM CZ DE DK DZ EH ES FR GA GI GQ HR HU IT LI LU MA MC ME MK MT NE NG NL NO PL RS SE SI SJ SK SM TD TN VA XK',
  '2': 'AX BG BI BW CY EE EG FI GR IL LB LS LT LV LY MD MW MZ NA PS RO RW SD SS SZ UA ZA ZM ZW',
  '3': 'BH BY DJ ER ET IQ JO KE KM KW MG QA RU SA SO SY TR TZ UG YE YT',
  '3.5': 'IR',
  '4': 'AE AM AZ GE MU OM RE SC',
  '4.5': 'AF',
  '5': 'KZ MV PK TF TJ TM UZ',
  '5.5': 'IN LK',
  '5.75': 'NP',
  '6': 'BD BT IO KG',
  '6.5': 'CC MM',
  '7': 'CX ID KH LA TH VN',
  '8': 'BN CN HK MN MO MY PH SG TW',
  '9': 'JP KP KR PW TL',
  '10': 'AU FM GU MP PG',
  '11': 'NC NF SB VU',
  '12': 'FJ KI MH NR NZ TV WF',
  '13': 'TK TO WS',
};

/** U.S. states and territories by USPS code (standard time, larger zone of split states). */
const STATES_BY_OFFSET: Record<string, string> = {
  '-11': 'AS',
  '-10': 'HI',
  '-9': 'AK',
  '-8': 'CA NV OR WA',
  '-7': 'AZ CO ID MT NM UT WY',
  '-6': 'AL AR IA IL KS LA MN MO MS ND NE OK SD TN TX WI',
  '-5': 'CT DC DE FL GA IN KY MA MD ME MI NC NH NJ NY OH PA RI SC VA VT WV',
  '-4': 'PR VI',
  '10': 'GU MP',
};

/** Where the table has no entry: a typical offset of the country's world region. */
const REGION_FALLBACK: Record<WorldRegion, number> = {
  africa: 1,
  americas: -5,
  asia: 7,
  europe: 1,
  'middle-east': 3,
  oceania: 10,
};

function invert(table: Record<string, string>): Map<string, number> {
  return new Map(Object.entries(table).flatMap(([offset, codes]) => codes.split(' ').map((code) => [code, Number(offset)] as const)));
}

const COUNTRY_OFFSETS = invert(COUNTRIES_BY_OFFSET);
const STATE_OFFSETS = invert(STATES_BY_OFFSET);

/**
 * The representative UTC offset (hours, standard time) of a country (ISO alpha-2).
 *
 * @example
 * countryUtcOffset('LA') // 7
 * countryUtcOffset('IN') // 5.5
 */
export function countryUtcOffset(country: string): number {
  const code = country.toUpperCase();
  const offset = COUNTRY_OFFSETS.get(code);
  if (offset !== undefined) return offset;
  const region = worldRegionOf(code);
  return region ? REGION_FALLBACK[region] : 0;
}

/**
 * The representative UTC offset (hours, standard time) of a U.S. state or territory.
 *
 * @example
 * stateUtcOffset('MA') // -5
 */
export function stateUtcOffset(state: string): number {
  return STATE_OFFSETS.get(state.toUpperCase()) ?? -5;
}

/**
 * Hours between two offsets around the clock (so 0–12): UTC−11 and UTC+13 are 0 hours apart
 * by the clock, though a day apart by the calendar.
 *
 * @example
 * hoursApart(-5, 7) // 12
 * hoursApart(-10, 12) // 2
 */
export function hoursApart(a: number, b: number): number {
  const difference = Math.abs(a - b) % 24;
  return Math.min(difference, 24 - difference);
}
