/**
 * Delivery records: every email has a cause (e.g. "the coordinator, about city X's
 * registration"), and each cause is mailed exactly once, however often the event arrives.
 *
 *   pk DELIVERY#<cause>  sk DELIVERY  { status: sending | sent, lease, leaseUntil, messageId }
 *
 * A sender first takes a short lease with a conditional write. A concurrent duplicate sees the
 * lease and fails with `DeliveryInProgressError`, so its event is retried later (never
 * dropped). If the send fails the lease is released; if the process dies after sending but
 * before recording, the lease expires and a retry sends again — the one unavoidable duplicate
 * of at-least-once delivery, made as narrow as possible.
 *
 * A sender that may take longer than the lease (a throttled digest retrying with backoff)
 * renews it before each further try; a renewal that finds the lease taken by someone else
 * stops the send, and "sent" is recorded only under the lease this call took.
 */
import { BatchGetCommand, DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import * as z from '../zod';
import { isConditionFailed } from '../data/conditional';
import { logger } from '../logger';

export const DELIVERY_LEASE_MS = 60_000;

/** Another invocation is sending this very email right now; retry later. */
export class DeliveryInProgressError extends Error {
  override readonly name = 'DeliveryInProgressError';
  constructor(readonly deliveryCause: string) {
    super(`Delivery ${deliveryCause} is in progress elsewhere; retry later.`);
  }
}

/** This call's lease was taken over by another sender: it must not send. */
export class DeliveryLeaseLostError extends Error {
  override readonly name = 'DeliveryLeaseLostError';
  constructor(readonly deliveryCause: string) {
    super(`The lease on delivery ${deliveryCause} was taken over; this call does not send.`);
  }
}

/** What a send may do with the lease it runs under. */
export interface DeliveryLease {
  /** Extends the lease by a full term; throws `DeliveryLeaseLostError` if it is no longer ours. */
  renew(): Promise<void>;
}

const deliverySchema = /* @__PURE__ */ (() =>
  z.object({
    status: z.enum(['sending', 'sent']),
    messageId: z.optional(z.string()),
  }))();

export interface DeliveryLedger {
  documents: DynamoDBDocumentClient;
  tableName: string;
  /** Lease term; {@link DELIVERY_LEASE_MS} unless a test shortens it. */
  leaseMs?: number;
}

const deliveryKey = (cause: string) => ({ pk: `DELIVERY#${cause}`, sk: 'DELIVERY' });

/**
 * Runs `send` unless the email for `cause` was already sent.
 *
 * @returns `sent` when this call sent it, `duplicate` when it had been sent before
 * @example
 * await deliverOnce(ledger, `city-registered/${cityId}/coordinator`, () => mailer.send(message));
 */
export async function deliverOnce(
  ledger: DeliveryLedger,
  cause: string,
  send: (lease: DeliveryLease) => Promise<{ messageId: string }>,
  now: Date = new Date(),
): Promise<'sent' | 'duplicate'> {
  const key = deliveryKey(cause);
  const lease = randomUUID();
  const leaseMs = ledger.leaseMs ?? DELIVERY_LEASE_MS;
  try {
    await ledger.documents.send(
      new PutCommand({
        TableName: ledger.tableName,
        Item: { ...key, cause, status: 'sending', lease, leaseUntil: now.getTime() + leaseMs },
        ConditionExpression: 'attribute_not_exists(pk) OR (#status = :sending AND leaseUntil < :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sending': 'sending', ':now': now.getTime() },
      }),
    );
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
    const existing = await ledger.documents.send(
      new GetCommand({ TableName: ledger.tableName, Key: key, ConsistentRead: true }),
    );
    if (existing.Item && deliverySchema.parse(existing.Item).status === 'sent') return 'duplicate';
    throw new DeliveryInProgressError(cause);
  }

  const renewal: DeliveryLease = {
    async renew() {
      try {
        await ledger.documents.send(
          new UpdateCommand({
            TableName: ledger.tableName,
            Key: key,
            UpdateExpression: 'SET leaseUntil = :until',
            ConditionExpression: 'lease = :lease AND #status = :sending',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':until': Date.now() + leaseMs, ':lease': lease, ':sending': 'sending' },
          }),
        );
      } catch (error) {
        if (isConditionFailed(error)) throw new DeliveryLeaseLostError(cause);
        throw error;
      }
    },
  };

  let messageId: string;
  try {
    ({ messageId } = await send(renewal));
  } catch (error) {
    // Release our lease so that the retry of this event can send at once.
    await ledger.documents
      .send(
        new DeleteCommand({
          TableName: ledger.tableName,
          Key: key,
          ConditionExpression: 'lease = :lease',
          ExpressionAttributeValues: { ':lease': lease },
        }),
      )
      .catch(() => undefined);
    throw error;
  }

  try {
    await ledger.documents.send(
      new UpdateCommand({
        TableName: ledger.tableName,
        Key: key,
        UpdateExpression: 'SET #status = :sent, messageId = :messageId, sentAt = :sentAt REMOVE leaseUntil',
        // Only under our own lease: a sender that took over an expired lease owns the record now.
        ConditionExpression: 'lease = :lease',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sent': 'sent', ':messageId': messageId, ':sentAt': new Date().toISOString(), ':lease': lease },
      }),
    );
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
    // Sent, but our lease had lapsed and another sender holds the record: it decides from here.
    logger.warn('email sent after its delivery lease lapsed', { cause, messageId });
    return 'sent';
  }
  logger.info('email sent', { cause, messageId });
  return 'sent';
}

/** DynamoDB's limit of keys per BatchGetItem. */
const BATCH_GET_LIMIT = 100;
const BATCH_GET_ATTEMPTS = 8;

/**
 * Which of `causes` are recorded as sent (a consistent read, 100 keys a call; unprocessed keys
 * are asked again with backoff, and a remainder throws rather than reporting them missing).
 *
 * @example
 * const sent = await sentDeliveries(ledger, ids.map((id) => `digest/2031-01/${id}`));
 */
export async function sentDeliveries(ledger: DeliveryLedger, causes: readonly string[]): Promise<Set<string>> {
  const sent = new Set<string>();
  const unique = [...new Set(causes)];
  for (let start = 0; start < unique.length; start += BATCH_GET_LIMIT) {
    let keys: Record<string, unknown>[] = unique.slice(start, start + BATCH_GET_LIMIT).map(deliveryKey);
    for (let attempt = 0; keys.length > 0; attempt += 1) {
      if (attempt === BATCH_GET_ATTEMPTS) throw new Error(`DynamoDB left ${keys.length} delivery reads unprocessed`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2_000, 50 * 2 ** attempt)));
      const result = await ledger.documents.send(
        new BatchGetCommand({
          RequestItems: { [ledger.tableName]: { Keys: keys, ConsistentRead: true, ProjectionExpression: 'cause, #status', ExpressionAttributeNames: { '#status': 'status' } } },
        }),
      );
      for (const item of result.Responses?.[ledger.tableName] ?? []) {
        const record = sentRecordSchema.parse(item);
        if (record.status === 'sent') sent.add(record.cause);
      }
      keys = result.UnprocessedKeys?.[ledger.tableName]?.Keys ?? [];
    }
  }
  return sent;
}

const sentRecordSchema = /* @__PURE__ */ (() => z.object({ cause: z.string(), status: z.enum(['sending', 'sent']) }))();
