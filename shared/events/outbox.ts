/**
 * The outbox: how an item and its events are stored together without transactions.
 *
 * The item that causes an event is written with the event inside it (`outbox`) and a sparse
 * index key (`outboxPk`, `outboxDue`). After the bus confirms the event, the mark is removed. If
 * the process dies or the bus fails in between, the mark stays, and the scheduled sweep finds it
 * through the index (a Query, never a Scan) and publishes again. Consumers are idempotent on
 * business keys, so a second publication is harmless.
 */
import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from '../zod';
import { DETAIL_TYPES, type DomainEvent } from './contracts';
import type { EventPublisher } from './publisher';
import { isConditionFailed } from '../data/conditional';
import { logger } from '../logger';

const OUTBOX_PARTITION = 'OUTBOX';
/** How long the first publication has before the sweep considers it lost. */
export const OUTBOX_GRACE_MS = 60_000;

export interface ItemKey {
  pk: string;
  sk: string;
}

const outboxItemSchema = /* @__PURE__ */ (() =>
  z.object({
    pk: z.string(),
    sk: z.string(),
    outboxDue: z.string(),
    outbox: z.array(z.object({ detailType: z.enum(DETAIL_TYPES as [string, ...string[]]), detail: z.record(z.string(), z.unknown()) })),
  }))();

/**
 * The attributes that put `events` in an item's outbox; spread them into the item's PutItem.
 *
 * @example
 * const item = { pk, sk, ...fields, ...outboxAttributes([{ detailType: 'CityRegistered', detail: { cityId } }], now) };
 */
export function outboxAttributes(events: readonly DomainEvent[], now: Date) {
  // Events carry the correlation id of the request (or event) that caused them.
  const correlationId = logger.correlationId();
  return {
    outboxPk: OUTBOX_PARTITION,
    outboxDue: new Date(now.getTime() + OUTBOX_GRACE_MS).toISOString(),
    outbox: events.map((event) => ({
      detailType: event.detailType,
      detail: correlationId && !event.detail.correlationId ? { ...event.detail, correlationId } : event.detail,
    })),
  };
}

/** Removes the outbox mark, unless a newer one replaced it meanwhile. */
async function clearOutbox(documents: DynamoDBDocumentClient, tableName: string, key: ItemKey, due: string): Promise<void> {
  try {
    await documents.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: 'REMOVE outboxPk, outboxDue, outbox',
        ConditionExpression: 'outboxDue = :due',
        ExpressionAttributeValues: { ':due': due },
      }),
    );
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
}

export interface OutboxDeps {
  documents: DynamoDBDocumentClient;
  tableName: string;
  publisher: EventPublisher;
}

/**
 * Publishes the events of an item just written with `outboxAttributes`, then clears its mark.
 * A failure is logged, not thrown: the item is stored, and the sweep will publish later.
 *
 * @returns whether the events reached the bus now
 */
export async function publishFromOutbox(
  deps: OutboxDeps,
  key: ItemKey,
  attributes: ReturnType<typeof outboxAttributes>,
): Promise<boolean> {
  try {
    await deps.publisher.publish(attributes.outbox as DomainEvent[]);
  } catch (error) {
    logger.warn('events left in the outbox for the sweep', { key, error: String(error) });
    return false;
  }
  try {
    await clearOutbox(deps.documents, deps.tableName, key, attributes.outboxDue);
  } catch (error) {
    // Published but still marked: the sweep publishes once more, which consumers tolerate.
    logger.warn('could not clear the outbox mark', { key, error: String(error) });
  }
  return true;
}

/**
 * Publishes every outbox entry that is past due and clears its mark.
 *
 * @example
 * const { published } = await sweepOutbox(deps, new Date());
 */
export async function sweepOutbox(deps: OutboxDeps, now: Date, pageSize = 50): Promise<{ published: number; failed: number }> {
  let published = 0;
  let failed = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await deps.documents.send(
      new QueryCommand({
        TableName: deps.tableName,
        IndexName: 'outbox',
        KeyConditionExpression: 'outboxPk = :pk AND outboxDue <= :now',
        ExpressionAttributeValues: { ':pk': OUTBOX_PARTITION, ':now': now.toISOString() },
        Limit: pageSize,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const raw of page.Items ?? []) {
      const item = outboxItemSchema.parse(raw);
      try {
        await deps.publisher.publish(item.outbox as DomainEvent[]);
        await clearOutbox(deps.documents, deps.tableName, { pk: item.pk, sk: item.sk }, item.outboxDue);
        published += item.outbox.length;
      } catch (error) {
        failed += item.outbox.length;
        logger.warn('outbox entry still not published', { pk: item.pk, error: String(error) });
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return { published, failed };
}
