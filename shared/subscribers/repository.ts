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
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from '../zod';
import { conditionally } from '../data/conditional';
import type { Table } from '../data/table';
import { subscriberIdOf } from './identity';
import { subscriberSchema, type Subscriber, type SubscriberStatus } from './schema';

/** The partition of the sparse index that holds active subscribers. */
export const ACTIVE_SUBSCRIBERS = 'SUBSCRIBERS#active';
/** BatchGetItem takes at most 100 keys per request. */
const BATCH_GET_LIMIT = 100;
/** Attempts at keys DynamoDB left unprocessed (throttling) before the caller's retry takes over. */
const BATCH_GET_ATTEMPTS = 8;

/**
 * @example
 * await documents.send(new GetCommand({ TableName, Key: subscriberKey(id) }));
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
  const result = await table.documents.send(
    new GetCommand({ TableName: table.tableName, Key: subscriberKey(id), ConsistentRead: consistent }),
  );
  return result.Item ? subscriberSchema.parse(result.Item) : undefined;
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
  const unique = [...new Set(ids)];
  const found = new Map<string, Subscriber>();
  for (let start = 0; start < unique.length; start += BATCH_GET_LIMIT) {
    let keys: Record<string, unknown>[] = unique.slice(start, start + BATCH_GET_LIMIT).map(subscriberKey);
    for (let attempt = 0; keys.length > 0; attempt += 1) {
      if (attempt === BATCH_GET_ATTEMPTS) {
        throw new Error(`DynamoDB left ${keys.length} subscriber reads unprocessed after ${BATCH_GET_ATTEMPTS} attempts`);
      }
      if (attempt > 0) await backoff(attempt);
      const result = await table.documents.send(
        new BatchGetCommand({ RequestItems: { [table.tableName]: { Keys: keys, ConsistentRead: true } } }),
      );
      for (const item of result.Responses?.[table.tableName] ?? []) {
        const subscriber = subscriberSchema.parse(item);
        found.set(subscriber.id, subscriber);
      }
      keys = result.UnprocessedKeys?.[table.tableName]?.Keys ?? [];
    }
  }
  return unique.flatMap((id) => found.get(id) ?? []);
}

/** Full jitter on an exponential delay (AWS's advice for throttled retries), capped at 2 s. */
function backoff(attempt: number): Promise<void> {
  const ceiling = Math.min(2_000, 50 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}

const activePageSchema = /* @__PURE__ */ (() =>
  z.object({
    Items: z._default(z.array(z.object({ id: z.string() })), []),
    LastEvaluatedKey: z.optional(z.record(z.string(), z.unknown())),
  }))();

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
  startKey?: Record<string, unknown>,
): Promise<{ ids: string[]; nextKey?: Record<string, unknown> }> {
  const result = await table.documents.send(
    new QueryCommand({
      TableName: table.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :active',
      ExpressionAttributeValues: { ':active': ACTIVE_SUBSCRIBERS },
      ProjectionExpression: 'id',
      ScanIndexForward: true,
      Limit: pageSize,
      ExclusiveStartKey: startKey,
    }),
  );
  const page = activePageSchema.parse(result);
  return { ids: page.Items.map((item) => item.id), ...(page.LastEvaluatedKey ? { nextKey: page.LastEvaluatedKey } : {}) };
}

const activeConfirmedPageSchema = /* @__PURE__ */ (() =>
  z.object({
    Items: z._default(z.array(z.object({ id: z.string(), confirmedAt: z.optional(z.string()) })), []),
    LastEvaluatedKey: z.optional(z.record(z.string(), z.unknown())),
  }))();

/**
 * Every active subscriber confirmed at or before `by` (all of them without `by`), from the
 * sparse index, page by page.
 *
 * @example
 * const ids = await activeSubscriberIdsConfirmedBy(table(), '2031-01-01T14:05:00.000Z');
 */
export async function activeSubscriberIdsConfirmedBy(table: Table, by?: string): Promise<string[]> {
  const ids: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const result = await table.documents.send(
      new QueryCommand({
        TableName: table.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :active',
        ExpressionAttributeValues: { ':active': ACTIVE_SUBSCRIBERS },
        ProjectionExpression: 'id, confirmedAt',
        ExclusiveStartKey: startKey,
      }),
    );
    const page = activeConfirmedPageSchema.parse(result);
    for (const item of page.Items) if (!by || !item.confirmedAt || item.confirmedAt <= by) ids.push(item.id);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
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
  return conditionally(
    table.documents.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...subscriberKey(subscriber.id), ...subscriber, ...extra },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
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
  const extras = Object.entries({ ...extra, ...(change.name !== undefined ? { name: change.name } : {}) });
  const assignments = ['#status = :pending', 'lastRequestedAt = :requestedAt', ...extras.map((_, index) => `#x${index} = :x${index}`)];
  return conditionally(
    table.documents.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: subscriberKey(id),
        UpdateExpression: `SET ${assignments.join(', ')}`,
        ConditionExpression: '(#status = :pending AND lastRequestedAt <= :resendAfter) OR #status = :unsubscribed',
        ExpressionAttributeNames: { ...STATUS, ...Object.fromEntries(extras.map(([name], index) => [`#x${index}`, name])) },
        ExpressionAttributeValues: {
          ...Object.fromEntries(extras.map(([, value], index) => [`:x${index}`, value])),
          ':pending': 'pending',
          ':unsubscribed': 'unsubscribed',
          ':requestedAt': change.requestedAt,
          ':resendAfter': change.resendAfter,
        },
      }),
    ),
  );
}

/**
 * Moves a subscriber from `from` to `to`, setting `<to>At` and adding the active index keys
 * (for `active`) or removing them (anything else).
 */
function changeStatus(table: Table, id: string, from: readonly SubscriberStatus[], to: SubscriberStatus, timeAttribute: string, at: string) {
  const fromValues = Object.fromEntries(from.map((status, index) => [`:from${index}`, status]));
  const index = to === 'active' ? activeIndexAttributes(id) : undefined;
  return conditionally(
    table.documents.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: subscriberKey(id),
        UpdateExpression: index
          ? `SET #status = :to, #at = :at, gsi2pk = :gsi2pk, gsi2sk = :gsi2sk`
          : `SET #status = :to, #at = :at REMOVE gsi2pk, gsi2sk`,
        ConditionExpression: `#status IN (${Object.keys(fromValues).join(', ')})`,
        ExpressionAttributeNames: { ...STATUS, '#at': timeAttribute },
        ExpressionAttributeValues: {
          ...fromValues,
          ':to': to,
          ':at': at,
          ...(index ? { ':gsi2pk': index.gsi2pk, ':gsi2sk': index.gsi2sk } : {}),
        },
      }),
    ),
  );
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
  return conditionally(
    table.documents.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...subscriberKey(id), ...activeIndexAttributes(id), ...subscriber },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
}
