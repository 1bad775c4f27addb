/**
 * Cities in the single table.
 *
 *   city        pk CITY#<id>                    sk CITY
 *               gsi2pk CITIES#<status>          gsi2sk <registeredAt>#<id>   (coordinator queues)
 *   name claim  pk CITYNAME#<country>#<nameKey> sk CLAIM   { cityId, claimedAt }
 *
 * The name claim is what makes "the same city registered twice" impossible without
 * transactions: one conditional PutItem decides the race, and exactly one registration wins.
 */
import { BatchGetCommand, DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from '../zod';
import { storedCitySchema, type City } from './schema';
import { isConditionFailed } from '../data/conditional';

export const cityKey = (id: string) => ({ pk: `CITY#${id}`, sk: 'CITY' });
const claimKey = (country: string, nameKey: string) => ({ pk: `CITYNAME#${country}#${nameKey}`, sk: 'CLAIM' });

const claimSchema = /* @__PURE__ */ (() => z.object({ cityId: z.string(), claimedAt: z.string() }))();
export type NameClaim = z.infer<typeof claimSchema>;

/** The coordinator-queue index attributes of a city in `status`. */
export function cityIndexAttributes(city: Pick<City, 'id' | 'status' | 'registeredAt'>) {
  return { gsi2pk: `CITIES#${city.status}`, gsi2sk: `${city.registeredAt}#${city.id}` };
}

export interface CityTable {
  documents: DynamoDBDocumentClient;
  tableName: string;
}

/**
 * Reads a city by id, validated; `undefined` when there is none.
 *
 * @example
 * const city = await getCity(table, '01J…');
 */
export async function getCity(table: CityTable, id: string, consistent = false): Promise<City | undefined> {
  const result = await table.documents.send(
    new GetCommand({ TableName: table.tableName, Key: cityKey(id), ConsistentRead: consistent }),
  );
  return result.Item ? storedCitySchema.parse(result.Item) : undefined;
}

/**
 * The cities with these ids (any number, read 100 per request), strongly consistent, in the order asked;
 * missing ones are left out. Keys DynamoDB leaves unprocessed are asked again with backoff; if
 * some remain, it throws so that the caller is retried rather than some cities skipped.
 *
 * @example
 * const cities = await getCities(table, page.ids);
 */
export async function getCities(table: CityTable, ids: readonly string[]): Promise<City[]> {
  const found = new Map<string, City>();
  const unique = [...new Set(ids)];
  // BatchGetItem takes at most 100 keys per request: larger lists are read 100 at a time.
  for (let start = 0; start < unique.length; start += 100) {
    await readBatch(table, unique.slice(start, start + 100).map(cityKey), found);
  }
  return ids.flatMap((id) => found.get(id) ?? []);
}

async function readBatch(table: CityTable, first: Record<string, unknown>[], found: Map<string, City>): Promise<void> {
  let keys = first;
  for (let attempt = 0; keys.length > 0; attempt++) {
    if (attempt === 6) throw new Error(`DynamoDB left ${keys.length} city reads unprocessed; try again`);
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * 50 * 2 ** attempt));
    const result = await table.documents.send(new BatchGetCommand({ RequestItems: { [table.tableName]: { Keys: keys, ConsistentRead: true } } }));
    for (const item of result.Responses?.[table.tableName] ?? []) {
      const city = storedCitySchema.parse(item);
      found.set(city.id, city);
    }
    keys = result.UnprocessedKeys?.[table.tableName]?.Keys ?? [];
  }
}

/**
 * Claims a city's name in its country for `cityId`.
 *
 * @returns `{ claimed: true }`, or the claim that already holds the name
 */
export async function claimCityName(
  table: CityTable,
  claim: { country: string; nameKey: string; cityId: string; claimedAt: string },
  takeOverFrom?: NameClaim,
): Promise<{ claimed: true } | { claimed: false; existing: NameClaim }> {
  const key = claimKey(claim.country, claim.nameKey);
  try {
    await table.documents.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...key, cityId: claim.cityId, claimedAt: claim.claimedAt },
        // Taking over an orphaned claim must still lose to anyone who took it over first.
        ConditionExpression: takeOverFrom ? 'cityId = :previous' : 'attribute_not_exists(pk)',
        ExpressionAttributeValues: takeOverFrom ? { ':previous': takeOverFrom.cityId } : undefined,
      }),
    );
    return { claimed: true };
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
  const existing = await table.documents.send(
    new GetCommand({ TableName: table.tableName, Key: key, ConsistentRead: true }),
  );
  if (!existing.Item) {
    // Released between our write and our read (e.g. a rejection): try again from scratch.
    return claimCityName(table, claim);
  }
  return { claimed: false, existing: claimSchema.parse(existing.Item) };
}

/** Frees a rejected city's name so that the city may register again. */
export async function releaseCityName(table: CityTable, city: Pick<City, 'id' | 'country' | 'nameKey'>): Promise<void> {
  try {
    await table.documents.send(
      new DeleteCommand({
        TableName: table.tableName,
        Key: claimKey(city.country, city.nameKey),
        ConditionExpression: 'cityId = :id',
        ExpressionAttributeValues: { ':id': city.id },
      }),
    );
  } catch (error) {
    // Already released, or held by another registration since: nothing of ours to free.
    if (!isConditionFailed(error)) throw error;
  }
}

/** Writes a new city item (with any extra attributes, such as its outbox). Never overwrites. */
export async function putNewCity(table: CityTable, city: City, extra: Record<string, unknown> = {}): Promise<void> {
  await table.documents.send(
    new PutCommand({
      TableName: table.tableName,
      Item: { ...cityKey(city.id), ...cityIndexAttributes(city), ...city, ...extra },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}
