/**
 * Finishing a month's digest that was interrupted: the delivery check.
 *
 * Planning and sending are each idempotent, but they only run when their event arrives. If an
 * event is lost (a crash between acceptance and delivery, a dead letter after a long outage),
 * the month would stay half-sent. The check looks at what is recorded — is the plan complete,
 * does every active subscriber of the plan have a delivery record — and publishes what is
 * missing: `DigestAssembled` again while the plan is unfinished (the planner resumes at its
 * checkpoint), else `DigestBatchReady` for exactly the subscribers without a record. Sending
 * twice is impossible: each (month, subscriber) is delivered once through its record.
 */
import type { Table } from '../data/table';
import { sentDeliveries } from '../email/delivery-records';
import type { DomainEvent } from '../events/contracts';
import type { EventPublisher } from '../events/publisher';
import { logger } from '../logger';
import { recordMetric } from '../metrics';
import { activeSubscriberIdsConfirmedBy } from '../subscribers';
import { getDeliveryProgress, markDelivered } from './repository';

export interface DeliveryCheckDeps extends Table {
  publisher: EventPublisher;
  batchSize: number;
  now?: () => Date;
}

export interface DeliveryCheckOptions {
  /**
   * How long after planning (or assembling) delivery may still be under way on its own; the
   * check leaves a month alone until then. 0 resumes at once (a rollover run again by hand).
   */
  graceMs?: number;
}

export type DeliveryCheck =
  | { month: string; state: 'no-digest' | 'delivered' | 'under-way' }
  | { month: string; state: 'planning-resumed' }
  | { month: string; state: 'sending-resumed'; missing: number; batches: number };

/** Delivery normally finishes within minutes; after this the check steps in. */
export const DELIVERY_GRACE_MS = 15 * 60_000;
/** A month still not delivered this long after its digest was assembled raises the alarm. */
export const DELIVERY_DEADLINE_MS = 24 * 3_600_000;
/** EventBridge takes at most ten entries a call. */
const EVENTS_PER_CALL = 10;

/**
 * Checks `month`'s delivery and publishes what is missing.
 *
 * @example
 * await checkDigestDelivery({ ...table(), publisher: busPublisher(), batchSize: 50 }, '2031-01');
 * // { month: '2031-01', state: 'sending-resumed', missing: 340, batches: 7 }
 */
export async function checkDigestDelivery(deps: DeliveryCheckDeps, month: string, options: DeliveryCheckOptions = {}): Promise<DeliveryCheck> {
  const now = (deps.now ?? (() => new Date()))();
  const graceMs = options.graceMs ?? DELIVERY_GRACE_MS;
  const progress = await getDeliveryProgress(deps, month);
  if (!progress || progress.status !== 'assembled') return { month, state: 'no-digest' };
  if (progress.deliveredAt) return { month, state: 'delivered' };

  const overdue = now.getTime() - Date.parse(progress.assembledAt) > DELIVERY_DEADLINE_MS;
  const since = (at: string | undefined) => now.getTime() - Date.parse(at ?? progress.assembledAt);
  const result = await (async (): Promise<DeliveryCheck> => {
    if (!progress.planned) {
      if (since(progress.assembledAt) < graceMs) return { month, state: 'under-way' };
      await deps.publisher.publish([{ detailType: 'DigestAssembled', detail: { month } }]);
      return { month, state: 'planning-resumed' };
    }
    const planned = await activeSubscriberIdsConfirmedBy(deps, progress.plannedAt);
    const cause = (id: string) => `digest/${month}/${id}`;
    const sent = await sentDeliveries(deps, planned.map(cause));
    const missing = planned.filter((id) => !sent.has(cause(id)));
    if (missing.length === 0) {
      await markDelivered(deps, month, now);
      return { month, state: 'delivered' };
    }
    if (since(progress.plannedAt) < graceMs) return { month, state: 'under-way' };
    // Numbered after the plan's own batches, so logs tell resumed batches apart.
    const first = progress.plannedBatches ?? 0;
    const batches: DomainEvent<'DigestBatchReady'>[] = [];
    for (let start = 0; start < missing.length; start += deps.batchSize) {
      batches.push({ detailType: 'DigestBatchReady', detail: { month, batch: first + batches.length, subscriberIds: missing.slice(start, start + deps.batchSize) } });
    }
    for (let start = 0; start < batches.length; start += EVENTS_PER_CALL) {
      await deps.publisher.publish(batches.slice(start, start + EVENTS_PER_CALL));
    }
    return { month, state: 'sending-resumed', missing: missing.length, batches: batches.length };
  })();

  if (overdue && result.state !== 'delivered') {
    // The alarm on this metric tells the coordinator a month is stuck a day after its rollover.
    recordMetric('DigestDeliveryOverdue');
    logger.error('digest delivery incomplete a day after its rollover', { ...result });
  } else if (result.state !== 'delivered' && result.state !== 'under-way') {
    logger.warn('digest delivery resumed', { ...result });
  }
  return result;
}
