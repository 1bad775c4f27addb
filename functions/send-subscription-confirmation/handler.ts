import { eventHandler } from '../../shared/events/handler';
import { sendSubscriptionConfirmation } from '../../shared/subscribers/send-confirmation';
import { table } from '../../shared/runtime/table';
import { mailing } from '../../shared/runtime/mailing';

export const handler = eventHandler('SubscriptionRequested', (detail) =>
  sendSubscriptionConfirmation({ ...table(), ...mailing() }, detail),
);
