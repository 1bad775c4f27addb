import { documentClient } from '../../shared/aws/dynamodb';
import { eventBridgeClient } from '../../shared/aws/eventbridge';
import { config } from '../../shared/config';
import { sweepOutbox } from '../../shared/events/outbox';
import { eventBridgePublisher } from '../../shared/events/publisher';
import { logger } from '../../shared/logger';

export const handler = async (): Promise<{ published: number; failed: number }> => {
  const result = await sweepOutbox(
    {
      documents: documentClient(),
      tableName: config().TABLE_NAME,
      publisher: eventBridgePublisher(eventBridgeClient(), { busName: config().EVENT_BUS_NAME }),
    },
    new Date(),
  );
  logger.info('outbox swept', result);
  // Failures stay marked and are tried on the next run; throwing would only add noise.
  return result;
};
