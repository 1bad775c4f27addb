/**
 * Choosing a month's featured cities.
 *
 * Eligible: approved and seeking, and not featured in the previous month. Order: never
 * featured first, then longest since last featured, then earliest registered. At most one city
 * per country. Pinned cities come first (a coordinator's explicit choice may repeat a country);
 * the rules fill the rest.
 */
import * as z from '../zod';
import { featureQueuePage } from '../cities/directory-repository';
import { getCity } from '../cities/repository';
import type { PageKey, Table } from '../data/table';
import { featuredCitySchema, previousMonth, type FeaturedCity } from './schema';

export const FEATURED_PER_MONTH = 3;
/** Queue items read per page. */
const QUEUE_PAGE_SIZE = 25;

/** What selection needs to know of a city. */
export interface Candidate extends FeaturedCity {
  seeking: boolean;
  approved: boolean;
  registeredAt: string;
  lastFeaturedMonth: string | null;
}

/** The featuring order: never featured, then longest ago, then earliest registered. */
export function byFeaturingPriority(a: Candidate, b: Candidate): number {
  return (
    (a.lastFeaturedMonth ?? '').localeCompare(b.lastFeaturedMonth ?? '') ||
    a.registeredAt.localeCompare(b.registeredAt) ||
    a.id.localeCompare(b.id)
  );
}

/**
 * The month's featured cities, from candidates and pins. Pure: the rules, table-driven tested.
 *
 * @example
 * chooseFeatured('2031-01', candidates, []) // up to three cities from three countries
 */
export function chooseFeatured(month: string, candidates: Candidate[], pinned: Candidate[], count = FEATURED_PER_MONTH): Candidate[] {
  const previous = previousMonth(month);
  const eligible = (city: Candidate) => city.approved && city.seeking && city.lastFeaturedMonth !== previous && city.lastFeaturedMonth !== month;
  const chosen: Candidate[] = [];
  for (const city of pinned) {
    // A pin is a coordinator's choice; it still has to be public and seeking when the month comes.
    if (chosen.length < count && city.approved && city.seeking && !chosen.some((c) => c.id === city.id)) chosen.push(city);
  }
  for (const city of [...candidates].sort(byFeaturingPriority)) {
    if (chosen.length >= count) break;
    if (!eligible(city) || chosen.some((c) => c.id === city.id || c.country === city.country)) continue;
    chosen.push(city);
  }
  return chosen;
}

// A queue item carries the featured-city snapshot plus what the selection rules read.
const queueItemSchema = /* @__PURE__ */ (() =>
  z.extend(featuredCitySchema, {
    seeking: z.boolean(),
    registeredAt: z.string(),
    lastFeaturedMonth: z.optional(z.nullable(z.string())),
  }))();

/**
 * Reads the head of the featuring queue until the month has its cities (or the queue ends):
 * the cost depends on how many cities share countries at the head, not on the table's size.
 *
 * @returns the chosen cities and the read capacity consumed
 */
export async function selectFeatured(
  table: Table,
  month: string,
  pinnedIds: string[],
): Promise<{ featured: Candidate[]; consumedCapacity: number }> {
  const pinned: Candidate[] = [];
  for (const id of pinnedIds) {
    const city = await getCity(table, id);
    if (city) pinned.push({ ...city, approved: city.status === 'approved', lastFeaturedMonth: city.lastFeaturedMonth ?? null });
  }
  const candidates: Candidate[] = [];
  let consumedCapacity = 0;
  let startKey: PageKey | undefined;
  let featured = chooseFeatured(month, candidates, pinned);
  do {
    const page = await featureQueuePage(table, QUEUE_PAGE_SIZE, startKey);
    consumedCapacity += page.consumedCapacity;
    for (const raw of page.items) {
      const item = queueItemSchema.parse(raw);
      candidates.push({ ...item, approved: true, lastFeaturedMonth: item.lastFeaturedMonth ?? null });
    }
    startKey = page.nextKey;
    featured = chooseFeatured(month, candidates, pinned);
  } while (startKey && featured.length < FEATURED_PER_MONTH);
  return { featured, consumedCapacity };
}

/** The snapshot of a city that the digest records. */
export function toFeaturedCity(city: Candidate): FeaturedCity {
  const { id, name, country, region, population, description, interests, website } = city;
  return { id, name, country, region, population, description, interests, website };
}
