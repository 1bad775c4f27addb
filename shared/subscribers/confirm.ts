/**
 * Confirming a subscription: what the link in the confirmation email does.
 *
 * A confirm link counts only while the subscriber is pending. After someone unsubscribes, an
 * old confirmation email still sits in their mailbox, and link scanners, previews or a stray
 * click may open it; reactivating from it would overrule their latest, explicit choice. To
 * come back they subscribe again, which sends a fresh link. A suppressed address is never
 * reactivated at all.
 */
import type { Table } from '../data/table';
import { activateSubscriber, getSubscriber } from './repository';

/**
 * - `confirmed`: pending → active now
 * - `already-active`: the link was used before (or the person was active anyway)
 * - `expired`: they unsubscribed since; the link no longer counts
 * - `suppressed`: the address bounced or complained; it is never mailed again
 * - `unknown`: no such subscriber
 */
export type ConfirmOutcome = 'confirmed' | 'already-active' | 'expired' | 'suppressed' | 'unknown';

/**
 * Activates a pending subscriber.
 *
 * @example
 * const outcome = await confirmSubscription(table(), subscriberId);
 */
export async function confirmSubscription(table: Table, subscriberId: string, now: Date = new Date()): Promise<ConfirmOutcome> {
  // Two rounds: a concurrent re-request may turn the subscriber pending again between our
  // write and our read; the second write then settles it.
  for (let round = 0; round < 2; round += 1) {
    if (await activateSubscriber(table, subscriberId, now.toISOString())) return 'confirmed';
    const subscriber = await getSubscriber(table, subscriberId);
    if (!subscriber) return 'unknown';
    if (subscriber.status === 'active') return 'already-active';
    if (subscriber.status === 'unsubscribed') return 'expired';
    if (subscriber.status === 'suppressed') return 'suppressed';
  }
  return 'expired';
}
