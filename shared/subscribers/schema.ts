/**
 * Digest subscribers: what a subscription request may contain and what is stored.
 */
import * as z from '../zod';
import { emailSchema } from '../cities/schema';
import { singleLine } from '../text';

export const SUBSCRIBER_STATUSES = ['pending', 'active', 'unsubscribed', 'suppressed'] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

/** The body of `POST /api/subscriptions`. */
export const subscriptionRequestSchema = /* @__PURE__ */ (() =>
  z.object(
    {
      email: emailSchema,
      // An untouched form field (empty string or null) counts as no name.
      name: z.pipe(
        z.transform((value: unknown) => (value === '' || value === null ? undefined : value)),
        z.optional(singleLine(1, 120)),
      ),
    },
    { error: () => 'The body must be a JSON object with an email and, optionally, a name.' },
  ))();
export type SubscriptionRequest = z.infer<typeof subscriptionRequestSchema>;

/**
 * A subscriber as stored (read back through this schema, so a bad item fails loudly). Only
 * `active` subscribers carry the index keys that `listActiveSubscriberIds` reads.
 */
export const subscriberSchema = /* @__PURE__ */ (() =>
  z.object({
    id: z.string(),
    email: z.string(),
    name: z.optional(z.string()),
    status: z.enum(SUBSCRIBER_STATUSES),
    createdAt: z.string(),
    confirmedAt: z.optional(z.string()),
    unsubscribedAt: z.optional(z.string()),
    suppressedAt: z.optional(z.string()),
    /** When a confirmation email was last asked for; throttles re-sends. */
    lastRequestedAt: z.string(),
  }))();

export type Subscriber = z.infer<typeof subscriberSchema>;
