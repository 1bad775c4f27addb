/**
 * The configured mailer and the addresses the notifications need, for a handler to pass to
 * the domain.
 */
import { sesClient } from '../aws/ses';
import { config } from '../config';
import { sesMailer } from './mailer';

/**
 * @example
 * await notifyCityRegistered({ ...table(), ...mailing() }, cityId);
 */
export function mailing() {
  const settings = config();
  return {
    mailer: sesMailer(sesClient(), { sender: settings.SENDER_EMAIL, outboxDir: settings.MAIL_OUTBOX_DIR }),
    coordinatorEmail: settings.COORDINATOR_EMAIL,
    coordinatorRoutes: settings.COORDINATOR_ROUTES,
    publicUrl: settings.PUBLIC_URL,
  };
}
