/**
 * The local HTTP API: turns each request into the API Gateway HTTP API (payload v2) event that
 * AWS would deliver for the declared route, calls the route's real handler, and writes its
 * result back — including API Gateway's own answers (404 for no route, 413 past 10 MB).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { HttpMethod } from '../manifest';

/** What a route's handler is called with and may return (payload v2); the invocation supplies the context. */
export type HttpLambda = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2 | string | object | undefined>;

export interface LocalRoute {
  method: HttpMethod;
  /** As declared, e.g. `/api/cities/{id}`. */
  path: string;
  functionName: string;
  handler: HttpLambda;
  /** The route's authorizer: claims for the function, or `undefined` for 401 Unauthorized. */
  authorize?: (event: APIGatewayProxyEventV2) => Record<string, unknown> | undefined;
}

/** Something that answers requests no route claims (the web pages, later). */
export type Fallback = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

/** API Gateway HTTP APIs refuse payloads over 10 MB before any function runs. */
const API_GATEWAY_MAX_BYTES = 10 * 1024 * 1024;

const TEXT_TYPES = /^(text\/|application\/(json|[\w.+-]+\+json|x-www-form-urlencoded|xml|javascript))/i;

interface CompiledRoute extends LocalRoute {
  pattern: RegExp;
  names: string[];
  /** Per segment: 0 literal, 1 `{param}`, 2 greedy `{param+}`; lower is more specific. */
  specificity: number[];
}

/**
 * API Gateway's choice among routes that match a path: the one whose first differing segment
 * is a literal rather than a parameter (`/api/members/confirm` before `/api/members/{id}`), a
 * parameter rather than a greedy one; so the manifest's order never matters.
 */
export function bySpecificity(a: { specificity: number[] }, b: { specificity: number[] }): number {
  for (let index = 0; index < Math.min(a.specificity.length, b.specificity.length); index++) {
    const difference = (a.specificity[index] as number) - (b.specificity[index] as number);
    if (difference !== 0) return difference;
  }
  return b.specificity.length - a.specificity.length;
}

function compile(route: LocalRoute): CompiledRoute {
  const names: string[] = [];
  const specificity: number[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      const param = /^\{(\w+)\+?\}$/.exec(segment);
      const greedy = segment.endsWith('+}');
      specificity.push(param ? (greedy ? 2 : 1) : 0);
      if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(param[1] as string);
      return greedy ? '(.+)' : '([^/]+)';
    })
    .join('/');
  return { ...route, pattern: new RegExp(`^${source}$`), names, specificity };
}

/** The request-context time format of API Gateway: 28/Nov/2026:01:02:03 +0000. */
function apiGatewayTime(date: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > API_GATEWAY_MAX_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Builds the payload v2 event API Gateway would send for this request.
 */
export function toApiGatewayEvent(
  req: IncomingMessage,
  route: CompiledRoute,
  match: RegExpExecArray,
  body: Buffer,
  now = new Date(),
): APIGatewayProxyEventV2 {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === 'cookie') continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    // API Gateway joins repeated query parameters with commas.
    query[name] = name in query ? `${query[name]},${value}` : value;
  }
  const pathParameters = Object.fromEntries(route.names.map((name, index) => [name, safeDecode(match[index + 1] as string)]));
  const contentType = headers['content-type'] ?? '';
  // A text body that is not valid UTF-8 is handed over as its bytes (base64), so the handler,
  // not this runner, decides what to do with them (it refuses them with a 400).
  const isText = body.length === 0 || (TEXT_TYPES.test(contentType) && isUtf8(body));
  const cookies = req.headers.cookie?.split(';').map((cookie) => cookie.trim()).filter(Boolean);
  const routeKey = `${route.method} ${route.path}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    cookies: cookies?.length ? cookies : undefined,
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    pathParameters: route.names.length ? pathParameters : undefined,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0] ?? 'localhost',
      http: {
        method: route.method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: apiGatewayTime(now),
      timeEpoch: now.getTime(),
    },
    body: body.length ? (isText ? body.toString('utf8') : body.toString('base64')) : undefined,
    isBase64Encoded: body.length > 0 && !isText,
  };
}

function writeResult(res: ServerResponse, result: Awaited<ReturnType<HttpLambda>>): void {
  // Payload v2: anything but a structured result is a 200 JSON body.
  const structured =
    typeof result === 'object' && result !== null && 'statusCode' in result
      ? (result as APIGatewayProxyStructuredResultV2)
      : { statusCode: 200, headers: { 'content-type': 'application/json' }, body: typeof result === 'string' ? result : JSON.stringify(result ?? null) };
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(structured.headers ?? {})) headers[name] = String(value);
  if (structured.cookies?.length) headers['set-cookie'] = structured.cookies;
  const body = structured.body ? Buffer.from(structured.body, structured.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
  headers['content-length'] = String(body.length);
  res.writeHead(structured.statusCode ?? 200, headers);
  res.end(body);
}

function writeJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

const ABORT_CODES = new Set(['ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE']);

/** Did the request fail because the client went away (rather than because of the handler)? */
function clientGone(req: IncomingMessage, res: ServerResponse, error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && ABORT_CODES.has(code)) return true;
  if (error instanceof Error && error.message === 'aborted') return true;
  return req.destroyed && !req.complete && res.destroyed;
}

export interface LocalHttpServer {
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the local HTTP API on `port` (0 for any free port).
 *
 * @example
 * const api = await startLocalHttp({ port: 3000, routes, fallback: servePages });
 */
export async function startLocalHttp(options: {
  port: number;
  host?: string;
  routes: LocalRoute[];
  fallback?: Fallback;
  log?: (line: string) => void;
}): Promise<LocalHttpServer> {
  const routes = options.routes.map(compile).sort(bySpecificity);
  const server = createServer(async (req, res) => {
    try {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const candidates = routes
        .map((route) => ({ route, match: route.pattern.exec(path) }))
        .filter((candidate): candidate is { route: CompiledRoute; match: RegExpExecArray } => candidate.match !== null);
      const found = candidates.find((candidate) => candidate.route.method === req.method);
      if (!found) {
        if (req.method === 'HEAD' || req.method === 'GET') {
          if (options.fallback && (await options.fallback(req, res))) return;
        }
        // API Gateway answers an unknown route or method with 404 {"message":"Not Found"}.
        writeJson(res, 404, { message: 'Not Found' });
        return;
      }
      const body = await readBody(req);
      if (body === 'too-large') {
        writeJson(res, 413, { message: 'Request Entity Too Large' });
        return;
      }
      const event = toApiGatewayEvent(req, found.route, found.match, body);
      if (found.route.authorize) {
        const claims = found.route.authorize(event);
        if (!claims) {
          writeJson(res, 401, { error: 'Unauthorized' });
          return;
        }
        Object.assign(event.requestContext, { authorizer: { jwt: { claims, scopes: [] } } });
      }
      const result = await found.route.handler(event);
      writeResult(res, result);
    } catch (error) {
      // A client that hung up (a closed tab, a cancelled curl) is no fault of the handler.
      if (clientGone(req, res, error)) {
        options.log?.(`client closed the connection: ${req.method} ${req.url?.split('?')[0] ?? '/'}`);
        if (!res.destroyed) res.destroy();
        return;
      }
      // A handler that throws is a Lambda error: API Gateway answers 500 Internal Server Error.
      options.log?.(`handler error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) writeJson(res, 500, { message: 'Internal Server Error' });
      else res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    url: `http://localhost:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
