/**
 * What a `SubscriptionRequested` event causes: one confirmation email per request, keyed on
 * (subscriber, requestedAt), however often the event arrives.
 */
import { deliverOnce, type DeliveryLedger } from '../email/deliveries';
import type { Mailer } from '../email/mailer';
import { subscriptionConfirmationEmail } from '../email/templates/subscription';
import type { EventDetail } from '../events/contracts';
import { confirmationLink } from './links';
import { getSubscriber } from './repository';

export interface SendConfirmationDeps extends DeliveryLedger {
  mailer: Mailer;
  publicUrl: string;
}

/**
 * - `sent` / `duplicate`: as `deliverOnce` says
 * - `not-pending`: confirmed, unsubscribed or suppressed since the request: nothing to confirm
 * - `superseded`: a newer request exists; its own event sends the one email
 * - `unknown`: no such subscriber
 */
export type SendConfirmationOutcome = 'sent' | 'duplicate' | 'not-pending' | 'superseded' | 'unknown';

/**
 * Emails the confirmation link of a pending subscriber, once per request.
 *
 * @example
 * await sendSubscriptionConfirmation({ ...table(), ...mailing() }, detail);
 */
export async function sendSubscriptionConfirmation(
  deps: SendConfirmationDeps,
  request: Pick<EventDetail<'SubscriptionRequested'>, 'subscriberId' | 'requestedAt'>,
): Promise<SendConfirmationOutcome> {
  const subscriber = await getSubscriber(deps, request.subscriberId);
  // The item is written before its event is published, so a missing one was removed on
  // purpose; retrying would not bring it back.
  if (!subscriber) return 'unknown';
  if (subscriber.status !== 'pending') return 'not-pending';
  // A late re-publication of an older request must not add a second email to a newer one.
  if (subscriber.lastRequestedAt !== request.requestedAt) return 'superseded';
  const confirmUrl = await confirmationLink(deps.publicUrl, subscriber.id);
  return deliverOnce(deps, `subscription-confirmation/${subscriber.id}/${request.requestedAt}`, () =>
    deps.mailer.send(subscriptionConfirmationEmail(subscriber, { confirmUrl })),
  );
}
