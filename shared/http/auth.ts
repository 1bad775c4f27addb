/**
 * Coordinator routes. The API's authorizer decides who may call them before any function runs
 * (a Cognito user-pool JWT authorizer in AWS; the local HTTP server's bearer-token check
 * locally); a handler still refuses an event that carries no authorizer claims, so a route
 * wired without its authorizer fails closed.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { UnauthorizedError } from '../errors';

type WithAuthorizer = APIGatewayProxyEventV2 & {
  requestContext: { authorizer?: { jwt?: { claims?: Record<string, unknown> } } };
};

/**
 * The signed-in coordinator's claims.
 *
 * @throws UnauthorizedError when the request carries none
 * @example
 * const coordinator = requireCoordinator(event);
 */
export function requireCoordinator(event: APIGatewayProxyEventV2): Record<string, unknown> {
  const claims = (event as WithAuthorizer).requestContext.authorizer?.jwt?.claims;
  if (!claims || typeof claims.sub !== 'string' || claims.sub === '') throw new UnauthorizedError();
  return claims;
}
