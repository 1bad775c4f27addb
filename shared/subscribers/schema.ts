/**
 * Digest subscribers: what a subscription request may contain and what is stored.
 */
import { z } from 'zod';
import { emailSchema } from '../cities/schema';
import { singleLine } from '../text';

export const SUBSCRIBER_STATUSES = ['pending', 'active', 'unsubscribed', 'suppressed'] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

/** The body of `POST /api/subscriptions`. */
export const subscriptionRequestSchema = z.object(
  {
    email: emailSchema,
    // An untouched form field (empty string or null) counts as no name.
    name: z.preprocess((value) => (value === '' || value === null ? undefined : value), singleLine(1, 120).optional()),
  },
  { error: () => 'The body must be a JSON object with an email and, optionally, a name.' },
);
export type SubscriptionRequest = z.infer<typeof subscriptionRequestSchema>;

/**
 * A subscriber as stored (read back through this schema, so a bad item fails loudly). Only
 * `active` subscribers carry the index keys that `listActiveSubscriberIds` reads.
 */
export const subscriberSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().optional(),
  status: z.enum(SUBSCRIBER_STATUSES),
  createdAt: z.string(),
  confirmedAt: z.string().optional(),
  unsubscribedAt: z.string().optional(),
  suppressedAt: z.string().optional(),
  /** When a confirmation email was last asked for; throttles re-sends. */
  lastRequestedAt: z.string(),
});

export type Subscriber = z.infer<typeof subscriberSchema>;
