/**
 * City Search: the rules of `GET /api/cities`. A search reads the most selective listing its
 * filters allow (see `directory-repository.ts`); a name prefix is a key condition on the sort
 * key (names are compared by `nameKey`, so without case or accents); the rest (a second
 * filter, population range) are filter expressions inside a read budget.
 */
import * as z from '../zod';
import { ValidationError } from '../errors';
import type { Table } from '../data/table';
import { nameKey } from '../text';
import { listingItemSchema, listingPage } from './directory-repository';
import { INTEREST_IDS, type InterestId } from './interests';
import { toPublicCity, type PublicCity } from './schema';

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
export async function searchDirectory(table: Table, query: SearchQuery): Promise<SearchResult> {
  const { listing, interestFilter, seekingFilter } = plan(query);
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const prefix = query.q ? nameKey(query.q) : '';
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
    const page = await listingPage(table, {
      listing,
      prefix: prefix || undefined,
      filter: filters.length ? filters.join(' AND ') : undefined,
      names,
      values,
      // Evaluate no more than the page still needs: the last item evaluated is then exactly
      // where the next page starts.
      limit: query.limit - items.length,
      startKey,
    });
    consumedCapacity += page.consumedCapacity;
    for (const raw of page.items) {
      items.push(toPublicCity(listingItemSchema.parse(raw)));
    }
    startKey = page.nextKey;
    if (!startKey) break;
  }
  return { items, nextCursor: startKey ? encodeCursor(listing, startKey) : null, consumedCapacity };
}
