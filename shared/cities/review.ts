/**
 * The coordinator's review of cities: approve, reject, the seeking flag, and the queues.
 * Every change is a conditional single-item update; repeating one is harmless.
 */
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from '../zod';
import type { DetailType } from '../events/contracts';
import { outboxAttributes, publishFromOutbox } from '../events/outbox';
import type { EventPublisher } from '../events/publisher';
import { ConflictError, NotFoundError } from '../errors';
import { isConditionFailed } from '../data/conditional';
import { multiLine } from '../text';
import { recordMetric } from '../metrics';
import { syncDirectory } from './directory';
import { cityIndexAttributes, cityKey, getCity, releaseCityName, type CityTable } from './repository';
import { CITY_STATUSES, storedCitySchema, type City, type CityStatus } from './schema';

export interface ReviewDeps extends CityTable {
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

async function mustGet(deps: CityTable, id: string): Promise<City> {
  const city = await getCity(deps, id, true);
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
  const index = cityIndexAttributes({ ...city, status });
  const sets: Record<string, unknown> = { ...extra, reviewedAt: now.toISOString(), updatedAt: now.toISOString(), gsi2pk: index.gsi2pk, ...outbox };
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':status': status, ':pending': 'pending' };
  const assignments = ['#status = :status'];
  for (const [name, value] of Object.entries(sets)) {
    names[`#${name}`] = name;
    values[`:${name}`] = value;
    assignments.push(`#${name} = :${name}`);
  }
  try {
    const result = await deps.documents.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: cityKey(city.id),
        UpdateExpression: `SET ${assignments.join(', ')}`,
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    await publishFromOutbox(deps, cityKey(city.id), outbox);
    return storedCitySchema.parse(result.Attributes);
  } catch (error) {
    if (isConditionFailed(error)) return undefined;
    throw error;
  }
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
export async function setSeeking(deps: CityTable & { now?: () => Date }, id: string, seeking: boolean): Promise<City> {
  const now = (deps.now ?? (() => new Date()))();
  try {
    const result = await deps.documents.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: cityKey(id),
        UpdateExpression: 'SET seeking = :seeking, updatedAt = :now',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':seeking': seeking, ':now': now.toISOString() },
        ReturnValues: 'ALL_NEW',
      }),
    );
    const city = storedCitySchema.parse(result.Attributes);
    await syncDirectory(deps, city);
    return city;
  } catch (error) {
    if (isConditionFailed(error)) throw new NotFoundError(`No city has the id ${id}.`);
    throw error;
  }
}

/** The query string of `GET /api/admin/cities`. */
export const reviewQuerySchema = /* @__PURE__ */ (() =>
  z.object({
    status: z._default(z.enum(CITY_STATUSES, { error: 'must be pending, approved or rejected' }), 'pending'),
  }))();

/**
 * Cities in one status, newest registration first (the coordinator's queue).
 *
 * @example
 * const pending = await listCitiesByStatus(table, 'pending');
 */
export async function listCitiesByStatus(table: CityTable, status: CityStatus): Promise<City[]> {
  const cities: City[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.documents.send(
      new QueryCommand({
        TableName: table.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': `CITIES#${status}` },
        ScanIndexForward: false,
        ExclusiveStartKey: startKey,
      }),
    );
    cities.push(...(page.Items ?? []).map((item) => storedCitySchema.parse(item)));
    startKey = page.LastEvaluatedKey;
  } while (startKey && cities.length < 1000);
  return cities;
}

/** Path ids are ULIDs: anything else cannot name a city, and gets a 404 without a read. */
export function assertCityId(id: string | undefined): string {
  if (!id || !/^[0-9A-HJKMNP-TV-Z]{26}$/i.test(id)) throw new NotFoundError(`No city has the id ${id ?? ''}.`);
  return id.toUpperCase();
}

