/**
 * A member's id is derived from the address, like a subscriber's (`subscriberIdOf`), but in a
 * namespace of its own: the same address gives a different id as a member than as a
 * subscriber, so neither id can be used as the other, and a member's links (signed for
 * `member-*` purposes) never touch the subscription.
 */
import { createHash } from 'node:crypto';

/**
 * The member id of an address: base64url of the first 16 bytes of SHA-256 of
 * `"member\n" + trimmed, lower-cased address` — 22 URL-safe characters.
 *
 * @example
 * memberIdOf('Dana@Example.org') === memberIdOf('dana@example.org') // true
 * memberIdOf('dana@example.org') !== subscriberIdOf('dana@example.org') // true
 */
export function memberIdOf(email: string): string {
  return createHash('sha256').update(`member\n${email.trim().toLowerCase()}`, 'utf8').digest().subarray(0, 16).toString('base64url');
}
