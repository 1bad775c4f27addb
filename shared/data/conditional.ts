/** Recognising a failed DynamoDB condition: the expected outcome of a lost race, not a fault. */
export function isConditionFailed(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: string }).name === 'ConditionalCheckFailedException'
  );
}

/**
 * Awaits a conditional write: `true` when it was applied, `false` when its condition failed
 * (someone else got there first — the expected outcome of a race); any other error is thrown.
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
