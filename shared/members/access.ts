/**
 * The member routes' access rule: the signed manage link (`member-manage` token) must be for
 * the member in the path. A missing, forged, altered or other-purpose token is a 400 (the link
 * is invalid), like a bad field; a valid token for a member that no longer exists is a 404.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Table } from '../data/table';
import { NotFoundError, ValidationError } from '../errors';
import { linkToken } from '../subscribers/links';
import { verifyToken } from '../tokens';
import { getMember } from './repository';
import type { Member } from './schema';

/**
 * The member id the request's manage link is valid for.
 *
 * @throws ValidationError (400) when the token is not a manage token for the path's member
 * @example
 * const memberId = await authorizedMemberId(event);
 */
export async function authorizedMemberId(event: Pick<APIGatewayProxyEventV2, 'pathParameters' | 'queryStringParameters'>): Promise<string> {
  const pathId = event.pathParameters?.id ?? '';
  const memberId = await verifyToken('member-manage', linkToken(event.queryStringParameters));
  if (!memberId || memberId !== pathId) {
    throw new ValidationError([{ path: 'token', message: 'is not a valid link to this profile; please open the link from our email again' }]);
  }
  return memberId;
}

/**
 * The member a manage link is for.
 *
 * @throws ValidationError (400) for an invalid link, NotFoundError (404) when there is no such member
 * @example
 * const member = await authorizedMember(table(), event);
 */
export async function authorizedMember(table: Table, event: Pick<APIGatewayProxyEventV2, 'pathParameters' | 'queryStringParameters'>): Promise<Member> {
  const memberId = await authorizedMemberId(event);
  const member = await getMember(table, memberId);
  if (!member) throw new NotFoundError('There is no member profile for this link.');
  return member;
}
