/**
 * Reading one item by key.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ItemKey, Table } from './table';

/**
 * The item at `key`, or `undefined`. Strongly consistent unless `consistent` is false.
 *
 * @example
 * const item = await getItem(table, { pk: 'DIGEST#2031-01', sk: 'DIGEST' });
 */
export async function getItem(table: Table, key: ItemKey, consistent = true, projection?: string): Promise<Record<string, unknown> | undefined> {
  const result = await table.documents.send(
    new GetCommand({ TableName: table.tableName, Key: key, ConsistentRead: consistent, ProjectionExpression: projection }),
  );
  return result.Item;
}
