/**
 * Counting DynamoDB capacity: a middleware on the document client asks every call for
 * `ReturnConsumedCapacity: TOTAL` and adds up what comes back.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface CapacityMeter {
  /** Runs `work` and returns the capacity units it consumed. */
  measure<T>(work: () => Promise<T>): Promise<{ result: T; units: number }>;
}

type Consumed = { CapacityUnits?: number } | Array<{ CapacityUnits?: number }> | undefined;

/**
 * @example
 * const meter = installCapacityMeter(documentClient());
 * const { units } = await meter.measure(() => searchDirectory(table(), query));
 */
export function installCapacityMeter(client: DynamoDBDocumentClient): CapacityMeter {
  let total = 0;
  client.middlewareStack.add(
    (next) => async (args) => {
      (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity ??= 'TOTAL';
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: Consumed }).ConsumedCapacity;
      for (const entry of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) total += entry.CapacityUnits ?? 0;
      return result;
    },
    { step: 'initialize', name: 'benchCapacityMeter' },
  );
  return {
    async measure(work) {
      const before = total;
      const result = await work();
      return { result, units: Math.round((total - before) * 100) / 100 };
    },
  };
}
