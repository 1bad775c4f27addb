/**
 * The mailer and the addresses the emails need, from the container's configuration. Apart from
 * the others because nodemailer's encoders carry module-level code a bundler must keep, which
 * only the functions that send email should pay for.
 */
import { sesClient } from '../aws/sesv2';
import { coordinatorEmail, coordinatorRoutes, mailOutboxDir, publicUrl, senderEmail } from '../config';
import { sesMailer } from '../email/mailer';
import { suppressionAware } from '../email/suppression';
import { table } from './table';

/**
 * The mailer never reaches a suppressed address: every email of the program goes through here,
 * so wrapping it once covers them all.
 *
 * @example
 * await notifyCityRegistered({ ...table(), ...mailing() }, cityId);
 */
export function mailing() {
  return {
    mailer: suppressionAware(sesMailer(sesClient(), { sender: senderEmail(), outboxDir: mailOutboxDir() }), table()),
    coordinatorEmail: coordinatorEmail(),
    coordinatorRoutes: coordinatorRoutes(),
    publicUrl: publicUrl(),
  };
}
