/**
 * Reading any number of items by key. BatchGetItem takes at most 100 keys per request and may
 * leave some unprocessed under throttling; those are asked again with backoff, and if some
 * still remain the read throws, so that the caller's event is retried rather than some items
 * silently treated as absent.
 */
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { backoff } from './backoff';
import type { ItemKey, Table } from './table';

/** DynamoDB's limit of keys per BatchGetItem. */
const KEYS_PER_REQUEST = 100;
/** Attempts at keys left unprocessed before the caller's retry takes over. */
const ATTEMPTS = 8;

export interface BatchGetOptions {
  /** Strongly consistent reads (default true: these reads decide who is mailed). */
  consistent?: boolean;
  /** Only these attributes (a projection expression with `names` for its placeholders). */
  projection?: string;
  names?: Record<string, string>;
}

/**
 * The items at `keys` that exist, in no particular order (duplicate keys are read once).
 *
 * @throws when DynamoDB kept leaving keys unprocessed after eight attempts
 * @example
 * const items = await batchGet(table, ids.map(cityKey));
 */
export async function batchGet(table: Table, keys: readonly ItemKey[], options: BatchGetOptions = {}): Promise<Record<string, unknown>[]> {
  const unique = [...new Map(keys.map((key) => [`${key.pk}\u0000${key.sk}`, key])).values()];
  const items: Record<string, unknown>[] = [];
  for (let start = 0; start < unique.length; start += KEYS_PER_REQUEST) {
    let pending: Record<string, unknown>[] = unique.slice(start, start + KEYS_PER_REQUEST).map((key) => ({ pk: key.pk, sk: key.sk }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt === ATTEMPTS) throw new Error(`DynamoDB left ${pending.length} reads unprocessed after ${ATTEMPTS} attempts; try again`);
      if (attempt > 0) await backoff(attempt);
      const result = await table.documents.send(
        new BatchGetCommand({
          RequestItems: {
            [table.tableName]: {
              Keys: pending,
              ConsistentRead: options.consistent ?? true,
              ProjectionExpression: options.projection,
              ExpressionAttributeNames: options.names,
            },
          },
        }),
      );
      items.push(...(result.Responses?.[table.tableName] ?? []));
      pending = result.UnprocessedKeys?.[table.tableName]?.Keys ?? [];
    }
  }
  return items;
}
