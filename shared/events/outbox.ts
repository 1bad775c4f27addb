/**
 * The outbox: how an item and its events are stored together without transactions.
 *
 * The item that causes an event is written with the event inside it (`outbox`) and a sparse
 * index key (`outboxPk`, `outboxDue`). After the bus confirms the event, the mark is removed. If
 * the process dies or the bus fails in between, the mark stays, and the scheduled sweep finds it
 * through the index (a Query, never a Scan) and publishes again. Consumers are idempotent on
 * business keys, so a second publication is harmless.
 */
import type { ItemKey, Table } from '../data/table';
import { logger } from '../logger';
import type { DomainEvent } from './contracts';
import { clearOutbox, dueOutboxEntries, OUTBOX_PARTITION } from './outbox-store';
import type { EventPublisher } from './publisher';

/** How long the first publication has before the sweep considers it lost. */
export const OUTBOX_GRACE_MS = 60_000;

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

export interface OutboxDeps extends Table {
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
    await clearOutbox(deps, key, attributes.outboxDue);
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
  for await (const entries of dueOutboxEntries(deps, now, pageSize)) {
    for (const item of entries) {
      try {
        await deps.publisher.publish(item.outbox as DomainEvent[]);
        await clearOutbox(deps, { pk: item.pk, sk: item.sk }, item.outboxDue);
        published += item.outbox.length;
      } catch (error) {
        failed += item.outbox.length;
        logger.warn('outbox entry still not published', { pk: item.pk, error: String(error) });
      }
    }
  }
  return { published, failed };
}
