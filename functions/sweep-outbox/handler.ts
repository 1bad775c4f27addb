import { sweepOutbox } from '../../shared/events/outbox';
import { logger } from '../../shared/logger';
import { busPublisher } from '../../shared/runtime/publisher';
import { table } from '../../shared/runtime/table';

export const handler = async (): Promise<{ published: number; failed: number }> => {
  const result = await sweepOutbox({ ...table(), publisher: busPublisher() }, new Date());
  logger.info('outbox swept', result);
  // Failures stay marked and are tried on the next run; throwing would only add noise.
  return result;
};
