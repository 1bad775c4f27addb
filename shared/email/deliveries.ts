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
 */
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
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

const deliverySchema = /* @__PURE__ */ (() =>
  z.object({
    status: z.enum(['sending', 'sent']),
    messageId: z.optional(z.string()),
  }))();

export interface DeliveryLedger {
  documents: DynamoDBDocumentClient;
  tableName: string;
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
  send: () => Promise<{ messageId: string }>,
  now: Date = new Date(),
): Promise<'sent' | 'duplicate'> {
  const key = deliveryKey(cause);
  const lease = randomUUID();
  try {
    await ledger.documents.send(
      new PutCommand({
        TableName: ledger.tableName,
        Item: { ...key, cause, status: 'sending', lease, leaseUntil: now.getTime() + DELIVERY_LEASE_MS },
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

  let messageId: string;
  try {
    ({ messageId } = await send());
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

  await ledger.documents.send(
    new UpdateCommand({
      TableName: ledger.tableName,
      Key: key,
      UpdateExpression: 'SET #status = :sent, messageId = :messageId, sentAt = :sentAt REMOVE leaseUntil',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':sent': 'sent', ':messageId': messageId, ':sentAt': new Date().toISOString() },
    }),
  );
  logger.info('email sent', { cause, messageId });
  return 'sent';
}
