/**
 * The world region of each country, for routing inquiries to the coordinator responsible and
 * for members' preferred regions. Based on the UN M49 continental regions, with the Middle East
 * (most of Western Asia, plus Egypt and Iran) as its own region because the program staffs it so.
 */
export const WORLD_REGIONS = ['africa', 'americas', 'asia', 'europe', 'middle-east', 'oceania'] as const;
export type WorldRegion = (typeof WORLD_REGIONS)[number];

const CODES: Record<WorldRegion, string> = {
  africa:
    'DZ AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ GQ ER SZ ET GA GM GH GN GW KE LS LR LY MG MW ML MR MU YT MA MZ NA NE NG RE RW SH ST SN SC SL SO ZA SS SD TZ TG TN UG EH ZM ZW IO TF',
  americas:
    'AI AG AR AW BS BB BZ BM BO BQ BR CA KY CL CO CR CU CW DM DO EC SV FK GF GL GD GP GT GY HT HN JM MQ MX MS NI PA PY PE PR BL KN LC MF PM VC SX SR TT TC US UY VE VG VI GS BV UM',
  asia:
    'AF BD BT BN KH CN HK IN ID JP KZ KG LA MO MY MV MN MM NP KP PK PH SG KR LK TW TJ TH TL TM UZ VN AM AZ GE',
  europe:
    'AX AL AD AT BY BE BA BG HR CY CZ DK EE FO FI FR DE GI GR GG HU IS IE IM IT JE XK LV LI LT LU MT MD MC ME NL MK NO PL PT RO RU SM RS SK SI ES SJ SE CH UA GB VA',
  'middle-east': 'BH EG IR IQ IL JO KW LB OM PS QA SA SY TR AE YE',
  oceania:
    'AS AU CX CC CK FJ PF GU HM KI MH FM NR NC NZ NU NF MP PW PG PN WS SB TK TO TV VU WF AQ',
};

// Built on first use, not at load: configuration imports the region names, and every function
// loads configuration, while only a few ever ask for a country's region.
let regionOf: Map<string, WorldRegion> | undefined;

/**
 * The world region of a country (ISO alpha-2, upper case).
 *
 * @example
 * worldRegionOf('LA') // 'asia'
 */
export function worldRegionOf(country: string): WorldRegion | undefined {
  regionOf ??= new Map(WORLD_REGIONS.flatMap((region) => CODES[region].split(' ').map((code) => [code, region] as const)));
  return regionOf.get(country);
}
