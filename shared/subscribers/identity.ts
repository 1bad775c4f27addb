/**
 * A subscriber's id is derived from the address, never minted: the same email always maps to
 * the same item, so "subscribe twice" is one conditional write on one key rather than a lookup
 * by email (which would need an index and could race).
 */
import { createHash } from 'node:crypto';

/**
 * The subscriber id of an address: base64url of the first 16 bytes of SHA-256 of the trimmed,
 * lower-cased address — 22 URL-safe characters that do not reveal the address in links or logs.
 *
 * @example
 * subscriberIdOf('Dana@Example.org') === subscriberIdOf('dana@example.org') // true
 */
export function subscriberIdOf(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase(), 'utf8').digest().subarray(0, 16).toString('base64url');
}

/**
 * The address with most of its local part hidden, for pages reached by a link that anyone
 * holding the email could open.
 *
 * @example
 * maskEmail('dana@example.org') // 'd•••@example.org'
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '•••';
  return `${Array.from(email.slice(0, at))[0]}•••${email.slice(at)}`;
}
