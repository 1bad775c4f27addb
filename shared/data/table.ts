/**
 * The program's single table as the domain sees it: the document client and the table's name.
 * Every repository and store takes this one type; nothing else declares the table's shape.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../aws/dynamodb';
import { config } from '../config';

export interface Table {
  documents: DynamoDBDocumentClient;
  tableName: string;
}

/** Every item's primary key: a partition and a sort key. */
export interface ItemKey {
  pk: string;
  sk: string;
}

/** Where a paged read stopped: DynamoDB's `LastEvaluatedKey`, passed back as `ExclusiveStartKey`. */
export type PageKey = Record<string, unknown>;

/**
 * The configured table, for a handler to pass to the domain.
 *
 * @example
 * await getCity(table(), id);
 */
export function table(): Table {
  return { documents: documentClient(), tableName: config().TABLE_NAME };
}
