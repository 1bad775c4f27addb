/**
 * Subscribers in the single table.
 *
 *   subscriber  pk SUBSCRIBER#<subscriberId>  sk SUBSCRIBER
 *               gsi2pk SUBSCRIBERS#active      gsi2sk <subscriberId>   (active subscribers only)
 *
 * The index keys are sparse: every write that leaves `active` removes them, so the digest's
 * fan-out reads exactly the active subscribers with a Query (never a Scan, never a filter).
 * Every change is one conditional write on the one item: dynalite has no transactions, and a
 * status change never needs more than one item.
 */
import * as z from '../zod';
import { batchGet } from '../data/batch-get';
import { putIfAbsent, updateIf } from '../data/conditional';
import { getItem } from '../data/get';
import { queryPage, queryPages } from '../data/query';
import type { PageKey, Table } from '../data/table';
import { subscriberIdOf } from './identity';
import { subscriberSchema, type Subscriber, type SubscriberStatus } from './schema';

/** The partition of the sparse index that holds active subscribers. */
export const ACTIVE_SUBSCRIBERS = 'SUBSCRIBERS#active';

/**
 * @example
 * const item = await getItem(table, subscriberKey(id));
 */
export const subscriberKey = (id: string) => ({ pk: `SUBSCRIBER#${id}`, sk: 'SUBSCRIBER' });

/** The index attributes that list a subscriber as active; only `active` items carry them. */
export const activeIndexAttributes = (id: string) => ({ gsi2pk: ACTIVE_SUBSCRIBERS, gsi2sk: id });

const STATUS = { '#status': 'status' };

/**
 * One subscriber, validated; `undefined` when there is none. Reads are strongly consistent by
 * default: a status decides whether someone is mailed.
 *
 * @example
 * const subscriber = await getSubscriber(table, subscriberIdOf('dana@example.org'));
 */
export async function getSubscriber(table: Table, id: string, consistent = true): Promise<Subscriber | undefined> {
  const item = await getItem(table, subscriberKey(id), consistent);
  return item ? subscriberSchema.parse(item) : undefined;
}

/**
 * The subscribers with these ids that exist, in the order asked (duplicates once), read with
 * strongly consistent BatchGetItem calls of at most 100 keys. Keys DynamoDB leaves unprocessed
 * are asked again with exponential backoff; if some remain after that, it throws so that the
 * caller's event is retried rather than some subscribers silently skipped.
 *
 * @example
 * const subscribers = await getSubscribers(table(), detail.subscriberIds);
 * for (const subscriber of subscribers.filter((s) => s.status === 'active')) await send(subscriber);
 */
export async function getSubscribers(table: Table, ids: string[]): Promise<Subscriber[]> {
  const found = new Map((await batchGet(table, ids.map(subscriberKey))).map((item) => [String(item.id), subscriberSchema.parse(item)]));
  return [...new Set(ids)].flatMap((id) => found.get(id) ?? []);
}

const activeIdsSchema = /* @__PURE__ */ (() => z.array(z.object({ id: z.string(), confirmedAt: z.optional(z.string()) })))();

/** The query of the active subscribers' index, ascending by id. */
const activeIndex = { index: 'gsi2', key: 'gsi2pk = :active', values: { ':active': ACTIVE_SUBSCRIBERS }, forward: true } as const;

/**
 * One page of active subscriber ids, ascending by id, from the sparse index. Pass `nextKey`
 * back as `startKey` for the next page; it is absent on the last page. The index is eventually
 * consistent: a subscriber confirmed a moment ago may appear on the next run.
 *
 * @example
 * let startKey: Record<string, unknown> | undefined;
 * do {
 *   const page = await listActiveSubscriberIds(table(), 100, startKey);
 *   batches.push(page.ids);
 *   startKey = page.nextKey;
 * } while (startKey);
 */
export async function listActiveSubscriberIds(
  table: Table,
  pageSize: number,
  startKey?: PageKey,
): Promise<{ ids: string[]; nextKey?: PageKey }> {
  const page = await queryPage(table, { ...activeIndex, projection: 'id', limit: pageSize, startKey });
  return { ids: activeIdsSchema.parse(page.items).map((item) => item.id), ...(page.nextKey ? { nextKey: page.nextKey } : {}) };
}

/**
 * Every active subscriber confirmed at or before `by` (all of them without `by`), from the
 * sparse index, page by page.
 *
 * @example
 * const ids = await activeSubscriberIdsConfirmedBy(table(), '2031-01-01T14:05:00.000Z');
 */
export async function activeSubscriberIdsConfirmedBy(table: Table, by?: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of queryPages(table, { ...activeIndex, projection: 'id, confirmedAt' })) {
    for (const item of activeIdsSchema.parse(page.items)) if (!by || !item.confirmedAt || item.confirmedAt <= by) ids.push(item.id);
  }
  return ids;
}

/**
 * Writes a new pending subscriber with any extra attributes (its outbox). Never overwrites.
 *
 * @returns false when the address already has a subscriber item
 * @example
 * const created = await putPendingSubscriber(table, subscriber, outboxAttributes(events, now));
 */
export async function putPendingSubscriber(
  table: Table,
  subscriber: Subscriber & { status: 'pending' },
  extra: Record<string, unknown> = {},
): Promise<boolean> {
  return putIfAbsent(table, { ...subscriberKey(subscriber.id), ...subscriber, ...extra });
}

/**
 * Makes a subscriber pending again with a new request time and extra attributes (its outbox) —
 * only if it is unsubscribed, or pending with its last request at or before `resendAfter`.
 * One conditional write decides it, so concurrent requests send one confirmation.
 *
 * @returns whether the subscriber was reopened
 * @example
 * const reopened = await reopenSubscription(table, id, { requestedAt, resendAfter, name }, outbox);
 */
export async function reopenSubscription(
  table: Table,
  id: string,
  change: { requestedAt: string; resendAfter: string; name?: string },
  extra: Record<string, unknown> = {},
): Promise<boolean> {
  // The outbox (and the name, when given) ride along in the same conditional write.
  return updateIf(table, subscriberKey(id), {
    set: { ...extra, name: change.name, status: 'pending', lastRequestedAt: change.requestedAt },
    condition: {
      expression: '(#status = :pending AND lastRequestedAt <= :resendAfter) OR #status = :unsubscribed',
      names: STATUS,
      values: { ':pending': 'pending', ':unsubscribed': 'unsubscribed', ':resendAfter': change.resendAfter },
    },
  });
}

/**
 * Moves a subscriber from `from` to `to`, setting `<to>At` and adding the active index keys
 * (for `active`) or removing them (anything else).
 */
function changeStatus(table: Table, id: string, from: readonly SubscriberStatus[], to: SubscriberStatus, timeAttribute: string, at: string) {
  const fromValues = Object.fromEntries(from.map((status, index) => [`:from${index}`, status]));
  const index = to === 'active' ? activeIndexAttributes(id) : undefined;
  return updateIf(table, subscriberKey(id), {
    set: { status: to, [timeAttribute]: at, ...index },
    remove: index ? [] : ['gsi2pk', 'gsi2sk'],
    condition: { expression: `#status IN (${Object.keys(fromValues).join(', ')})`, names: STATUS, values: fromValues },
  });
}

/**
 * Activates a pending subscriber (and lists it on the active index).
 *
 * @returns false when it was not pending (or does not exist)
 * @example
 * if (!(await activateSubscriber(table, id, now.toISOString()))) { … }
 */
export function activateSubscriber(table: Table, id: string, at: string): Promise<boolean> {
  return changeStatus(table, id, ['pending'], 'active', 'confirmedAt', at);
}

/**
 * Unsubscribes a pending or active subscriber (and removes it from the active index).
 *
 * @returns false when it was neither (already unsubscribed, suppressed, or missing)
 * @example
 * await markUnsubscribed(table, id, now.toISOString());
 */
export function markUnsubscribed(table: Table, id: string, at: string): Promise<boolean> {
  return changeStatus(table, id, ['pending', 'active'], 'unsubscribed', 'unsubscribedAt', at);
}

/**
 * Suppresses a subscriber whatever its status (and removes it from the active index); the
 * first suppression's time is kept.
 *
 * @returns false when there is no such subscriber or it was already suppressed
 * @example
 * await markSuppressed(table, subscriberIdOf(email), at);
 */
export function markSuppressed(table: Table, id: string, at: string): Promise<boolean> {
  return changeStatus(table, id, ['pending', 'active', 'unsubscribed'], 'suppressed', 'suppressedAt', at);
}

/**
 * Adds an already-consenting address as an active subscriber, skipping double opt-in. Only for
 * the local demo seed and imports of lists whose consent was collected elsewhere.
 *
 * @returns false when the address already has a subscriber (it is left as it is)
 * @example
 * await addActiveSubscriber(table, { email: 'dana@example.org', name: 'Dana' }, new Date());
 */
export async function addActiveSubscriber(table: Table, person: { email: string; name?: string }, now: Date): Promise<boolean> {
  const id = subscriberIdOf(person.email);
  const at = now.toISOString();
  const subscriber: Subscriber = {
    id,
    email: person.email.trim().toLowerCase(),
    name: person.name,
    status: 'active',
    createdAt: at,
    confirmedAt: at,
    lastRequestedAt: at,
  };
  return putIfAbsent(table, { ...subscriberKey(id), ...activeIndexAttributes(id), ...subscriber });
}
