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
import { randomUUID } from 'node:crypto';
import type { Table } from '../data/table';
import { logger } from '../logger';
import { tableDeliveryRecords, type DeliveryRecords } from './delivery-records';

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

export interface DeliveryLedger extends Table {
  /** Lease term; {@link DELIVERY_LEASE_MS} unless a test shortens it. */
  leaseMs?: number;
}

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
  return deliverThrough(tableDeliveryRecords(ledger), cause, send, now, ledger.leaseMs);
}

/**
 * The delivery rule on any records (a map of them in unit tests): take the lease, send under
 * it (renewable), record "sent" under it.
 *
 * @returns `sent` when this call sent it, `duplicate` when it had been sent before
 * @example
 * await deliverThrough(fakeRecords, 'digest/2031-01/abc', () => mailer.send(message));
 */
export async function deliverThrough(
  records: DeliveryRecords,
  cause: string,
  send: (lease: DeliveryLease) => Promise<{ messageId: string }>,
  now: Date = new Date(),
  leaseMs: number = DELIVERY_LEASE_MS,
): Promise<'sent' | 'duplicate'> {
  const lease = randomUUID();
  if (!(await records.take(cause, lease, now.getTime(), now.getTime() + leaseMs))) {
    if ((await records.status(cause)) === 'sent') return 'duplicate';
    throw new DeliveryInProgressError(cause);
  }
  const renewal: DeliveryLease = {
    async renew() {
      if (!(await records.renew(cause, lease, Date.now() + leaseMs))) throw new DeliveryLeaseLostError(cause);
    },
  };

  let messageId: string;
  try {
    ({ messageId } = await send(renewal));
  } catch (error) {
    // Release our lease so that the retry of this event can send at once.
    await records.release(cause, lease).catch(() => undefined);
    throw error;
  }

  if (!(await records.markSent(cause, lease, messageId, new Date()))) {
    // Sent, but our lease had lapsed and another sender holds the record: it decides from here.
    logger.warn('email sent after its delivery lease lapsed', { cause, messageId });
    return 'sent';
  }
  logger.info('email sent', { cause, messageId });
  return 'sent';
}
