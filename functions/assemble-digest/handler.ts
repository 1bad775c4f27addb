import { config } from '../../shared/config';
import { table } from '../../shared/data/table';
import { assembleDigest } from '../../shared/digest/assemble';
import { mailing } from '../../shared/email/ses';
import { busPublisher } from '../../shared/events/bus';
import { eventHandler } from '../../shared/events/handler';

export const handler = eventHandler('MonthRolledOver', (detail) => {
  const { mailer, coordinatorEmail } = mailing();
  return assembleDigest({ ...table(), publisher: busPublisher(), mailer, coordinatorEmail, batchSize: config().DIGEST_BATCH_SIZE }, detail.month);
});
