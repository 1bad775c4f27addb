/**
 * The public directory's listings in the single table: how a city is projected for City
 * Search and the digest's featuring queue, and the reads of those listings. A search or a
 * month's check costs the same whatever the size of the table: no Scan, bounded pages.
 *
 * Each approved city is projected into a few *listings*: small items under the city's own
 * partition, indexed on `gsi1` by listing name and ordered by name:
 *
 *   pk CITY#<id>  sk DIR#<listing>   gsi1pk DIR#<listing>   gsi1sk <nameKey>#<id>
 *
 * Listings: ALL, SEEKING, C#<country>, C#<country>#SEEKING, I#<interest>, I#<interest>#SEEKING;
 * and, on `gsi2`, the featuring queue of the monthly digest (see FEATURE_QUEUE).
 *
 * Projection is idempotent (desired listings are written, stale ones deleted), so any change
 * to a city — approval, the seeking flag, being featured — simply re-syncs it.
 */
import * as z from '../zod';
import { batchWrite, type WriteRequest } from '../data/batch-write';
import { queryPage, type QueryPage } from '../data/query';
import type { PageKey, Table } from '../data/table';
import { INTEREST_IDS } from './interests';
import { cityKey } from './repository';
import type { City } from './schema';

/** The listings an approved city appears in. */
export function listingsOf(city: Pick<City, 'status' | 'seeking' | 'country' | 'interests'>): string[] {
  if (city.status !== 'approved') return [];
  const base = ['ALL', `C#${city.country}`, ...city.interests.map((interest) => `I#${interest}`)];
  return city.seeking ? [...base, ...base.map((listing) => (listing === 'ALL' ? 'SEEKING' : `${listing}#SEEKING`))] : base;
}

/** What a listing item carries: exactly the public fields, so a page needs no further reads. */
export const listingItemSchema = /* @__PURE__ */ (() =>
  z.object({
    id: z.string(),
    name: z.string(),
    country: z.string(),
    region: z.optional(z.string()),
    population: z.number(),
    description: z.string(),
    interests: z.array(z.enum(INTEREST_IDS)),
    seeking: z.boolean(),
    website: z.optional(z.string()),
    registeredAt: z.string(),
    lastFeaturedMonth: z.optional(z.nullable(z.string())),
  }))();

/**
 * The featuring queue: every approved, seeking city once, on `gsi2`, ordered exactly as the
 * digest chooses — never featured first, then longest since last featured, then earliest
 * registered — so choosing a month's cities reads only the head of the queue.
 */
export const FEATURE_QUEUE = 'FEATURE-QUEUE';
const FEATURE_QUEUE_SK = `DIR#${FEATURE_QUEUE}`;

function featureQueueKeys(city: Pick<City, 'lastFeaturedMonth' | 'registeredAt' | 'id'>) {
  // '0000-00' sorts before every real month: never-featured cities come first.
  return { gsi2pk: FEATURE_QUEUE, gsi2sk: `${city.lastFeaturedMonth ?? '0000-00'}#${city.registeredAt}#${city.id}` };
}

/**
 * Makes the city's listings match its current state: writes the ones it should have (with
 * fresh public fields) and deletes the ones it should no longer have.
 *
 * @example
 * await syncDirectory(table, approvedCity);
 */
export async function syncDirectory(table: Table, city: City): Promise<void> {
  const key = cityKey(city.id);
  const existing = await queryPage(table, {
    key: 'pk = :pk AND begins_with(sk, :dir)',
    values: { ':pk': key.pk, ':dir': 'DIR#' },
    projection: 'sk',
    consistent: true,
  });
  const { contact: _contact, nameKey: _nameKey, status: _status, ...publicFields } = city;
  const wanted = new Map<string, Record<string, unknown>>(
    listingsOf(city).map((listing) => [`DIR#${listing}`, { gsi1pk: `DIR#${listing}`, gsi1sk: `${city.nameKey}#${city.id}` }]),
  );
  if (city.status === 'approved' && city.seeking) wanted.set(FEATURE_QUEUE_SK, featureQueueKeys(city));
  const puts: WriteRequest[] = [...wanted].map(([sk, keys]) => ({ PutRequest: { Item: { pk: key.pk, sk, ...keys, ...publicFields } } }));
  const deletes = existing.items
    .map((item) => String(item.sk))
    .filter((sk) => !wanted.has(sk))
    .map((sk): WriteRequest => ({ DeleteRequest: { Key: { pk: key.pk, sk } } }));
  await batchWrite(table, [...puts, ...deletes]);
}

/** A query of one listing: its key condition and what else to filter, as `searchDirectory` plans it. */
export interface ListingQuery {
  listing: string;
  /** A name prefix, already a `nameKey`. */
  prefix?: string;
  filter?: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
  limit: number;
  startKey?: PageKey;
}

/**
 * One page of a listing, ordered by name, with the read capacity it consumed.
 *
 * @example
 * const page = await listingPage(table, { listing: 'C#LA#SEEKING', limit: 20 });
 */
export function listingPage(table: Table, query: ListingQuery): Promise<QueryPage> {
  return queryPage(table, {
    index: 'gsi1',
    key: query.prefix ? 'gsi1pk = :listing AND begins_with(gsi1sk, :prefix)' : 'gsi1pk = :listing',
    values: { ...query.values, ':listing': `DIR#${query.listing}`, ...(query.prefix ? { ':prefix': query.prefix } : {}) },
    names: query.names,
    filter: query.filter,
    limit: query.limit,
    startKey: query.startKey,
    measure: true,
  });
}

const idsSchema = /* @__PURE__ */ (() => z.array(z.object({ id: z.string() })))();

/**
 * One page of the SEEKING listing (approved, seeking cities by name): their ids.
 *
 * @example
 * const { ids, nextKey } = await seekingCityIds(table, 25, cursor);
 */
export async function seekingCityIds(table: Table, pageSize: number, startKey?: PageKey): Promise<{ ids: string[]; nextKey?: PageKey }> {
  const page = await queryPage(table, {
    index: 'gsi1',
    key: 'gsi1pk = :listing',
    values: { ':listing': 'DIR#SEEKING' },
    projection: 'id',
    limit: pageSize,
    startKey,
  });
  return { ids: idsSchema.parse(page.items).map((item) => item.id), ...(page.nextKey ? { nextKey: page.nextKey } : {}) };
}

/**
 * One page of the featuring queue, head first, with the read capacity it consumed.
 *
 * @example
 * const page = await featureQueuePage(table, 25);
 */
export function featureQueuePage(table: Table, pageSize: number, startKey?: PageKey): Promise<QueryPage> {
  return queryPage(table, { index: 'gsi2', key: 'gsi2pk = :queue', values: { ':queue': FEATURE_QUEUE }, limit: pageSize, startKey, measure: true });
}
