import { digestBatchSize } from '../../shared/config';
import { checkDigestDelivery, type DeliveryCheck } from '../../shared/digest/delivery-check';
import { monthAt } from '../../shared/digest/rollover';
import { logger } from '../../shared/logger';
import * as z from '../../shared/zod';
import { busPublisher } from '../../shared/runtime/publisher';
import { table } from '../../shared/runtime/table';

// EventBridge Scheduler passes `{"scheduledTime": …}`; the local stack passes the same.
const scheduleInputSchema = z.looseObject({ scheduledTime: z.optional(z.iso.datetime({ offset: true })) });

/** A month's delivery can still be under way on the 1st of the next one, so both are checked. */
function monthsToCheck(at: Date): string[] {
  const current = monthAt(at);
  const [year, month] = current.split('-').map(Number) as [number, number];
  const previous = month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
  return [previous, current];
}

export const handler = async (event: unknown): Promise<{ checks: DeliveryCheck[] }> => {
  const input = scheduleInputSchema.parse(event ?? {});
  const at = input.scheduledTime ? new Date(input.scheduledTime) : new Date();
  const deps = { ...table(), publisher: busPublisher(), batchSize: digestBatchSize() };
  const checks: DeliveryCheck[] = [];
  for (const month of monthsToCheck(at)) checks.push(await checkDigestDelivery(deps, month));
  logger.info('digest delivery checked', { checks });
  return { checks };
};
