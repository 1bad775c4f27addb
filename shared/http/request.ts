/**
 * Turning an API Gateway HTTP API (payload v2) request into validated input.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from '../zod';
import {
  MalformedJsonError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
  type FieldIssue,
} from '../errors';

/** Registration and inquiry bodies are small; anything larger is a mistake or an attack. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Converts zod issues to the API's `{path, message}` pairs with dotted paths. */
export function toFieldIssues(error: z.core.$ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/**
 * Parses `value` with `schema`, throwing a `ValidationError` that names every bad field.
 *
 * @example
 * const query = parseWith(listQuerySchema, event.queryStringParameters ?? {});
 */
export function parseWith<S extends z.core.$ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = z.safeParse(schema, value);
  if (!result.success) throw new ValidationError(toFieldIssues(result.error));
  return result.data;
}

const utf8 = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  // API Gateway lower-cases header names in payload v2; the loop guards other callers.
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/**
 * Reads a JSON body: 415 unless it is declared as JSON, 413 past `maxBytes`, 400 when it is not
 * JSON or breaks the schema. Nothing is stored before this succeeds.
 *
 * @example
 * const registration = parseJsonBody(event, registrationSchema);
 */
export function parseJsonBody<S extends z.core.$ZodType>(
  event: APIGatewayProxyEventV2,
  schema: S,
  maxBytes = MAX_BODY_BYTES,
): z.infer<S> {
  const contentType = header(event, 'content-type');
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json' && !mediaType?.endsWith('+json')) {
    throw new UnsupportedMediaTypeError(contentType);
  }
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.byteLength > maxBytes) throw new PayloadTooLargeError(maxBytes);
  // Strictly UTF-8: a lenient decoder would store each bad byte as U+FFFD ("Bad���City").
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new MalformedJsonError('The request body is not valid UTF-8 text.');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new MalformedJsonError();
  }
  return parseWith(schema, parsed);
}
