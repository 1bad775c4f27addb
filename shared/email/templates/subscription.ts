/**
 * The double opt-in email. Written in short, plain sentences: many readers use English as a
 * second language, and the email must say clearly what they will get and that doing nothing
 * is a safe "no".
 */
import { button, paragraph } from '../blocks';
import type { EmailMessage } from '../message';
import { emailParts } from './parts';

/**
 * The confirmation email for a subscription request.
 *
 * @example
 * await mailer.send(subscriptionConfirmationEmail(subscriber, { confirmUrl }));
 */
export function subscriptionConfirmationEmail(
  subscriber: { email: string; name?: string },
  options: { confirmUrl: string },
): EmailMessage {
  return {
    to: [subscriber.email],
    subject: 'Please confirm your subscription to Cities Seeking Cities',
    ...emailParts({ title: 'Please confirm your subscription' }, [
      paragraph(subscriber.name ? `Hello ${subscriber.name},` : 'Hello,'),
      paragraph('Someone asked to receive the Cities Seeking Cities newsletter at this email address. We hope it was you.'),
      button('Yes, subscribe me', options.confirmUrl, 'To confirm your subscription, open this link:'),
      paragraph('Each month we send one email. It presents three communities outside the United States that are looking for a U.S. sister city.'),
      paragraph('If you did not ask for this, you do not need to do anything. If you do not confirm, you will not be subscribed and we will not write to you again.'),
      paragraph('You can unsubscribe at any time with the link at the end of every newsletter.'),
    ]),
  };
}
