import { checkListings } from '../../shared/freshness/check';
import { eventHandler } from '../../shared/events/handler';
import { table } from '../../shared/runtime/table';
import { mailing } from '../../shared/runtime/mailing';

export const handler = eventHandler('MonthRolledOver', (detail) => {
  const { mailer, coordinatorEmail, publicUrl } = mailing();
  return checkListings({ ...table(), mailer, coordinatorEmail, publicUrl }, detail.month);
});
