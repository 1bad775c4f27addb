/**
 * Queries: one page, or every page as an async generator. Every list in this program is a
 * Query of one partition (of the table or an index), never a Scan.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { PageKey, Table } from './table';

export interface QuerySpec {
  /** The index to query; the table itself when absent. */
  index?: 'gsi1' | 'gsi2' | 'outbox';
  /** The key condition, with the placeholders it uses. */
  key: string;
  values: Record<string, unknown>;
  names?: Record<string, string>;
  filter?: string;
  projection?: string;
  /** Items evaluated per page. */
  limit?: number;
  /** Ascending by sort key (default true). */
  forward?: boolean;
  consistent?: boolean;
  startKey?: PageKey;
  /** Ask for the read capacity consumed (the benchmark reports it). */
  measure?: boolean;
}

export interface QueryPage {
  items: Record<string, unknown>[];
  /** Where the next page starts; absent on the last page. */
  nextKey?: PageKey;
  consumedCapacity: number;
}

/**
 * One page of `spec`.
 *
 * @example
 * const { items, nextKey } = await queryPage(table, { index: 'gsi2', key: 'gsi2pk = :pk', values: { ':pk': 'CITIES#pending' } });
 */
export async function queryPage(table: Table, spec: QuerySpec): Promise<QueryPage> {
  const result = await table.documents.send(
    new QueryCommand({
      TableName: table.tableName,
      IndexName: spec.index,
      KeyConditionExpression: spec.key,
      FilterExpression: spec.filter,
      ProjectionExpression: spec.projection,
      ExpressionAttributeNames: spec.names && Object.keys(spec.names).length ? spec.names : undefined,
      ExpressionAttributeValues: spec.values,
      Limit: spec.limit,
      ScanIndexForward: spec.forward,
      ConsistentRead: spec.consistent,
      ExclusiveStartKey: spec.startKey,
      ReturnConsumedCapacity: spec.measure ? 'TOTAL' : undefined,
    }),
  );
  return {
    items: result.Items ?? [],
    ...(result.LastEvaluatedKey ? { nextKey: result.LastEvaluatedKey } : {}),
    consumedCapacity: result.ConsumedCapacity?.CapacityUnits ?? 0,
  };
}

/**
 * Every page of `spec`, from `spec.startKey` on, until the partition ends or the caller stops.
 *
 * @example
 * for await (const page of queryPages(table, spec)) ids.push(...page.items.map((item) => String(item.id)));
 */
export async function* queryPages(table: Table, spec: QuerySpec): AsyncGenerator<QueryPage> {
  let startKey = spec.startKey;
  do {
    const page = await queryPage(table, { ...spec, startKey });
    yield page;
    startKey = page.nextKey;
  } while (startKey);
}
