/** Recognising a failed DynamoDB condition: the expected outcome of a lost race, not a fault. */
export function isConditionFailed(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: string }).name === 'ConditionalCheckFailedException'
  );
}
