/**
 * Delivery records in the single table: one per email cause, with the lease of the sender.
 *
 *   pk DELIVERY#<cause>  sk DELIVERY  { cause, status: sending | sent, lease, leaseUntil, messageId, sentAt }
 */
import * as z from '../zod';
import { batchGet } from '../data/batch-get';
import { deleteIf, putIfAbsent, updateIf } from '../data/conditional';
import { getItem } from '../data/get';
import type { Table } from '../data/table';

const deliveryKey = (cause: string) => ({ pk: `DELIVERY#${cause}`, sk: 'DELIVERY' });

const deliverySchema = /* @__PURE__ */ (() => z.object({ cause: z.optional(z.string()), status: z.enum(['sending', 'sent']) }))();

const STATUS = { '#status': 'status' };

/** Where the delivery rule keeps its records: the table in production, a map in unit tests. */
export interface DeliveryRecords {
  /** Takes the lease on `cause` unless it is sent or leased until after `now` (ms). */
  take(cause: string, lease: string, now: number, until: number): Promise<boolean>;
  /** The record's status, strongly consistent. */
  status(cause: string): Promise<'sending' | 'sent' | undefined>;
  /** Extends the lease to `until`; false when the lease is no longer `lease`. */
  renew(cause: string, lease: string, until: number): Promise<boolean>;
  /** Drops the record if it still holds `lease` (the send failed; a retry may send at once). */
  release(cause: string, lease: string): Promise<void>;
  /** Records the email as sent, under `lease` only; false when another sender holds the record. */
  markSent(cause: string, lease: string, messageId: string, at: Date): Promise<boolean>;
}

/**
 * The delivery records of the table.
 *
 * @example
 * await deliverThrough(tableDeliveryRecords(table()), cause, send);
 */
export function tableDeliveryRecords(table: Table): DeliveryRecords {
  return {
    take: (cause, lease, now, until) =>
      putIfAbsent(
        table,
        { ...deliveryKey(cause), cause, status: 'sending', lease, leaseUntil: until },
        { expression: 'attribute_not_exists(pk) OR (#status = :sending AND leaseUntil < :now)', names: STATUS, values: { ':sending': 'sending', ':now': now } },
      ),
    async status(cause) {
      const item = await getItem(table, deliveryKey(cause));
      return item ? deliverySchema.parse(item).status : undefined;
    },
    renew: (cause, lease, until) =>
      updateIf(table, deliveryKey(cause), {
        set: { leaseUntil: until },
        condition: { expression: 'lease = :lease AND #status = :sending', names: STATUS, values: { ':lease': lease, ':sending': 'sending' } },
      }),
    async release(cause, lease) {
      await deleteIf(table, deliveryKey(cause), { expression: 'lease = :lease', values: { ':lease': lease } });
    },
    markSent: (cause, lease, messageId, at) =>
      updateIf(table, deliveryKey(cause), {
        set: { status: 'sent', messageId, sentAt: at.toISOString() },
        remove: ['leaseUntil'],
        // Only under our own lease: a sender that took over an expired lease owns the record now.
        condition: { expression: 'lease = :lease', values: { ':lease': lease } },
      }),
  };
}

/**
 * Which of `causes` are recorded as sent (strongly consistent; any number of causes).
 *
 * @example
 * const sent = await sentDeliveries(table(), ids.map((id) => `digest/2031-01/${id}`));
 */
export async function sentDeliveries(table: Table, causes: readonly string[]): Promise<Set<string>> {
  const items = await batchGet(table, causes.map(deliveryKey), { projection: 'cause, #status', names: STATUS });
  const sent = new Set<string>();
  for (const item of items) {
    const record = deliverySchema.parse(item);
    if (record.status === 'sent' && record.cause) sent.add(record.cause);
  }
  return sent;
}
