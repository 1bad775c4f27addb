/**
 * Unsubscribing: what the one-click POST and the unsubscribe page's button do. It takes effect
 * at once (the active index keys go in the same write), and repeating it is harmless.
 */
import type { Table } from '../data/table';
import { getSubscriber, markUnsubscribed } from './repository';

/**
 * - `unsubscribed`: pending or active → unsubscribed now
 * - `already-unsubscribed`: nothing to do
 * - `suppressed`: stays suppressed (stronger than unsubscribed: never mailed again)
 * - `unknown`: no such subscriber (nothing to do either)
 */
export type UnsubscribeOutcome = 'unsubscribed' | 'already-unsubscribed' | 'suppressed' | 'unknown';

/**
 * Unsubscribes a subscriber.
 *
 * @example
 * await unsubscribe(table(), subscriberId);
 */
export async function unsubscribe(table: Table, subscriberId: string, now: Date = new Date()): Promise<UnsubscribeOutcome> {
  // Two rounds, as in `confirmSubscription`: a concurrent change between write and read.
  for (let round = 0; round < 2; round += 1) {
    if (await markUnsubscribed(table, subscriberId, now.toISOString())) return 'unsubscribed';
    const subscriber = await getSubscriber(table, subscriberId);
    if (!subscriber) return 'unknown';
    if (subscriber.status === 'unsubscribed') return 'already-unsubscribed';
    if (subscriber.status === 'suppressed') return 'suppressed';
  }
  return 'already-unsubscribed';
}
