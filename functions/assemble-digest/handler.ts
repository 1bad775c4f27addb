import { digestBatchSize } from '../../shared/config';
import { assembleDigest } from '../../shared/digest/assemble';
import { eventHandler } from '../../shared/events/handler';
import { busPublisher } from '../../shared/runtime/publisher';
import { table } from '../../shared/runtime/table';
import { mailing } from '../../shared/runtime/mailing';

export const handler = eventHandler('MonthRolledOver', (detail) => {
  const { mailer, coordinatorEmail } = mailing();
  return assembleDigest({ ...table(), publisher: busPublisher(), mailer, coordinatorEmail, batchSize: digestBatchSize() }, detail.month);
});
