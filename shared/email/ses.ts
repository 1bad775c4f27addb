/**
 * The configured mailer and the addresses the notifications need, for a handler to pass to
 * the domain.
 */
import { sesClient } from '../aws/ses';
import { config } from '../config';
import { table } from '../data/table';
import { sesMailer } from './mailer';
import { suppressionAware } from './suppression';

/**
 * The mailer never reaches a suppressed address: every email of the program goes through here,
 * so wrapping it once covers them all.
 *
 * @example
 * await notifyCityRegistered({ ...table(), ...mailing() }, cityId);
 */
export function mailing() {
  const settings = config();
  return {
    mailer: suppressionAware(
      sesMailer(sesClient(), { sender: settings.SENDER_EMAIL, outboxDir: settings.MAIL_OUTBOX_DIR }),
      table(),
    ),
    coordinatorEmail: settings.COORDINATOR_EMAIL,
    coordinatorRoutes: settings.COORDINATOR_ROUTES,
    publicUrl: settings.PUBLIC_URL,
  };
}
