/**
 * Fanning a month's digest out to its subscribers in batches (what `DigestAssembled` causes).
 *
 * One invocation cannot mail 100,000 people, so it only splits the active subscribers into
 * `DigestBatchReady` events of a few dozen ids each; `send-digest-batch` sends them, paced.
 * Progress is checkpointed on the digest item after every PutEvents call, so a retried or
 * crashed fan-out resumes where it stopped; a batch announced twice is harmless because every
 * (month, subscriber) delivery is recorded.
 */
import type { Table } from '../data/table';
import type { DomainEvent } from '../events/contracts';
import type { EventPublisher } from '../events/publisher';
import { listActiveSubscriberIds } from '../subscribers';
import { advancePlan, getPlanProgress } from './repository';

export interface PlanDeps extends Table {
  publisher: EventPublisher;
  batchSize: number;
}

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
  const progress = await getPlanProgress(deps, month);
  if (!progress) throw new Error(`No digest is recorded for ${month}`);
  if (progress.status !== 'assembled' || progress.planned) return { batches: 0, subscribers: 0 };

  let batch = progress.batches;
  let cursor = progress.cursor;
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
    const advanced = await advancePlan(deps, month, { from: batch, to: batch + events.length, cursor: next, done, at: new Date() });
    // Another invocation moved the checkpoint: this one stops, and its retry resumes from there.
    if (!advanced) throw new Error(`The fan-out of ${month} was advanced elsewhere; retry from the checkpoint`);
    batch += events.length;
    announced += events.length;
    cursor = next;
  }
  return { batches: announced, subscribers };
}
