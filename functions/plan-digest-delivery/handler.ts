import { config } from '../../shared/config';
import { table } from '../../shared/data/table';
import { planDigestDelivery } from '../../shared/digest/fan-out';
import { busPublisher } from '../../shared/events/bus';
import { eventHandler } from '../../shared/events/handler';

export const handler = eventHandler('DigestAssembled', (detail) =>
  planDigestDelivery({ ...table(), publisher: busPublisher(), batchSize: config().DIGEST_BATCH_SIZE }, detail.month),
);
