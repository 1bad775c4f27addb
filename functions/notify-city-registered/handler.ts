import { documentClient } from '../../shared/aws/dynamodb';
import { sesClient } from '../../shared/aws/ses';
import { notifyCityRegistered } from '../../shared/cities/notify-registered';
import { config } from '../../shared/config';
import { sesMailer } from '../../shared/email/mailer';
import { eventHandler } from '../../shared/events/handler';

export const handler = eventHandler('CityRegistered', (detail) =>
  notifyCityRegistered(
    {
      documents: documentClient(),
      tableName: config().TABLE_NAME,
      mailer: sesMailer(sesClient(), { sender: config().SENDER_EMAIL, outboxDir: config().MAIL_OUTBOX_DIR }),
      coordinatorEmail: config().COORDINATOR_EMAIL,
      publicUrl: config().PUBLIC_URL,
    },
    detail.cityId,
  ),
);
