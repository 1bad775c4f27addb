/**
 * Members in the single table.
 *
 *   member  pk MEMBER#<memberId>  sk MEMBER
 *           gsi2pk MEMBERS#<status>  gsi2sk <memberId>
 *
 * `MEMBERS#active` is what suggestions and alerts read (a Query of active members, ascending by
 * id, never a Scan); `MEMBERS#pending` is only for the coordinators' list. Each status change
 * moves the index keys in the same conditional write as the status, on the one item.
 */
import { batchGet } from '../data/batch-get';
import { putIfAbsent, updateAndRead, updateIf } from '../data/conditional';
import { getItem } from '../data/get';
import { queryPage } from '../data/query';
import type { PageKey, Table } from '../data/table';
import { memberIdOf } from './identity';
import { memberSchema, type Member, type MemberRequest, type MemberStatus, type MemberUpdate } from './schema';

/** The partition of `gsi2` that holds active members. */
export const ACTIVE_MEMBERS = 'MEMBERS#active';

/**
 * @example
 * const item = await getItem(table, memberKey(id));
 */
export const memberKey = (id: string) => ({ pk: `MEMBER#${id}`, sk: 'MEMBER' });

/** The index attributes that list a member under its status. */
export const memberIndexAttributes = (id: string, status: MemberStatus) => ({ gsi2pk: `MEMBERS#${status}`, gsi2sk: id });


/**
 * One member, validated; `undefined` when there is none. Strongly consistent by default.
 *
 * @example
 * const member = await getMember(table(), memberId);
 */
export async function getMember(table: Table, id: string, consistent = true): Promise<Member | undefined> {
  const item = await getItem(table, memberKey(id), consistent);
  return item ? memberSchema.parse(item) : undefined;
}

/**
 * The members with these ids that exist, by id, read with eventually consistent BatchGetItem
 * calls of at most 100 keys (a profile shown in an email need not be the very latest). Keys
 * left unprocessed are retried with backoff; if some remain, it throws so the caller's event
 * is retried rather than some members silently treated as absent.
 *
 * @example
 * const members = await getMembers(table(), subscribers.map((s) => memberIdOf(s.email)));
 */
export async function getMembers(table: Table, ids: string[]): Promise<Map<string, Member>> {
  const items = await batchGet(table, ids.map(memberKey), { consistent: false });
  return new Map(items.map((item) => memberSchema.parse(item)).map((member) => [member.id, member]));
}

/**
 * One page of members with `status`, ascending by id. Pass `nextKey` back as `startKey` for the
 * next page; it is absent on the last page. The index is eventually consistent.
 *
 * @example
 * const { members, nextKey } = await listMembersByStatus(table(), 'pending', 50);
 */
export async function listMembersByStatus(
  table: Table,
  status: MemberStatus,
  pageSize: number,
  startKey?: PageKey,
): Promise<{ members: Member[]; nextKey?: PageKey; consumedCapacity: number }> {
  const page = await queryPage(table, {
    index: 'gsi2',
    key: 'gsi2pk = :partition',
    values: { ':partition': `MEMBERS#${status}` },
    forward: true,
    limit: pageSize,
    startKey,
    measure: true,
  });
  return {
    members: page.items.map((item) => memberSchema.parse(item)),
    ...(page.nextKey ? { nextKey: page.nextKey } : {}),
    consumedCapacity: page.consumedCapacity,
  };
}

/**
 * One page of active members, ascending by id, whole profiles (one Query, no further reads).
 *
 * @example
 * let startKey: Record<string, unknown> | undefined;
 * do {
 *   const page = await listActiveMembers(table(), 500, startKey);
 *   for (const member of page.members) consider(member);
 *   startKey = page.nextKey;
 * } while (startKey);
 */
export async function listActiveMembers(
  table: Table,
  pageSize: number,
  startKey?: PageKey,
): Promise<{ members: Member[]; nextKey?: PageKey }> {
  const { members, nextKey } = await listMembersByStatus(table, 'active', pageSize, startKey);
  return nextKey ? { members, nextKey } : { members };
}

/**
 * Writes a new pending member with any extra attributes (its outbox). Never overwrites.
 *
 * @returns false when the address already has a member item
 */
export async function putPendingMember(table: Table, member: Member & { status: 'pending' }, extra: Record<string, unknown> = {}): Promise<boolean> {
  return putIfAbsent(table, { ...memberKey(member.id), ...memberIndexAttributes(member.id, 'pending'), ...member, ...extra });
}

/**
 * Records a repeated request for an existing member, at most once per throttle window
 * (`lastRequestedAt <= resendAfter`), with extra attributes (its outbox) in the same write.
 * A pending member's profile is replaced by the request (nobody has confirmed it yet); an
 * active member's profile is left alone — an unauthenticated request must not change it.
 *
 * @returns the member's status when the request was recorded; undefined when throttled or absent
 */
export async function rerequestMember(
  table: Table,
  request: MemberRequest,
  change: { requestedAt: string; resendAfter: string },
  extra: Record<string, unknown> = {},
): Promise<MemberStatus | undefined> {
  const id = memberIdOf(request.email);
  const throttle = '(attribute_not_exists(lastRequestedAt) OR lastRequestedAt <= :resendAfter)';
  const pendingProfile = {
    name: request.name,
    state: request.state,
    population: request.population,
    interests: request.interests,
    regions: request.regions,
  };
  for (const status of ['pending', 'active'] as const) {
    const recorded = await updateIf(table, memberKey(id), {
      set: { ...extra, ...(status === 'pending' ? pendingProfile : {}), lastRequestedAt: change.requestedAt },
      condition: { expression: `#status = :status AND ${throttle}`, names: { '#status': 'status' }, values: { ':status': status, ':resendAfter': change.resendAfter } },
    });
    if (recorded) return status;
  }
  return undefined;
}

/**
 * Activates a pending member (and moves it to the active index).
 *
 * @returns false when it was not pending (or does not exist)
 */
export function activateMember(table: Table, id: string, at: string): Promise<boolean> {
  return updateIf(table, memberKey(id), {
    set: { status: 'active', confirmedAt: at, ...memberIndexAttributes(id, 'active') },
    condition: { expression: '#status = :pending', names: { '#status': 'status' }, values: { ':pending': 'pending' } },
  });
}

/**
 * Changes the given profile fields of an existing member and returns the member as now stored.
 *
 * @returns undefined when there is no such member
 * @example
 * const member = await updateMemberProfile(table(), id, { alertsOptOut: true }, new Date().toISOString());
 */
export async function updateMemberProfile(table: Table, id: string, update: MemberUpdate, at: string): Promise<Member | undefined> {
  const stored = await updateAndRead(table, memberKey(id), { set: { ...update, updatedAt: at }, condition: { expression: 'attribute_exists(pk)' } });
  return stored ? memberSchema.parse(stored) : undefined;
}

/** What `addActiveMember` needs: a profile whose consent was collected elsewhere. */
export type ActiveMemberInput = Pick<Member, 'email' | 'name' | 'state' | 'population' | 'interests'> &
  Partial<Pick<Member, 'regions' | 'alertsOptOut'>>;

/**
 * Adds an active member directly, skipping double opt-in: for tests, the benchmark and the
 * demo seed only.
 *
 * @returns the member, or undefined when the address already has one (left as it is)
 * @example
 * await addActiveMember(table, { email: 'intl@boston.example.org', name: 'Boston', state: 'MA',
 *   population: 650_000, interests: ['arts-culture'], regions: ['asia'] }, new Date());
 */
export async function addActiveMember(table: Table, input: ActiveMemberInput, now: Date): Promise<Member | undefined> {
  const id = memberIdOf(input.email);
  const at = now.toISOString();
  const member: Member = {
    id,
    email: input.email.trim().toLowerCase(),
    name: input.name,
    state: input.state,
    population: input.population,
    interests: input.interests,
    regions: input.regions ?? [],
    alertsOptOut: input.alertsOptOut ?? false,
    status: 'active',
    createdAt: at,
    confirmedAt: at,
    lastRequestedAt: at,
  };
  const added = await putIfAbsent(table, { ...memberKey(id), ...memberIndexAttributes(id, 'active'), ...member });
  return added ? member : undefined;
}
