/**
 * What the member routes answer with.
 */
import { maskEmail } from '../subscribers/identity';
import type { Member } from './schema';

/** A member as `GET`/`PUT /api/members/{id}` show it: the address masked (a link can be forwarded). */
export interface MemberProfileView {
  id: string;
  email: string;
  name: string;
  state: Member['state'];
  population: number;
  interests: Member['interests'];
  regions: Member['regions'];
  alertsOptOut: boolean;
  status: Member['status'];
  createdAt: string;
  confirmedAt: string | null;
  updatedAt: string | null;
}

/**
 * @example
 * json(200, toMemberProfile(member));
 */
export function toMemberProfile(member: Member): MemberProfileView {
  return {
    id: member.id,
    email: maskEmail(member.email),
    name: member.name,
    state: member.state,
    population: member.population,
    interests: member.interests,
    regions: member.regions,
    alertsOptOut: member.alertsOptOut,
    status: member.status,
    createdAt: member.createdAt,
    confirmedAt: member.confirmedAt ?? null,
    updatedAt: member.updatedAt ?? null,
  };
}

/** What coordinators see of a member: everything but internal bookkeeping, address in full. */
export type AdminMemberView = Omit<Member, 'lastRequestedAt'>;

/**
 * @example
 * json(200, { items: members.map(toAdminMember) });
 */
export function toAdminMember(member: Member): AdminMemberView {
  const { lastRequestedAt: _lastRequestedAt, ...rest } = member;
  return rest;
}
