import * as z from '../../shared/zod';
import { monthAt, rollOver } from '../../shared/digest/rollover';
import { logger } from '../../shared/logger';
import { busPublisher } from '../../shared/runtime/publisher';

// EventBridge Scheduler passes `{"scheduledTime": "<aws.scheduler.scheduled-time>"}` (set on
// the schedule's target input); the month is the one that time falls in, in New York.
const scheduleInputSchema = z.looseObject({ scheduledTime: z.optional(z.iso.datetime({ offset: true })) });

export const handler = async (event: unknown): Promise<{ month: string }> => {
  const input = scheduleInputSchema.parse(event ?? {});
  const month = monthAt(input.scheduledTime ? new Date(input.scheduledTime) : new Date());
  await rollOver(busPublisher(), month);
  logger.info('month rolled over', { month });
  return { month };
};
