/**
 * Cities in the single table: every read and write of a city item and of its name claim.
 *
 *   city        pk CITY#<id>                    sk CITY
 *               gsi2pk CITIES#<status>          gsi2sk <registeredAt>#<id>   (coordinator queues)
 *   name claim  pk CITYNAME#<country>#<nameKey> sk CLAIM   { cityId, claimedAt }
 *
 * The name claim is what makes "the same city registered twice" impossible without
 * transactions: one conditional PutItem decides the race, and exactly one registration wins.
 * Every change to a city is one conditional update, so a decision taken on a stale read loses.
 */
import * as z from '../zod';
import { batchGet } from '../data/batch-get';
import { deleteIf, putIfAbsent, updateAndRead } from '../data/conditional';
import { getItem } from '../data/get';
import { queryPages } from '../data/query';
import type { Table } from '../data/table';
import type { Condition } from '../data/update-expression';
import { storedCitySchema, type City, type CityStatus } from './schema';

export const cityKey = (id: string) => ({ pk: `CITY#${id}`, sk: 'CITY' });
const claimKey = (country: string, nameKey: string) => ({ pk: `CITYNAME#${country}#${nameKey}`, sk: 'CLAIM' });

const claimSchema = /* @__PURE__ */ (() => z.object({ cityId: z.string(), claimedAt: z.string() }))();
export type NameClaim = z.infer<typeof claimSchema>;

/** The coordinator-queue index attributes of a city in `status`. */
export function cityIndexAttributes(city: Pick<City, 'id' | 'status' | 'registeredAt'>) {
  return { gsi2pk: `CITIES#${city.status}`, gsi2sk: `${city.registeredAt}#${city.id}` };
}

const parseCity = (item: Record<string, unknown> | undefined) => (item ? storedCitySchema.parse(item) : undefined);

/**
 * Reads a city by id, validated; `undefined` when there is none. Strongly consistent by
 * default, like every single-item read of this program: a status decides who is mailed;
 * pass `consistent: false` where a moment's staleness is harmless (a public page).
 *
 * @example
 * const city = await getCity(table, '01J…');
 */
export async function getCity(table: Table, id: string, consistent = true): Promise<City | undefined> {
  return parseCity(await getItem(table, cityKey(id), consistent));
}

/**
 * The cities with these ids (any number), strongly consistent, in the order asked; missing
 * ones are left out.
 *
 * @example
 * const cities = await getCities(table, page.ids);
 */
export async function getCities(table: Table, ids: readonly string[]): Promise<City[]> {
  const found = new Map((await batchGet(table, ids.map(cityKey))).map((item) => [String(item.id), storedCitySchema.parse(item)]));
  return ids.flatMap((id) => found.get(id) ?? []);
}

/**
 * Claims a city's name in its country for `cityId`; with `takeOverFrom`, takes over that
 * (orphaned) claim — and still loses to anyone who took it over first.
 *
 * @returns `{ claimed: true }`, or the claim that already holds the name
 */
export async function claimCityName(
  table: Table,
  claim: { country: string; nameKey: string; cityId: string; claimedAt: string },
  takeOverFrom?: NameClaim,
): Promise<{ claimed: true } | { claimed: false; existing: NameClaim }> {
  const key = claimKey(claim.country, claim.nameKey);
  const condition: Condition | undefined = takeOverFrom ? { expression: 'cityId = :previous', values: { ':previous': takeOverFrom.cityId } } : undefined;
  if (await putIfAbsent(table, { ...key, cityId: claim.cityId, claimedAt: claim.claimedAt }, condition)) return { claimed: true };
  const existing = await getItem(table, key);
  // Released between our write and our read (e.g. a rejection): try again from scratch.
  if (!existing) return claimCityName(table, claim);
  return { claimed: false, existing: claimSchema.parse(existing) };
}

/** Frees a rejected city's name so that the city may register again. */
export async function releaseCityName(table: Table, city: Pick<City, 'id' | 'country' | 'nameKey'>): Promise<void> {
  // Already released, or held by another registration since: nothing of ours to free.
  await deleteIf(table, claimKey(city.country, city.nameKey), { expression: 'cityId = :id', values: { ':id': city.id } });
}

/** Writes a new city item (with any extra attributes, such as its outbox). Never overwrites. */
export async function putNewCity(table: Table, city: City, extra: Record<string, unknown> = {}): Promise<void> {
  if (!(await putIfAbsent(table, { ...cityKey(city.id), ...cityIndexAttributes(city), ...city, ...extra }))) {
    throw new Error(`A city with the id ${city.id} exists already`);
  }
}

const exists: Condition = { expression: 'attribute_exists(pk)' };

/**
 * Moves a pending city to `status` (with its index keys and whatever else `set` holds, such
 * as the outbox of its event).
 *
 * @returns the city as now stored, or `undefined` when it was no longer pending
 */
export async function decideCity(
  table: Table,
  city: City,
  status: Exclude<CityStatus, 'pending'>,
  set: Record<string, unknown>,
): Promise<City | undefined> {
  const index = cityIndexAttributes({ ...city, status });
  return parseCity(
    await updateAndRead(table, cityKey(city.id), {
      set: { ...set, status, gsi2pk: index.gsi2pk },
      condition: { expression: '#status = :pending', names: { '#status': 'status' }, values: { ':pending': 'pending' } },
    }),
  );
}

/**
 * Sets whether a city is still seeking.
 *
 * @returns the city as now stored, or `undefined` when there is no such city
 */
export async function setCitySeeking(table: Table, id: string, seeking: boolean, at: Date): Promise<City | undefined> {
  return parseCity(await updateAndRead(table, cityKey(id), { set: { seeking, updatedAt: at.toISOString() }, condition: exists }));
}

/**
 * Records that an approved, seeking city confirmed its listing.
 *
 * @returns the city as now stored, or `undefined` when it is not (or no longer) approved and seeking
 */
export async function confirmCityListing(table: Table, id: string, at: Date): Promise<City | undefined> {
  return parseCity(
    await updateAndRead(table, cityKey(id), {
      set: { listingConfirmedAt: at.toISOString() },
      condition: {
        expression: 'attribute_exists(pk) AND #status = :approved AND seeking = :true',
        names: { '#status': 'status' },
        values: { ':approved': 'approved', ':true': true },
      },
    }),
  );
}

/**
 * Records that a city was featured in `month`; a later month is never overwritten by an earlier.
 *
 * @returns the city as now stored, or `undefined` when it is gone or featured later already
 */
export async function markCityFeatured(table: Table, id: string, month: string): Promise<City | undefined> {
  return parseCity(
    await updateAndRead(table, cityKey(id), {
      set: { lastFeaturedMonth: month },
      condition: {
        expression: 'attribute_exists(pk) AND (attribute_not_exists(lastFeaturedMonth) OR lastFeaturedMonth = :null OR lastFeaturedMonth <= :month)',
        values: { ':month': month, ':null': null },
      },
    }),
  );
}

/**
 * Changes `city` only if it is still as it was read: approved and seeking, not confirmed and
 * not asked to confirm since. Whatever changed meanwhile (a confirmation above all) makes the
 * write fail, so the caller decides again on fresh data.
 *
 * @returns the city as now stored, or `undefined` when it had changed
 */
export async function updateCityIfUnchanged(table: Table, city: City, set: Record<string, unknown>): Promise<City | undefined> {
  const conditions = ['#status = :approved', 'seeking = :true'];
  const values: Record<string, unknown> = { ':approved': 'approved', ':true': true };
  for (const [name, value] of [
    ['listingConfirmedAt', city.listingConfirmedAt],
    ['listingReminderSentAt', city.listingReminderSentAt],
  ] as const) {
    if (value === undefined) conditions.push(`attribute_not_exists(${name})`);
    else {
      conditions.push(`${name} = :was_${name}`);
      values[`:was_${name}`] = value;
    }
  }
  return parseCity(
    await updateAndRead(table, cityKey(city.id), {
      set,
      condition: { expression: conditions.join(' AND '), names: { '#status': 'status' }, values },
    }),
  );
}

/** The most cities a coordinator queue shows. */
const QUEUE_LIMIT = 1000;

/**
 * Cities in one status, newest registration first (the coordinator's queue).
 *
 * @example
 * const pending = await listCitiesByStatus(table, 'pending');
 */
export async function listCitiesByStatus(table: Table, status: CityStatus): Promise<City[]> {
  const cities: City[] = [];
  for await (const page of queryPages(table, { index: 'gsi2', key: 'gsi2pk = :pk', values: { ':pk': `CITIES#${status}` }, forward: false })) {
    cities.push(...page.items.map((item) => storedCitySchema.parse(item)));
    if (cities.length >= QUEUE_LIMIT) break;
  }
  return cities;
}

/**
 * What the manage link's changes are decided on, besides the city: attributes of the city item
 * that `storedCitySchema` leaves out.
 */
const managedAttributesSchema = /* @__PURE__ */ (() =>
  z.object({
    listingRevision: z.optional(z.number().check(z.int())),
    outboxDue: z.optional(z.string()),
    outbox: z.optional(z.array(z.object({ detailType: z.string(), detail: z.record(z.string(), z.unknown()) }))),
    partnerFoundAt: z.optional(z.string()),
    partnerName: z.optional(z.string()),
  }))();

/** A city as its contact manages it (`shared/cities/listing.ts`). */
export interface ManagedCity {
  city: City;
  /** Bumped by every change made through the manage link; the next one is conditional on it. */
  revision: number;
  /**
   * Events still in the item's outbox (their publication not yet confirmed): a change that
   * adds an event must carry these forward, or they would be lost.
   */
  pendingOutbox?: { due: string; events: Array<{ detailType: string; detail: Record<string, unknown> }> };
  /** When the contact said the city found a partner, and whom (if they named it). */
  partnerFound?: { at: string; partner?: string };
}

/**
 * Reads a city with what a change through its manage link is decided on, strongly consistent.
 *
 * @returns `undefined` when there is no such city
 * @example
 * const managed = await getManagedCity(table, cityId);
 */
export async function getManagedCity(table: Table, id: string): Promise<ManagedCity | undefined> {
  const item = await getItem(table, cityKey(id), true);
  if (!item) return undefined;
  const extra = managedAttributesSchema.parse(item);
  return {
    city: storedCitySchema.parse(item),
    revision: extra.listingRevision ?? 0,
    pendingOutbox: extra.outbox && extra.outboxDue ? { due: extra.outboxDue, events: extra.outbox } : undefined,
    partnerFound: extra.partnerFoundAt ? { at: extra.partnerFoundAt, partner: extra.partnerName } : undefined,
  };
}

/**
 * Applies a change made through the manage link, only if the city is still exactly as `read`:
 * approved, at the same revision, with the same outbox (and, with `whileSeeking`, still
 * seeking). The revision is bumped. A lost race changes nothing; the caller decides again on
 * fresh data.
 *
 * @returns the city as now stored, or `undefined` when it had changed meanwhile
 * @example
 * const city = await updateManagedCity(table, managed, { set: { description, ...outbox } });
 */
export async function updateManagedCity(
  table: Table,
  read: ManagedCity,
  change: { set: Record<string, unknown>; remove?: readonly string[]; whileSeeking?: boolean },
): Promise<City | undefined> {
  const conditions = ['#status = :approved'];
  const values: Record<string, unknown> = { ':approved': 'approved' };
  if (read.revision === 0) conditions.push('attribute_not_exists(listingRevision)');
  else {
    conditions.push('listingRevision = :revision');
    values[':revision'] = read.revision;
  }
  if (read.pendingOutbox) {
    conditions.push('outboxDue = :due');
    values[':due'] = read.pendingOutbox.due;
  } else conditions.push('attribute_not_exists(outboxDue)');
  if (change.whileSeeking) {
    conditions.push('seeking = :true');
    values[':true'] = true;
  }
  return parseCity(
    await updateAndRead(table, cityKey(read.city.id), {
      set: { ...change.set, listingRevision: read.revision + 1 },
      remove: change.remove,
      condition: { expression: conditions.join(' AND '), names: { '#status': 'status' }, values },
    }),
  );
}
