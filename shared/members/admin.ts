/**
 * The coordinators' list of members: `GET /api/admin/members?status=active|pending&limit&cursor`,
 * ascending by member id, one Query on the status's partition of `gsi2` per page.
 */
import * as z from '../zod';
import type { Table } from '../data/table';
import { ValidationError } from '../errors';
import { listMembersByStatus } from './repository';
import { MEMBER_STATUSES, type MemberStatus } from './schema';
import { toAdminMember, type AdminMemberView } from './view';

/** The query string of `GET /api/admin/members`. */
export const memberListQuerySchema = /* @__PURE__ */ (() =>
  z.object({
    status: z._default(z.enum(MEMBER_STATUSES, { error: 'must be active or pending' }), 'active'),
    limit: z._default(
      z.pipe(
        z.string().check(z.regex(/^\d{1,9}$/, { error: 'must be a whole number' })),
        z.pipe(
          z.transform((value: string) => Number(value)),
          z.number().check(z.gte(1, { error: 'must be between 1 and 100' }), z.lte(100, { error: 'must be between 1 and 100' })),
        ),
      ),
      50,
    ),
    cursor: z.optional(z.string().check(z.maxLength(2048, { error: 'is not a cursor from a previous page' }))),
  }))();
export type MemberListQuery = z.infer<typeof memberListQuerySchema>;

const cursorKeySchema = /* @__PURE__ */ (() =>
  z.object({ pk: z.string(), sk: z.string(), gsi2pk: z.string(), gsi2sk: z.string() }))();

function decodeCursor(cursor: string, status: MemberStatus): Record<string, unknown> {
  try {
    const key = cursorKeySchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    // A cursor only continues the list it came from.
    if (key.gsi2pk === `MEMBERS#${status}`) return key;
  } catch {
    // Fall through to the validation error.
  }
  throw new ValidationError([{ path: 'cursor', message: 'is not a cursor from a previous page of this list' }]);
}

/**
 * One page of members for coordinators.
 *
 * @example
 * const page = await listMembersForCoordinators(table(), { status: 'active', limit: 50 });
 */
export async function listMembersForCoordinators(
  table: Table,
  query: MemberListQuery,
): Promise<{ items: AdminMemberView[]; nextCursor: string | null }> {
  const startKey = query.cursor ? decodeCursor(query.cursor, query.status) : undefined;
  const page = await listMembersByStatus(table, query.status, query.limit, startKey);
  return {
    items: page.members.map(toAdminMember),
    nextCursor: page.nextKey ? Buffer.from(JSON.stringify(page.nextKey)).toString('base64url') : null,
  };
}
