import * as z from '../../shared/zod';
import { sendMemberAlerts } from '../../shared/alerts/send';
import { logger } from '../../shared/logger';
import { table } from '../../shared/runtime/table';
import { mailing } from '../../shared/runtime/mailing';

// EventBridge Scheduler passes `{"scheduledTime": …}`: the week is the one that time falls in
// (New York), so a retry later in the day still counts for Monday's week. Called directly
// without it (a test, or a person running the batch now), it is the current week.
const scheduleInputSchema = z.looseObject({ scheduledTime: z.optional(z.iso.datetime({ offset: true })) });

export const handler = async (event: unknown) => {
  const input = scheduleInputSchema.parse(event ?? {});
  const { mailer, publicUrl } = mailing();
  const outcome = await sendMemberAlerts({ ...table(), mailer, publicUrl }, input.scheduledTime ? new Date(input.scheduledTime) : new Date());
  logger.info('weekly member alerts done', { ...outcome });
  return outcome;
};
