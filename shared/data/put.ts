/**
 * Writing one item whole, whatever was there (settings a coordinator replaces, such as pins).
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ItemKey, Table } from './table';

/**
 * Writes `item`, replacing any item with its key.
 *
 * @example
 * await putItem(table, { pk: 'DIGEST#2031-02', sk: 'PINS', cityIds });
 */
export async function putItem(table: Table, item: ItemKey & Record<string, unknown>): Promise<void> {
  await table.documents.send(new PutCommand({ TableName: table.tableName, Item: item }));
}
