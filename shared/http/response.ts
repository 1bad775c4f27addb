/**
 * Responses, and the one place where error classes become HTTP statuses.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from '../zod';
import {
  ConflictError,
  MalformedJsonError,
  NotFoundError,
  PayloadTooLargeError,
  ServiceUnavailableError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../errors';
import { toFieldIssues } from './request';
import { isThrottlingOrOutage } from '../aws/failures';
import { logger } from '../logger';

export type HttpResult = APIGatewayProxyStructuredResultV2;

// A 400 is read by people: its messages are zod's English ones (shared/zod.ts).
z.useEnglishMessages();

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

/**
 * A JSON response.
 *
 * @example
 * return json(201, { id, status: 'pending' });
 */
export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return { statusCode, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

/**
 * An HTML response (a complete page). Pages never go into shared caches: some carry tokens.
 *
 * @example
 * return html(200, renderDigestWebPage(digest, publicUrl));
 */
export function html(statusCode: number, page: string, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      // No scripts, nothing from elsewhere: only the site's own stylesheet and icons (same
      // origin), and inline styles, which the digest's web version shares with its email.
      'content-security-policy': "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
      ...headers,
    },
    body: page,
  };
}

/** Maps any thrown value to the response a client should see. */
export function errorResponse(error: unknown): HttpResult {
  // Ours, or any zod error from `zod/mini` or classic `zod` (both are `$ZodError`s).
  if (error instanceof ValidationError || error instanceof z.$ZodError) {
    const issues = error instanceof ValidationError ? error.issues : toFieldIssues(error);
    return json(400, { error: 'ValidationError', message: 'Some fields need attention.', issues });
  }
  if (error instanceof MalformedJsonError) return json(400, { error: 'BadRequest', message: error.message });
  if (error instanceof UnauthorizedError) return json(401, { error: 'Unauthorized' });
  if (error instanceof NotFoundError) return json(404, { error: 'NotFound', message: error.message });
  if (error instanceof ConflictError) {
    return json(409, { error: 'Conflict', message: error.message, existingId: error.existingId });
  }
  if (error instanceof PayloadTooLargeError) return json(413, { error: 'PayloadTooLarge', message: error.message });
  if (error instanceof UnsupportedMediaTypeError) {
    return json(415, { error: 'UnsupportedMediaType', message: error.message });
  }
  if (error instanceof ServiceUnavailableError || isThrottlingOrOutage(error)) {
    const unavailable = error instanceof ServiceUnavailableError ? error : new ServiceUnavailableError();
    logger.warn('dependency unavailable', { error: String(error) });
    return json(
      503,
      { error: 'ServiceUnavailable', message: unavailable.message },
      { 'retry-after': String(unavailable.retryAfterSeconds) },
    );
  }
  logger.error('unexpected error', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  return json(500, { error: 'InternalError', message: 'Something went wrong on our side. Please try again.' });
}

/** How a route's failure becomes a response: the JSON error by default, a page for page routes. */
export type ErrorMapper = (error: unknown, event: APIGatewayProxyEventV2) => HttpResult;

/**
 * Wraps a route's logic: every request gets a correlation id (also in the `x-correlation-id`
 * response header) and one log line, and every failure becomes a clear error response.
 *
 * @param onError how a failure is answered (`pageHandler` answers with an HTML page)
 * @example
 * export const handler = httpHandler(async (event) => json(200, await listInterests()));
 */
export function httpHandler(
  route: (event: APIGatewayProxyEventV2) => Promise<HttpResult>,
  onError: ErrorMapper = errorResponse,
): (event: APIGatewayProxyEventV2) => Promise<HttpResult> {
  return async (event) => {
    const correlationId = correlationIdOf(event);
    return logger.withKeys({ correlationId, route: event.routeKey }, async () => {
      let result: HttpResult;
      try {
        result = await route(event);
      } catch (error) {
        result = onError(error, event);
      }
      logger.info('request', { status: result.statusCode });
      return { ...result, headers: { ...result.headers, 'x-correlation-id': correlationId } };
    });
  };
}

/**
 * The correlation id of a request: the caller's `x-correlation-id` when it is a sane token
 * (so a client can follow its own request), else API Gateway's request id.
 */
function correlationIdOf(event: APIGatewayProxyEventV2): string {
  const supplied = event.headers?.['x-correlation-id'];
  return supplied && /^[\w.:-]{8,128}$/.test(supplied) ? supplied : event.requestContext.requestId;
}
