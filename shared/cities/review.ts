/**
 * The coordinator's review of cities: approve, reject, the seeking flag, and the queues.
 * Every change is a conditional single-item update; repeating one is harmless.
 */
import * as z from '../zod';
import type { Table } from '../data/table';
import type { DetailType } from '../events/contracts';
import { outboxAttributes, publishFromOutbox } from '../events/outbox';
import type { EventPublisher } from '../events/publisher';
import { ConflictError, NotFoundError } from '../errors';
import { isUlid, multiLine } from '../text';
import { recordMetric } from '../metrics';
import { syncDirectory } from './directory-repository';
import { cityKey, decideCity, getCity, releaseCityName, setCitySeeking } from './repository';
import { CITY_STATUSES, type City, type CityStatus } from './schema';

export interface ReviewDeps extends Table {
  publisher: EventPublisher;
  now?: () => Date;
}

/** The body of `POST /api/admin/cities/{id}/reject`. */
export const rejectionSchema = /* @__PURE__ */ (() =>
  z.object({ reason: multiLine(1, 2000) }, { error: () => 'The body must be a JSON object with a reason.' }))();

/** The body of `PATCH /api/admin/cities/{id}`. */
export const cityPatchSchema = /* @__PURE__ */ (() =>
  z.strictObject(
    { seeking: z.boolean({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be true or false') }) },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? 'only seeking can be changed here' : 'The body must be a JSON object.') },
  ))();

async function mustGet(deps: Table, id: string): Promise<City> {
  const city = await getCity(deps, id);
  if (!city) throw new NotFoundError(`No city has the id ${id}.`);
  return city;
}

/** Moves a city from pending to `status` with its event in the outbox; `undefined` if it was not pending. */
async function decide(
  deps: ReviewDeps,
  city: City,
  status: Exclude<CityStatus, 'pending'>,
  detailType: DetailType,
  extra: Record<string, unknown>,
): Promise<City | undefined> {
  const now = (deps.now ?? (() => new Date()))();
  const outbox = outboxAttributes([{ detailType, detail: { cityId: city.id } }], now);
  const decided = await decideCity(deps, city, status, { ...extra, reviewedAt: now.toISOString(), updatedAt: now.toISOString(), ...outbox });
  if (decided) await publishFromOutbox(deps, cityKey(city.id), outbox);
  return decided;
}

/**
 * Approves a pending city: it becomes public and seeking, and `CityApproved` tells its contact.
 * Approving an approved city again changes nothing and announces nothing.
 *
 * @throws NotFoundError for an unknown id; ConflictError for a rejected city
 * @example
 * const city = await approveCity(deps, id);
 */
export async function approveCity(deps: ReviewDeps, id: string): Promise<City> {
  let city = await mustGet(deps, id);
  if (city.status === 'pending') {
    const decided = await decide(deps, city, 'approved', 'CityApproved', { seeking: true });
    if (decided) recordMetric('CityApproved');
    city = decided ?? (await mustGet(deps, id));
  }
  if (city.status === 'rejected') throw new ConflictError(`${city.name} was rejected; it can register again.`, city.id);
  // Re-syncing on every call repairs listings left half-written by an earlier failure.
  await syncDirectory(deps, city);
  return city;
}

/**
 * Rejects a pending registration with a reason for its contact, and frees its name.
 * Rejecting a rejected city again changes nothing.
 *
 * @throws NotFoundError for an unknown id; ConflictError for an approved city
 * @example
 * await rejectCity(deps, id, 'We could not confirm the contact works for the city.');
 */
export async function rejectCity(deps: ReviewDeps, id: string, reason: string): Promise<City> {
  let city = await mustGet(deps, id);
  if (city.status === 'pending') city = (await decide(deps, city, 'rejected', 'CityRejected', { rejectionReason: reason })) ?? (await mustGet(deps, id));
  if (city.status === 'approved') {
    throw new ConflictError(`${city.name} is already approved; mark it as not seeking instead.`, city.id);
  }
  await releaseCityName(deps, city);
  return city;
}

/**
 * Sets whether a city is still seeking a partner; it stays in the directory either way.
 *
 * @example
 * await setSeeking(deps, id, false); // it found its U.S. sister city
 */
export async function setSeeking(deps: Table & { now?: () => Date }, id: string, seeking: boolean): Promise<City> {
  const city = await setCitySeeking(deps, id, seeking, (deps.now ?? (() => new Date()))());
  if (!city) throw new NotFoundError(`No city has the id ${id}.`);
  await syncDirectory(deps, city);
  return city;
}

/** The query string of `GET /api/admin/cities`. */
export const reviewQuerySchema = /* @__PURE__ */ (() =>
  z.object({
    status: z._default(z.enum(CITY_STATUSES, { error: 'must be pending, approved or rejected' }), 'pending'),
  }))();

/** Path ids are ULIDs: anything else cannot name a city, and gets a 404 without a read. */
export function assertCityId(id: string | undefined): string {
  if (!id || !isUlid(id)) throw new NotFoundError(`No city has the id ${id ?? ''}.`);
  return id.toUpperCase();
}

