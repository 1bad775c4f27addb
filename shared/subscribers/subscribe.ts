/**
 * Asking to subscribe: the rules of `POST /api/subscriptions`.
 *
 * The caller always gets the same answer (202), whatever the address's state, so the route
 * cannot be used to find out who subscribes. What happens depends on that state:
 *
 *   no subscriber   → pending, and a confirmation email
 *   pending         → another confirmation, at most once per RESEND_AFTER_MS
 *   unsubscribed    → pending again, and a confirmation (they must confirm again)
 *   active          → nothing
 *   suppressed      → nothing: the address bounced or complained and is never mailed again
 */
import { outboxAttributes, publishFromOutbox } from '../events/outbox';
import type { EventPublisher } from '../events/publisher';
import type { Table } from '../data/table';
import { isSuppressed } from '../email/suppression-list';
import { subscriberIdOf } from './identity';
import { putPendingSubscriber, reopenSubscription, subscriberKey } from './repository';
import type { SubscriptionRequest } from './schema';

/** A pending address gets at most one confirmation email per this long (a form hammered or abused). */
export const RESEND_AFTER_MS = 10 * 60_000;

export interface SubscribeDeps extends Table {
  publisher: EventPublisher;
  now?: () => Date;
}

/** What a request did; for logs and tests only — the client never sees it. */
export type SubscribeOutcome = 'requested' | 'unchanged';

/**
 * Records a subscription request and, when the state allows it, announces
 * `SubscriptionRequested` through the subscriber's outbox (so a bus failure delays the
 * confirmation email but never loses it).
 *
 * @example
 * await requestSubscription({ ...table(), publisher: busPublisher() }, { email: 'dana@example.org' });
 */
export async function requestSubscription(deps: SubscribeDeps, request: SubscriptionRequest): Promise<SubscribeOutcome> {
  const now = (deps.now ?? (() => new Date()))();
  const requestedAt = now.toISOString();
  const id = subscriberIdOf(request.email);
  // An address suppressed before it ever subscribed (e.g. an inquirer's mailbox that bounced)
  // has no subscriber item to say so; the suppression list does.
  if (await isSuppressed(deps, request.email)) return 'unchanged';

  const outbox = outboxAttributes([{ detailType: 'SubscriptionRequested', detail: { subscriberId: id, requestedAt } }], now);
  const created = await putPendingSubscriber(
    deps,
    { id, email: request.email, name: request.name, status: 'pending', createdAt: requestedAt, lastRequestedAt: requestedAt },
    outbox,
  );
  const reopened =
    created ||
    (await reopenSubscription(
      deps,
      id,
      { requestedAt, resendAfter: new Date(now.getTime() - RESEND_AFTER_MS).toISOString(), name: request.name },
      outbox,
    ));
  if (!reopened) return 'unchanged';
  await publishFromOutbox(deps, subscriberKey(id), outbox);
  return 'requested';
}
