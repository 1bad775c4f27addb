/**
 * The public directory (City Search), designed so that one page costs the same whatever the
 * size of the table: no Scan, and a bounded number of items read per page.
 *
 * Each approved city is projected into a few *listings*: small items under the city's own
 * partition, indexed on `gsi1` by listing name and ordered by name:
 *
 *   pk CITY#<id>  sk DIR#<listing>   gsi1pk DIR#<listing>   gsi1sk <nameKey>#<id>
 *
 * Listings: ALL, SEEKING, C#<country>, C#<country>#SEEKING, I#<interest>, I#<interest>#SEEKING;
 * and, on `gsi2`, the featuring queue of the monthly digest (see FEATURE_QUEUE).
 * A search queries the most selective listing its filters allow; a name prefix is a key
 * condition on the sort key (names are compared by `nameKey`, so without case or accents);
 * the rest (a second filter, population range) are filter expressions inside a read budget.
 *
 * Projection is idempotent (desired listings are written, stale ones deleted), so any change
 * to a city — approval, the seeking flag, being featured — simply re-syncs it.
 */
import { BatchWriteCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from '../zod';
import { ValidationError } from '../errors';
import { nameKey } from '../text';
import { INTEREST_IDS, type InterestId } from './interests';
import { cityKey } from './repository';
import { toPublicCity, type City, type PublicCity } from './schema';

export interface DirectoryTable {
  documents: DynamoDBDocumentClient;
  tableName: string;
}

/** The listings an approved city appears in. */
export function listingsOf(city: Pick<City, 'status' | 'seeking' | 'country' | 'interests'>): string[] {
  if (city.status !== 'approved') return [];
  const base = ['ALL', `C#${city.country}`, ...city.interests.map((interest) => `I#${interest}`)];
  return city.seeking ? [...base, ...base.map((listing) => (listing === 'ALL' ? 'SEEKING' : `${listing}#SEEKING`))] : base;
}

/** What a listing item carries: exactly the public fields, so a page needs no further reads. */
const listingItemSchema = /* @__PURE__ */ (() =>
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

async function batchWrite(table: DirectoryTable, requests: Array<Record<string, unknown>>): Promise<void> {
  for (let start = 0; start < requests.length; start += 25) {
    let pending: Array<Record<string, unknown>> | undefined = requests.slice(start, start + 25);
    for (let attempt = 0; pending?.length; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      if (attempt > 5) throw new Error('DynamoDB kept items unprocessed; try again');
      const result = await table.documents.send(new BatchWriteCommand({ RequestItems: { [table.tableName]: pending as never } }));
      pending = result.UnprocessedItems?.[table.tableName] as Array<Record<string, unknown>> | undefined;
    }
  }
}

/**
 * Makes the city's listings match its current state: writes the ones it should have (with
 * fresh public fields) and deletes the ones it should no longer have.
 *
 * @example
 * await syncDirectory(table, approvedCity);
 */
export async function syncDirectory(table: DirectoryTable, city: City): Promise<void> {
  const key = cityKey(city.id);
  const existing = await table.documents.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :dir)',
      ExpressionAttributeValues: { ':pk': key.pk, ':dir': 'DIR#' },
      ProjectionExpression: 'sk',
      ConsistentRead: true,
    }),
  );
  const { contact: _contact, nameKey: _nameKey, status: _status, ...publicFields } = city;
  const wanted = new Map<string, Record<string, unknown>>(
    listingsOf(city).map((listing) => [`DIR#${listing}`, { gsi1pk: `DIR#${listing}`, gsi1sk: `${city.nameKey}#${city.id}` }]),
  );
  if (city.status === 'approved' && city.seeking) wanted.set(FEATURE_QUEUE_SK, featureQueueKeys(city));
  const puts = [...wanted].map(([sk, keys]) => ({ PutRequest: { Item: { pk: key.pk, sk, ...keys, ...publicFields } } }));
  const deletes = (existing.Items ?? [])
    .map((item) => String(item.sk))
    .filter((sk) => !wanted.has(sk))
    .map((sk) => ({ DeleteRequest: { Key: { pk: key.pk, sk } } }));
  await batchWrite(table, [...puts, ...deletes]);
}

const cursorSchema = /* @__PURE__ */ (() =>
  z.object({
    l: z.string(),
    k: z.object({ pk: z.string(), sk: z.string(), gsi1pk: z.string(), gsi1sk: z.string() }),
  }))();

const bool = /* @__PURE__ */ (() =>
  z.pipe(
    z.enum(['true', 'false'], { error: 'must be true or false' }),
    z.transform((value: 'true' | 'false') => value === 'true'),
  ))();
const count = (name: string) =>
  z.pipe(
    z.string().check(z.regex(/^\d{1,9}$/, { error: `${name} must be a whole number` })),
    z.transform((value: string) => Number(value)),
  );

/** The query string of `GET /api/cities`. */
export const searchQuerySchema = /* @__PURE__ */ (() =>
  z
    .object({
      seeking: z.optional(bool),
      country: z.optional(
        z.string().check(z.trim(), z.toUpperCase(), z.regex(/^[A-Z]{2}$/, { error: 'must be a two-letter country code, such as LA' })),
      ),
      interest: z.optional(z.enum(INTEREST_IDS, { error: `must be one of: ${INTEREST_IDS.join(', ')}` })),
      q: z.optional(
        z.string().check(z.trim(), z.minLength(1, { error: 'must not be empty' }), z.maxLength(120, { error: 'must be at most 120 characters' })),
      ),
      minPopulation: z.optional(count('minPopulation')),
      maxPopulation: z.optional(count('maxPopulation')),
      limit: z._default(
        z.pipe(
          count('limit'),
          z.number().check(z.gte(1, { error: 'must be between 1 and 100' }), z.lte(100, { error: 'must be between 1 and 100' })),
        ),
        20,
      ),
      cursor: z.optional(z.string().check(z.maxLength(2048, { error: 'is not a cursor from a previous page' }))),
    })
    .check(
      z.refine(
        (query) =>
          query.minPopulation === undefined || query.maxPopulation === undefined || query.minPopulation <= query.maxPopulation,
        { error: 'must not be less than minPopulation', path: ['maxPopulation'] },
      ),
    ))();

export type SearchQuery = z.infer<typeof searchQuerySchema>;

/** The most selective listing the filters allow, and what is left to filter. */
function plan(query: SearchQuery): { listing: string; interestFilter?: InterestId; seekingFilter?: boolean } {
  const suffix = query.seeking === true ? '#SEEKING' : '';
  const seekingFilter = query.seeking === false ? false : undefined;
  if (query.country) return { listing: `C#${query.country}${suffix}`, interestFilter: query.interest, seekingFilter };
  if (query.interest) return { listing: `I#${query.interest}${suffix}`, seekingFilter };
  return { listing: query.seeking === true ? 'SEEKING' : 'ALL', seekingFilter };
}

function encodeCursor(listing: string, key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify({ l: listing, k: key })).toString('base64url');
}

function decodeCursor(cursor: string, listing: string): Record<string, unknown> {
  try {
    const decoded = cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    // A cursor only continues the search it came from.
    if (decoded.l === listing && decoded.k.gsi1pk === `DIR#${listing}`) return decoded.k;
  } catch {
    // Fall through to the validation error.
  }
  throw new ValidationError([{ path: 'cursor', message: 'is not a cursor from a previous page of this search' }]);
}

/** How many Query calls one page may make when filters skip items: the cost bound of a page. */
const READ_CALLS_PER_PAGE = 3;

export interface SearchResult {
  items: PublicCity[];
  nextCursor: string | null;
  /** Read capacity consumed (for the benchmark). */
  consumedCapacity: number;
}

/**
 * One page of approved cities matching `query`, ordered by name.
 *
 * A page reads at most `READ_CALLS_PER_PAGE × limit` listing items, so its cost does not grow
 * with the table; when filters skip many items a page may hold fewer than `limit` cities while
 * `nextCursor` still leads on. Following `nextCursor` to the end returns every match once.
 *
 * @example
 * const page = await searchDirectory(table, { seeking: true, country: 'LA', limit: 20 });
 */
export async function searchDirectory(table: DirectoryTable, query: SearchQuery): Promise<SearchResult> {
  const { listing, interestFilter, seekingFilter } = plan(query);
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':listing': `DIR#${listing}` };
  let keyCondition = 'gsi1pk = :listing';
  const prefix = query.q ? nameKey(query.q) : '';
  if (prefix) {
    keyCondition += ' AND begins_with(gsi1sk, :prefix)';
    values[':prefix'] = prefix;
  }
  const filters: string[] = [];
  if (interestFilter) {
    filters.push('contains(interests, :interest)');
    values[':interest'] = interestFilter;
  }
  if (seekingFilter !== undefined) {
    filters.push('seeking = :seeking');
    values[':seeking'] = seekingFilter;
  }
  if (query.minPopulation !== undefined) {
    filters.push('#population >= :min');
    values[':min'] = query.minPopulation;
    names['#population'] = 'population';
  }
  if (query.maxPopulation !== undefined) {
    filters.push('#population <= :max');
    values[':max'] = query.maxPopulation;
    names['#population'] = 'population';
  }

  const items: PublicCity[] = [];
  let startKey = query.cursor ? decodeCursor(query.cursor, listing) : undefined;
  let consumedCapacity = 0;
  for (let call = 0; call < READ_CALLS_PER_PAGE && items.length < query.limit; call++) {
    const page = await table.documents.send(
      new QueryCommand({
        TableName: table.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: keyCondition,
        FilterExpression: filters.length ? filters.join(' AND ') : undefined,
        ExpressionAttributeNames: Object.keys(names).length ? names : undefined,
        ExpressionAttributeValues: values,
        // Evaluate no more than the page still needs: the last item evaluated is then exactly
        // where the next page starts.
        Limit: query.limit - items.length,
        ExclusiveStartKey: startKey,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    consumedCapacity += page.ConsumedCapacity?.CapacityUnits ?? 0;
    for (const raw of page.Items ?? []) {
      items.push(toPublicCity(listingItemSchema.parse(raw)));
    }
    startKey = page.LastEvaluatedKey;
    if (!startKey) break;
  }
  return { items, nextCursor: startKey ? encodeCursor(listing, startKey) : null, consumedCapacity };
}
