/**
 * Digest subscribers: double opt-in subscription, confirmation, unsubscribe and suppression.
 * The digest sender imports its reads and links from here.
 */
export { subscriberIdOf, maskEmail } from './identity';
export { subscriberSchema, subscriptionRequestSchema, SUBSCRIBER_STATUSES } from './schema';
export type { Subscriber, SubscriberStatus, SubscriptionRequest } from './schema';
export {
  ACTIVE_SUBSCRIBERS,
  activeIndexAttributes,
  activeSubscriberIdsConfirmedBy,
  addActiveSubscriber,
  getSubscriber,
  getSubscribers,
  listActiveSubscriberIds,
  subscriberKey,
} from './repository';
export { confirmationLink, linkToken, unsubscribeLinks } from './links';
export { requestSubscription, RESEND_AFTER_MS, type SubscribeOutcome } from './subscribe';
export { confirmSubscription, type ConfirmOutcome } from './confirm';
export { unsubscribe, type UnsubscribeOutcome } from './unsubscribe';
export { sendSubscriptionConfirmation, type SendConfirmationOutcome } from './send-confirmation';
export { applySesFeedback, parseSesFeedback, type SesFeedback } from './feedback';
export type { Table } from '../data/table';
