/**
 * The program's single table as the domain sees it: the document client and the table's name.
 * Every repository and store takes this one type; nothing else declares the table's shape.
 * The configured table is `table()` in shared/runtime/dependencies.ts.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

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
