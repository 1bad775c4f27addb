/**
 * How well a seeking city fits a member (a U.S. community): a small, deterministic score with
 * the reasons behind it, used for suggestions, fresh-listing alerts and the digest's "Suggested
 * for you".
 */
import { INTEREST_IDS, interestLabel, type InterestId } from '../cities/interests';
import { worldRegionOf, type WorldRegion } from '../cities/world-regions';
import { countryUtcOffset, hoursApart, stateUtcOffset } from './time-zones';

/** What scoring reads of a member. */
export interface MemberProfileForScoring {
  /** USPS code of the member's state (for its time zone). */
  state: string;
  population: number;
  interests: readonly InterestId[];
  /** Preferred world regions; empty means anywhere. */
  regions: readonly WorldRegion[];
}

/** What scoring reads of a city. */
export interface CityForScoring {
  /** ISO alpha-2 (for its world region and time zone). */
  country: string;
  population: number;
  interests: readonly InterestId[];
}

/** The weights of `scoreMatch`; they add up to 1. */
export const SCORE_WEIGHTS = { interests: 0.5, region: 0.25, population: 0.15, timeZone: 0.1 } as const;

/** A city scoring at least this for a member is a fit worth telling them about (alerts, digest). */
export const FIT_THRESHOLD = 0.5;

/** Populations within this factor of each other are called "similar size". */
const SIMILAR_SIZE_FACTOR = 2;

const REGION_LABELS: Record<WorldRegion, string> = {
  africa: 'Africa',
  americas: 'the Americas',
  asia: 'Asia',
  europe: 'Europe',
  'middle-east': 'the Middle East',
  oceania: 'Oceania',
};

/**
 * The human name of a world region, as used in a sentence.
 *
 * @example
 * regionLabel('middle-east') // 'the Middle East'
 */
export function regionLabel(region: WorldRegion): string {
  return REGION_LABELS[region];
}

/** "a", "a and b", "a, b and c". */
function listInWords(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Whole people, rounded to the thousand from 10,000 up: "783,000". */
function people(population: number): string {
  const rounded = population >= 10_000 ? Math.round(population / 1_000) * 1_000 : population;
  return rounded.toLocaleString('en-US');
}

function hours(value: number): string {
  return value === 1 ? '1 hour apart' : `${Number(value.toFixed(2))} hours apart`;
}

/**
 * Scores how well `city` fits `member`: 0–1, rounded to 2 decimals, with the reasons in words.
 *
 * The score is the sum of four parts (`SCORE_WEIGHTS`):
 *
 * - **shared interests, 0.5** × shared ÷ the shorter of the two interest lists — 1 when every
 *   interest of the side with fewer interests is shared. Reason: "Both want arts & culture and
 *   economic development" (labels in program order, lower case).
 * - **preferred region, 0.25** when the city's world region is one the member prefers, or when
 *   the member prefers none (open to anywhere; no reason then). Reason: "in your preferred
 *   region, Asia".
 * - **similar size, 0.15** × (1 − |log10(member population) − log10(city population)|),
 *   floored at 0 — full for equal sizes, nothing from ten times larger or smaller. Reason
 *   "similar size (783,000 vs 650,000)" only within a factor of 2 (city first).
 * - **time zone, 0.1** × (1 − hours apart ÷ 12): full in the same zone, nothing half a day
 *   apart. Offsets are representative per country and state (see `time-zones.ts`). Reason:
 *   "same time zone" or "12 hours apart", always given.
 *
 * Deterministic: the same inputs always give the same score and reasons.
 *
 * @example
 * scoreMatch(
 *   { state: 'MA', population: 650_000, interests: ['arts-culture', 'economic-development', 'technology'], regions: ['asia'] },
 *   { country: 'LA', population: 783_000, interests: ['arts-culture', 'economic-development'] },
 * )
 * // { score: 0.89, reasons: ['Both want arts & culture and economic development', 'in your preferred region, Asia',
 * //   'similar size (783,000 vs 650,000)', '12 hours apart'] }
 */
export function scoreMatch(member: MemberProfileForScoring, city: CityForScoring): { score: number; reasons: string[] } {
  const reasons: string[] = [];
  let score = 0;

  // Program order, each once, whatever order (or repeats) the inputs have.
  const shared = INTEREST_IDS.filter((id) => member.interests.includes(id) && city.interests.includes(id));
  const shorter = Math.min(new Set(member.interests).size, new Set(city.interests).size);
  if (shared.length > 0 && shorter > 0) {
    score += SCORE_WEIGHTS.interests * (shared.length / shorter);
    const labels = shared.map((id) => interestLabel(id).toLowerCase());
    reasons.push(`Both want ${listInWords(labels)}`);
  }

  const region = worldRegionOf(city.country.toUpperCase());
  if (member.regions.length === 0) {
    score += SCORE_WEIGHTS.region;
  } else if (region && member.regions.includes(region)) {
    score += SCORE_WEIGHTS.region;
    reasons.push(`in your preferred region, ${regionLabel(region)}`);
  }

  if (member.population > 0 && city.population > 0) {
    const orders = Math.abs(Math.log10(member.population) - Math.log10(city.population));
    score += SCORE_WEIGHTS.population * Math.max(0, 1 - orders);
    if (orders <= Math.log10(SIMILAR_SIZE_FACTOR) + 1e-9) {
      reasons.push(`similar size (${people(city.population)} vs ${people(member.population)})`);
    }
  }

  const apart = hoursApart(stateUtcOffset(member.state), countryUtcOffset(city.country));
  score += SCORE_WEIGHTS.timeZone * (1 - apart / 12);
  reasons.push(apart === 0 ? 'same time zone' : hours(apart));

  return { score: Math.round(Math.min(1, Math.max(0, score)) * 100) / 100, reasons };
}
