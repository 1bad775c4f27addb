import { checkListings } from '../../shared/freshness/check';
import { table } from '../../shared/data/table';
import { mailing } from '../../shared/email/ses';
import { eventHandler } from '../../shared/events/handler';

export const handler = eventHandler('MonthRolledOver', (detail) => {
  const { mailer, coordinatorEmail, publicUrl } = mailing();
  return checkListings({ ...table(), mailer, coordinatorEmail, publicUrl }, detail.month);
});
