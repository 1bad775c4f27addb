import { digestBatchSize } from '../../shared/config';
import { planDigestDelivery } from '../../shared/digest/fan-out';
import { eventHandler } from '../../shared/events/handler';
import { busPublisher } from '../../shared/runtime/publisher';
import { table } from '../../shared/runtime/table';

export const handler = eventHandler('DigestAssembled', (detail) =>
  planDigestDelivery({ ...table(), publisher: busPublisher(), batchSize: digestBatchSize() }, detail.month),
);
