import { table } from '../../shared/data/table';
import { mailing } from '../../shared/email/ses';
import { eventHandler } from '../../shared/events/handler';
import { sendSubscriptionConfirmation } from '../../shared/subscribers/send-confirmation';

export const handler = eventHandler('SubscriptionRequested', (detail) =>
  sendSubscriptionConfirmation({ ...table(), ...mailing() }, detail),
);
