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
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from '../zod';
import { isConditionFailed, conditionally } from '../data/conditional';
import type { Table } from '../data/table';
import { memberIdOf } from './identity';
import { memberSchema, type Member, type MemberRequest, type MemberStatus, type MemberUpdate } from './schema';

/** The partition of `gsi2` that holds active members. */
export const ACTIVE_MEMBERS = 'MEMBERS#active';

/**
 * @example
 * await documents.send(new GetCommand({ TableName, Key: memberKey(id) }));
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
  const result = await table.documents.send(new GetCommand({ TableName: table.tableName, Key: memberKey(id), ConsistentRead: consistent }));
  return result.Item ? memberSchema.parse(result.Item) : undefined;
}

/** BatchGetItem takes at most 100 keys per request. */
const BATCH_GET_LIMIT = 100;
/** Attempts at keys DynamoDB left unprocessed (throttling) before the caller's retry takes over. */
const BATCH_GET_ATTEMPTS = 8;

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
  const unique = [...new Set(ids)];
  const found = new Map<string, Member>();
  for (let start = 0; start < unique.length; start += BATCH_GET_LIMIT) {
    let keys: Record<string, unknown>[] = unique.slice(start, start + BATCH_GET_LIMIT).map(memberKey);
    for (let attempt = 0; keys.length > 0; attempt += 1) {
      if (attempt === BATCH_GET_ATTEMPTS) throw new Error(`DynamoDB left ${keys.length} member reads unprocessed after ${BATCH_GET_ATTEMPTS} attempts`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2_000, 50 * 2 ** attempt)));
      const result = await table.documents.send(new BatchGetCommand({ RequestItems: { [table.tableName]: { Keys: keys } } }));
      for (const item of result.Responses?.[table.tableName] ?? []) {
        const member = memberSchema.parse(item);
        found.set(member.id, member);
      }
      keys = result.UnprocessedKeys?.[table.tableName]?.Keys ?? [];
    }
  }
  return found;
}

const pageSchema = /* @__PURE__ */ (() =>
  z.object({
    Items: z._default(z.array(z.unknown()), []),
    LastEvaluatedKey: z.optional(z.record(z.string(), z.unknown())),
  }))();

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
  startKey?: Record<string, unknown>,
): Promise<{ members: Member[]; nextKey?: Record<string, unknown>; consumedCapacity: number }> {
  const result = await table.documents.send(
    new QueryCommand({
      TableName: table.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :partition',
      ExpressionAttributeValues: { ':partition': `MEMBERS#${status}` },
      ScanIndexForward: true,
      Limit: pageSize,
      ExclusiveStartKey: startKey,
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  const page = pageSchema.parse(result);
  return {
    members: page.Items.map((item) => memberSchema.parse(item)),
    ...(page.LastEvaluatedKey ? { nextKey: page.LastEvaluatedKey } : {}),
    consumedCapacity: result.ConsumedCapacity?.CapacityUnits ?? 0,
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
  startKey?: Record<string, unknown>,
): Promise<{ members: Member[]; nextKey?: Record<string, unknown> }> {
  const { members, nextKey } = await listMembersByStatus(table, 'active', pageSize, startKey);
  return nextKey ? { members, nextKey } : { members };
}

/**
 * Writes a new pending member with any extra attributes (its outbox). Never overwrites.
 *
 * @returns false when the address already has a member item
 */
export async function putPendingMember(table: Table, member: Member & { status: 'pending' }, extra: Record<string, unknown> = {}): Promise<boolean> {
  return conditionally(
    table.documents.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...memberKey(member.id), ...memberIndexAttributes(member.id, 'pending'), ...member, ...extra },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
}

function assignments(values: Record<string, unknown>) {
  const entries = Object.entries(values).filter(([, value]) => value !== undefined);
  return {
    set: entries.map((_, index) => `#f${index} = :f${index}`),
    names: Object.fromEntries(entries.map(([name], index) => [`#f${index}`, name])),
    values: Object.fromEntries(entries.map(([, value], index) => [`:f${index}`, value])),
  };
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
    const fields = assignments({ ...extra, ...(status === 'pending' ? pendingProfile : {}), lastRequestedAt: change.requestedAt });
    const recorded = await conditionally(
      table.documents.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key: memberKey(id),
          UpdateExpression: `SET ${fields.set.join(', ')}`,
          ConditionExpression: `#status = :status AND ${throttle}`,
          ExpressionAttributeNames: { ...fields.names, '#status': 'status' },
          ExpressionAttributeValues: { ...fields.values, ':status': status, ':resendAfter': change.resendAfter },
        }),
      ),
    );
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
  const index = memberIndexAttributes(id, 'active');
  return conditionally(
    table.documents.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: memberKey(id),
        UpdateExpression: 'SET #status = :active, confirmedAt = :at, gsi2pk = :gsi2pk, gsi2sk = :gsi2sk',
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':active': 'active', ':pending': 'pending', ':at': at, ':gsi2pk': index.gsi2pk, ':gsi2sk': index.gsi2sk },
      }),
    ),
  );
}

/**
 * Changes the given profile fields of an existing member and returns the member as now stored.
 *
 * @returns undefined when there is no such member
 * @example
 * const member = await updateMemberProfile(table(), id, { alertsOptOut: true }, new Date().toISOString());
 */
export async function updateMemberProfile(table: Table, id: string, update: MemberUpdate, at: string): Promise<Member | undefined> {
  const fields = assignments({ ...update, updatedAt: at });
  try {
    const result = await table.documents.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: memberKey(id),
        UpdateExpression: `SET ${fields.set.join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: fields.names,
        ExpressionAttributeValues: fields.values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return memberSchema.parse(result.Attributes);
  } catch (error) {
    if (isConditionFailed(error)) return undefined;
    throw error;
  }
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
  const added = await conditionally(
    table.documents.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...memberKey(id), ...memberIndexAttributes(id, 'active'), ...member },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
  return added ? member : undefined;
}
