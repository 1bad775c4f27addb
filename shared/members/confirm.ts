/**
 * Confirming a member profile: what the link in the confirmation email does. Members have no
 * way back to `pending`, so a confirm link simply activates once and is harmless afterwards.
 */
import type { Table } from '../data/table';
import { activateMember, getMember } from './repository';

/**
 * - `confirmed`: pending → active now
 * - `already-active`: the link was used before
 * - `unknown`: no such member
 */
export type MemberConfirmOutcome = 'confirmed' | 'already-active' | 'unknown';

/**
 * Activates a pending member.
 *
 * @example
 * const outcome = await confirmMember(table(), memberId);
 */
export async function confirmMember(table: Table, memberId: string, now: Date = new Date()): Promise<MemberConfirmOutcome> {
  if (await activateMember(table, memberId, now.toISOString())) return 'confirmed';
  const member = await getMember(table, memberId);
  if (!member) return 'unknown';
  return member.status === 'active' ? 'already-active' : 'unknown';
}
