import { logger } from '../../shared/logger';
import { applySesFeedback, parseSesFeedback } from '../../shared/subscribers/feedback';
import { table } from '../../shared/runtime/table';

// SES's events are not one of our contracts, so not `eventHandler`: parse AWS's envelope here.
// An error is rethrown so that the event is retried and finally dead-lettered.
export const handler = async (event: unknown): Promise<void> => {
  const feedback = parseSesFeedback(event);
  await logger.withKeys({ eventId: feedback.eventId, source: 'aws.ses' }, async () => {
    const outcome = await applySesFeedback(table(), feedback);
    logger.info('SES feedback consumed', { outcome });
  });
};
