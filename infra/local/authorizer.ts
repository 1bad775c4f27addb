/**
 * The local stand-in for the Cognito JWT authorizer on coordinator routes: a bearer token,
 * compared in constant time. Like the real authorizer it runs before the function and hands
 * the function claims in `requestContext.authorizer.jwt`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** The local default; `npm start` prints it, and COORDINATOR_TOKEN replaces it. */
export const DEFAULT_COORDINATOR_TOKEN = 'local-coordinator-token-change-me';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * An authorizer that accepts `Authorization: Bearer <token>`.
 *
 * @example
 * const authorize = bearerAuthorizer(process.env.COORDINATOR_TOKEN ?? DEFAULT_COORDINATOR_TOKEN);
 * authorize(event) // claims, or undefined for a 401
 */
export function bearerAuthorizer(token: string): (event: APIGatewayProxyEventV2) => Record<string, unknown> | undefined {
  // Hashing both sides gives equal lengths, so timingSafeEqual never leaks the token's length.
  const expected = digest(token);
  return (event) => {
    const header = event.headers?.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    if (!match || !timingSafeEqual(digest(match[1] as string), expected)) return undefined;
    return { sub: 'local-coordinator', email: 'coordinator@example.org', 'cognito:groups': ['coordinators'] };
  };
}
