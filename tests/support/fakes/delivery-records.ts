/**
 * Delivery records in memory, with the conditional semantics of `tableDeliveryRecords`:
 *
 * - `take` writes a fresh `sending` record unless one exists that is `sent`, or `sending`
 *   with a lease that has not expired (`leaseUntil < now` is expired; equal is not);
 * - `renew` and `markSent` apply only under the caller's own lease (`renew` also only while
 *   `sending`), and answer whether they did;
 * - `release` drops the record only if it still holds the caller's lease.
 *
 * No clock of its own: like the table, it decides on the `now` the domain passes in.
 */
import type { DeliveryRecords } from '../../../shared/email/delivery-records';

/** A record as the table would store it. */
export interface StoredDelivery {
  cause: string;
  status: 'sending' | 'sent';
  lease: string;
  leaseUntil?: number;
  messageId?: string;
  sentAt?: string;
}

export class InMemoryDeliveryRecords implements DeliveryRecords {
  private readonly records = new Map<string, StoredDelivery>();

  async take(cause: string, lease: string, now: number, until: number): Promise<boolean> {
    const existing = this.records.get(cause);
    const expired = existing?.status === 'sending' && existing.leaseUntil !== undefined && existing.leaseUntil < now;
    if (existing && !expired) return false;
    this.records.set(cause, { cause, status: 'sending', lease, leaseUntil: until });
    return true;
  }

  async status(cause: string): Promise<'sending' | 'sent' | undefined> {
    return this.records.get(cause)?.status;
  }

  async renew(cause: string, lease: string, until: number): Promise<boolean> {
    const existing = this.records.get(cause);
    if (existing?.lease !== lease || existing.status !== 'sending') return false;
    existing.leaseUntil = until;
    return true;
  }

  async release(cause: string, lease: string): Promise<void> {
    if (this.records.get(cause)?.lease === lease) this.records.delete(cause);
  }

  async markSent(cause: string, lease: string, messageId: string, at: Date): Promise<boolean> {
    const existing = this.records.get(cause);
    if (existing?.lease !== lease) return false;
    existing.status = 'sent';
    existing.messageId = messageId;
    existing.sentAt = at.toISOString();
    delete existing.leaseUntil;
    return true;
  }

  /** The stored record of `cause` (a copy), for assertions. */
  record(cause: string): StoredDelivery | undefined {
    const existing = this.records.get(cause);
    return existing ? { ...existing } : undefined;
  }

  /** The causes recorded as sent, as `sentDeliveries` reads them. */
  sentCauses(): string[] {
    return [...this.records.values()].filter((record) => record.status === 'sent').map((record) => record.cause);
  }
}
