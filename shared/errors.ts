/**
 * One error class per kind of failure. They are mapped to HTTP statuses in exactly one place
 * (`shared/http/response.ts`); domain code throws them and never thinks about status codes.
 */

/** One problem with a request field: `path` is dotted (`contact.email`, `interests.0`). */
export interface FieldIssue {
  path: string;
  message: string;
}

/** The request is well-formed JSON but its values break the rules. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((issue) => `${issue.path || '(body)'}: ${issue.message}`).join('; '));
  }
}

/** The body is not JSON at all. */
export class MalformedJsonError extends Error {
  override readonly name = 'MalformedJsonError';
  constructor(message = 'The request body is not valid JSON.') {
    super(message);
  }
}

/** The body is larger than the route accepts. */
export class PayloadTooLargeError extends Error {
  override readonly name = 'PayloadTooLargeError';
  constructor(readonly limitBytes: number) {
    super(`The request body is larger than ${Math.floor(limitBytes / 1024)} KiB.`);
  }
}

/** The body is not declared as JSON. */
export class UnsupportedMediaTypeError extends Error {
  override readonly name = 'UnsupportedMediaTypeError';
  constructor(received: string | undefined) {
    super(`Send the body as application/json${received ? ` (received ${received})` : ''}.`);
  }
}

/** The thing asked for does not exist (or is not public). */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

/** The request clashes with something that exists, e.g. a city registered twice. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(
    message: string,
    readonly existingId?: string,
  ) {
    super(message);
  }
}

/** The caller is not a signed-in coordinator. */
export class UnauthorizedError extends Error {
  override readonly name = 'UnauthorizedError';
  constructor() {
    super('Unauthorized');
  }
}

/** A dependency (table, bus, SES) is throttling or down; the client should retry later. */
export class ServiceUnavailableError extends Error {
  override readonly name = 'ServiceUnavailableError';
  constructor(
    message = 'The service is busy; nothing was stored. Please try again shortly.',
    readonly retryAfterSeconds = 5,
  ) {
    super(message);
  }
}
