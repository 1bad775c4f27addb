/**
 * Fanning a month's digest out to its subscribers in batches (what `DigestAssembled` causes).
 *
 * One invocation cannot mail 100,000 people, so it only splits the active subscribers into
 * `DigestBatchReady` events of a few dozen ids each; `send-digest-batch` sends them, paced.
 * Progress is checkpointed on the digest item after every PutEvents call, so a retried or
 * crashed fan-out resumes where it stopped; a batch announced twice is harmless because every
 * (month, subscriber) delivery is recorded.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from '../zod';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Table } from '../data/table';
import type { DomainEvent } from '../events/contracts';
import type { EventPublisher } from '../events/publisher';
import { listActiveSubscriberIds } from '../subscribers';
import { digestKey } from './repository';

export interface PlanDeps extends Table {
  publisher: EventPublisher;
  batchSize: number;
}

const progressSchema = /* @__PURE__ */ (() =>
  z.object({
    status: z.enum(['assembled', 'empty']),
    plannedBatches: z.optional(z.number().check(z.int())),
    planCursor: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
    planned: z.optional(z.boolean()),
  }))();

/** Batches per PutEvents call: EventBridge takes at most ten entries. */
const BATCHES_PER_CALL = 10;

/**
 * Announces every batch of active subscribers for `month`, resuming from the checkpoint.
 *
 * @returns how many batches this call announced
 * @example
 * await planDigestDelivery(deps, '2031-01');
 */
export async function planDigestDelivery(deps: PlanDeps, month: string): Promise<{ batches: number; subscribers: number }> {
  const read = await deps.documents.send(new GetCommand({ TableName: deps.tableName, Key: digestKey(month), ConsistentRead: true }));
  if (!read.Item) throw new Error(`No digest is recorded for ${month}`);
  const progress = progressSchema.parse(read.Item);
  if (progress.status !== 'assembled' || progress.planned) return { batches: 0, subscribers: 0 };

  let batch = progress.plannedBatches ?? 0;
  let cursor = (progress.planCursor ?? undefined) as Record<string, unknown> | undefined;
  let announced = 0;
  let subscribers = 0;
  let done = false;
  while (!done) {
    const events: DomainEvent<'DigestBatchReady'>[] = [];
    let next = cursor;
    while (events.length < BATCHES_PER_CALL) {
      const page = await listActiveSubscriberIds(deps, deps.batchSize, next);
      if (page.ids.length > 0) events.push({ detailType: 'DigestBatchReady', detail: { month, batch: batch + events.length, subscriberIds: page.ids } });
      subscribers += page.ids.length;
      next = page.nextKey;
      if (!next) {
        done = true;
        break;
      }
    }
    if (events.length > 0) await deps.publisher.publish(events);
    await deps.documents.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: digestKey(month),
        UpdateExpression: done
          ? 'SET plannedBatches = :next, planCursor = :cursor, planned = :done, plannedAt = :at'
          : 'SET plannedBatches = :next, planCursor = :cursor, planned = :done',
        // Only the invocation that read this checkpoint may advance it.
        ConditionExpression: 'attribute_not_exists(plannedBatches) OR plannedBatches = :current',
        ExpressionAttributeValues: {
          ':next': batch + events.length,
          ':cursor': next ?? null,
          ':done': done,
          ':current': batch,
          // When the plan was complete: the delivery check counts only subscribers confirmed by then.
          ...(done ? { ':at': new Date().toISOString() } : {}),
        },
      }),
    );
    batch += events.length;
    announced += events.length;
    cursor = next;
  }
  return { batches: announced, subscribers };
}
