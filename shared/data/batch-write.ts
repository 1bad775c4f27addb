/**
 * Writing and deleting many items: 25 per BatchWriteItem, unprocessed ones retried with
 * backoff; a remainder throws so that the caller is retried (every batch write here is an
 * idempotent projection, safe to repeat).
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { backoff } from './backoff';
import type { ItemKey, Table } from './table';

const REQUESTS_PER_CALL = 25;
const ATTEMPTS = 6;

export type WriteRequest = { PutRequest: { Item: ItemKey & Record<string, unknown> } } | { DeleteRequest: { Key: ItemKey } };

/**
 * Applies every put and delete of `requests`.
 *
 * @example
 * await batchWrite(table, [{ PutRequest: { Item } }, { DeleteRequest: { Key } }]);
 */
export async function batchWrite(table: Table, requests: readonly WriteRequest[]): Promise<void> {
  for (let start = 0; start < requests.length; start += REQUESTS_PER_CALL) {
    let pending: WriteRequest[] = requests.slice(start, start + REQUESTS_PER_CALL);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt === ATTEMPTS) throw new Error('DynamoDB kept items unprocessed; try again');
      if (attempt > 0) await backoff(attempt);
      const result = await table.documents.send(new BatchWriteCommand({ RequestItems: { [table.tableName]: pending } }));
      pending = (result.UnprocessedItems?.[table.tableName] ?? []) as WriteRequest[];
    }
  }
}
