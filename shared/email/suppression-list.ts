/**
 * The suppression list in the single table: addresses that bounced permanently or complained.
 *
 *   pk SUPPRESSED#<subscriberIdOf(email)>  sk SUPPRESSED  { email, reason, at }
 *
 * The key uses the subscriber id's hash of the address, so any address (a subscriber's, an
 * inquirer's, a city contact's) has exactly one place to look, found by one GetItem.
 */
import { putIfAbsent } from '../data/conditional';
import { getItem } from '../data/get';
import type { Table } from '../data/table';
import { subscriberIdOf } from '../subscribers/identity';

export type SuppressionReason = 'permanent-bounce' | 'complaint';

const suppressionKey = (email: string) => ({ pk: `SUPPRESSED#${subscriberIdOf(email)}`, sk: 'SUPPRESSED' });

/**
 * Whether `email` is on the suppression list (case-insensitive).
 *
 * @example
 * if (await isSuppressed(table(), 'dana@example.org')) return 'unchanged';
 */
export async function isSuppressed(table: Table, email: string): Promise<boolean> {
  return (await getItem(table, suppressionKey(email), true, 'pk')) !== undefined;
}

/**
 * Puts `email` on the suppression list. Idempotent: a repeated bounce or complaint keeps the
 * first record (its reason and time), which is the one that explains the suppression.
 *
 * @returns whether this call added it
 * @example
 * await suppressAddress(table(), 'dana@example.org', 'complaint', new Date().toISOString());
 */
export function suppressAddress(table: Table, email: string, reason: SuppressionReason, at: string): Promise<boolean> {
  return putIfAbsent(table, { ...suppressionKey(email), email: email.trim().toLowerCase(), reason, at });
}
