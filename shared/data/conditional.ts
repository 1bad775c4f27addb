/**
 * Conditional writes: how every race in this program is decided without transactions. A
 * failed condition is the expected outcome of a lost race, not a fault, so these helpers
 * answer it with a value and throw only real errors.
 */
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ItemKey, Table } from './table';
import { updateExpression, type Condition, type UpdateSpec } from './update-expression';

/** Recognising a failed DynamoDB condition. */
export function isConditionFailed(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: string }).name === 'ConditionalCheckFailedException'
  );
}

/**
 * Awaits a conditional write: `true` when it was applied, `false` when its condition failed
 * (someone else got there first); any other error is thrown.
 *
 * @example
 * const created = await conditionally(documents.send(new PutCommand({ …, ConditionExpression: 'attribute_not_exists(pk)' })));
 */
export async function conditionally(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

/**
 * Writes `item` unless an item with its key exists (or, with `condition`, unless that fails).
 *
 * @returns whether it was written
 * @example
 * const created = await putIfAbsent(table, { pk: 'CITY#01J…', sk: 'CITY', …city });
 */
export function putIfAbsent(table: Table, item: ItemKey & Record<string, unknown>, condition?: Condition): Promise<boolean> {
  return conditionally(
    table.documents.send(
      new PutCommand({
        TableName: table.tableName,
        Item: item,
        ConditionExpression: condition?.expression ?? 'attribute_not_exists(pk)',
        ExpressionAttributeNames: condition?.names,
        ExpressionAttributeValues: condition?.values,
      }),
    ),
  );
}

/**
 * Applies `spec` to the item at `key`.
 *
 * @returns whether it was applied (`false`: its condition failed)
 * @example
 * await updateIf(table, digestKey(month), { setIfMissing: { deliveredAt: now } });
 */
export function updateIf(table: Table, key: ItemKey, spec: UpdateSpec): Promise<boolean> {
  return conditionally(table.documents.send(new UpdateCommand({ TableName: table.tableName, Key: key, ...updateExpression(spec) })));
}

/**
 * Applies `spec` to the item at `key` and returns the item as now stored.
 *
 * @returns the item's attributes, or `undefined` when the condition failed
 * @example
 * const city = await updateAndRead(table, cityKey(id), { set: { seeking }, condition: exists });
 */
export async function updateAndRead(table: Table, key: ItemKey, spec: UpdateSpec): Promise<Record<string, unknown> | undefined> {
  try {
    const result = await table.documents.send(
      new UpdateCommand({ TableName: table.tableName, Key: key, ...updateExpression(spec), ReturnValues: 'ALL_NEW' }),
    );
    return result.Attributes;
  } catch (error) {
    if (isConditionFailed(error)) return undefined;
    throw error;
  }
}

/**
 * Deletes the item at `key` when `condition` holds.
 *
 * @returns whether it was deleted
 */
export function deleteIf(table: Table, key: ItemKey, condition: Condition): Promise<boolean> {
  return conditionally(
    table.documents.send(
      new DeleteCommand({
        TableName: table.tableName,
        Key: key,
        ConditionExpression: condition.expression,
        ExpressionAttributeNames: condition.names,
        ExpressionAttributeValues: condition.values,
      }),
    ),
  );
}
