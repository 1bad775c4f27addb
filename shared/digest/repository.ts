/**
 * Digests in the single table.
 *
 *   digest     pk DIGEST#<month>  sk DIGEST     gsi1pk DIGESTS  gsi1sk <month>   (archive, when assembled)
 *   pins       pk DIGEST#<month>  sk PINS       { cityIds }
 *   spotlight  pk DIGEST#<month>  sk SPOTLIGHT  { title, body }
 *
 * The digest item is written once with a conditional put: that write is the single decision
 * of what a month features, however many times the rollover arrives.
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from '../zod';
import type { Table } from '../data/table';
import { isConditionFailed } from '../data/conditional';
import { digestSchema, spotlightSchema, type Digest, type Spotlight } from './schema';

export const digestKey = (month: string) => ({ pk: `DIGEST#${month}`, sk: 'DIGEST' });
const pinsKey = (month: string) => ({ pk: `DIGEST#${month}`, sk: 'PINS' });
const spotlightKey = (month: string) => ({ pk: `DIGEST#${month}`, sk: 'SPOTLIGHT' });

/**
 * The recorded digest of `month`, if it was assembled.
 *
 * @example
 * const digest = await getDigest(table(), '2031-01');
 */
export async function getDigest(table: Table, month: string): Promise<Digest | undefined> {
  const result = await table.documents.send(new GetCommand({ TableName: table.tableName, Key: digestKey(month), ConsistentRead: true }));
  return result.Item ? digestSchema.parse(result.Item) : undefined;
}

/**
 * Records a month's digest unless one exists. `extra` carries index keys and the outbox.
 *
 * @returns whether this call recorded it
 */
export async function putDigestOnce(table: Table, digest: Digest, extra: Record<string, unknown> = {}): Promise<boolean> {
  const archive = digest.status === 'assembled' ? { gsi1pk: 'DIGESTS', gsi1sk: digest.month } : {};
  try {
    await table.documents.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...digestKey(digest.month), ...digest, ...archive, ...extra },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

/**
 * Assembled digests, newest first.
 *
 * @example
 * const { items } = await listDigests(table());
 */
export async function listDigests(table: Table, limit = 60): Promise<Digest[]> {
  const result = await table.documents.send(
    new QueryCommand({
      TableName: table.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': 'DIGESTS' },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (result.Items ?? []).map((item) => digestSchema.parse(item));
}

const pinsSchema = /* @__PURE__ */ (() => z.object({ cityIds: z.array(z.string()).check(z.maxLength(3)) }))();

export async function getPins(table: Table, month: string): Promise<string[]> {
  const result = await table.documents.send(new GetCommand({ TableName: table.tableName, Key: pinsKey(month) }));
  return result.Item ? pinsSchema.parse(result.Item).cityIds : [];
}

export async function setPins(table: Table, month: string, cityIds: string[]): Promise<void> {
  await table.documents.send(
    new PutCommand({ TableName: table.tableName, Item: { ...pinsKey(month), month, cityIds, updatedAt: new Date().toISOString() } }),
  );
}

export async function getSpotlight(table: Table, month: string): Promise<Spotlight | undefined> {
  const result = await table.documents.send(new GetCommand({ TableName: table.tableName, Key: spotlightKey(month) }));
  return result.Item ? spotlightSchema.parse(result.Item) : undefined;
}

export async function setSpotlight(table: Table, month: string, spotlight: Spotlight): Promise<void> {
  await table.documents.send(
    new PutCommand({ TableName: table.tableName, Item: { ...spotlightKey(month), month, ...spotlight, updatedAt: new Date().toISOString() } }),
  );
}

const deliveryProgressSchema = /* @__PURE__ */ (() =>
  z.object({
    status: z.enum(['assembled', 'empty']),
    assembledAt: z.string(),
    plannedBatches: z.optional(z.number()),
    planned: z.optional(z.boolean()),
    plannedAt: z.optional(z.string()),
    deliveredAt: z.optional(z.string()),
  }))();
export type DeliveryProgress = z.infer<typeof deliveryProgressSchema>;

/**
 * How far the delivery of `month`'s digest has come, as the digest item records it.
 *
 * @example
 * const progress = await getDeliveryProgress(table(), '2031-01');
 */
export async function getDeliveryProgress(table: Table, month: string): Promise<DeliveryProgress | undefined> {
  const result = await table.documents.send(new GetCommand({ TableName: table.tableName, Key: digestKey(month), ConsistentRead: true }));
  return result.Item ? deliveryProgressSchema.parse(result.Item) : undefined;
}

/**
 * Records that every subscriber of the month's plan has had the digest, so later checks stop there.
 *
 * @example
 * await markDelivered(table(), '2031-01', new Date());
 */
export async function markDelivered(table: Table, month: string, at: Date): Promise<void> {
  await table.documents.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: digestKey(month),
      UpdateExpression: 'SET deliveredAt = if_not_exists(deliveredAt, :at)',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':at': at.toISOString() },
    }),
  );
}
