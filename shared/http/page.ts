/**
 * Answering with a complete HTML page: the few pages a person reaches from a link in an email
 * (subscription confirmed, unsubscribe). Each page sits in the frame of every page of the site
 * (shared/pages/frame.ts: the same header, navigation, `<main>` and footer) and links the
 * site's stylesheet at its fixed URL; it runs no script. Semantic, and readable on a phone.
 *
 * Errors keep their status from the one mapping in `response.ts`; only their form changes.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { escapeHtml } from '../email/html';
import { frame, SITE_STYLESHEET } from '../pages/frame';
import { errorResponse, html, httpHandler, type HttpResult } from './response';

export interface Page {
  /** Plain text; escaped here. */
  title: string;
  /** Already-escaped HTML for the page's main content, after its heading. */
  body: string;
}

/**
 * A complete HTML document in the site's frame: heading from `title`, then `body` (which must
 * already be escaped). Not for search engines: most of these pages answer a personal link.
 *
 * @example
 * return html(404, page({ title: 'No such digest', body: '<p>There is no digest for that month.</p>' }));
 */
export function page(options: Page): string {
  return frame({
    title: `${options.title} · Cities Seeking Cities`,
    stylesheet: SITE_STYLESHEET,
    head: '<meta name="robots" content="noindex">',
    main: `<h1>${escapeHtml(options.title)}</h1>\n${options.body}`,
  });
}

/**
 * A page response for a link from an email. Its URL carries a token, so besides `html()`'s
 * headers (no caching, no scripts) it sends no Referer anywhere and cannot be framed.
 *
 * @example
 * return htmlPage(200, { title: 'You’re subscribed', body: pageParagraphs('Thank you.') });
 */
export function htmlPage(statusCode: number, options: Page, headers: Record<string, string> = {}): HttpResult {
  return html(statusCode, page(options), { 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY', ...headers });
}

/** Escaped paragraphs, one per string; `note` ones are set smaller and grey. */
export function pageParagraphs(...lines: Array<string | { note: string }>): string {
  return lines
    .map((line) => (typeof line === 'string' ? `<p>${escapeHtml(line)}</p>` : `<p class="note">${escapeHtml(line.note)}</p>`))
    .join('\n');
}

function headerOf(event: APIGatewayProxyEventV2, name: string): string | undefined {
  for (const [key, value] of Object.entries(event.headers ?? {})) if (key.toLowerCase() === name) return value;
  return undefined;
}

/** The q-value the Accept header gives `type`, taken from its most specific matching range. */
function acceptQuality(accept: string, type: string): number {
  const [major] = type.split('/');
  let best = { specificity: 0, q: 0 };
  for (const part of accept.split(',')) {
    const [rawRange = '', ...params] = part.toLowerCase().split(';');
    const range = rawRange.trim();
    const specificity = range === type ? 3 : range === `${major}/*` ? 2 : range === '*/*' ? 1 : 0;
    if (specificity <= best.specificity) continue;
    const q = params.map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
    best = { specificity, q: q === undefined ? 1 : Math.min(1, Number(q) || 0) };
  }
  return best.q;
}

/**
 * Whether the client prefers an HTML page to JSON: true for a browser's form post (which
 * accepts text/html first and anything else at a lower q); false for no Accept header, for
 * "anything" alone, or for JSON — what mail providers' one-click POSTs and API clients send.
 *
 * @example
 * return prefersHtml(event) ? unsubscribedPage() : json(200, { status: 'unsubscribed' });
 */
export function prefersHtml(event: APIGatewayProxyEventV2): boolean {
  const accept = headerOf(event, 'accept');
  if (!accept) return false;
  const html = acceptQuality(accept, 'text/html');
  return html > 0 && html > acceptQuality(accept, 'application/json');
}

const ERROR_PAGES: Record<number, Page> = {
  400: { title: 'This request is not valid', body: pageParagraphs('Please check the link and try again.') },
  404: { title: 'Not found', body: pageParagraphs('We could not find what this link points to.') },
  503: { title: 'We are busy', body: pageParagraphs('Nothing was changed. Please try again in a minute.') },
};
const FALLBACK_ERROR_PAGE: Page = {
  title: 'Something went wrong',
  body: pageParagraphs('Something went wrong on our side. Nothing was changed. Please try again later.'),
};

/**
 * Wraps a page route like any route (`httpHandler`: correlation id, one log line), except that
 * a failure becomes an HTML page with the status `errorResponse` gives it (so a 503 is still a
 * 503 with Retry-After), or the JSON error itself when `wantsPage` says the client asked for JSON.
 *
 * @example
 * export const handler = pageHandler(async (event) => htmlPage(200, page));
 */
export function pageHandler(
  route: (event: APIGatewayProxyEventV2) => Promise<HttpResult>,
  wantsPage: (event: APIGatewayProxyEventV2) => boolean = () => true,
): (event: APIGatewayProxyEventV2) => Promise<HttpResult> {
  return httpHandler(route, (error, event) => {
    const response = errorResponse(error);
    if (!wantsPage(event)) return response;
    const statusCode = response.statusCode ?? 500;
    const retryAfter = response.headers?.['retry-after'];
    return htmlPage(
      statusCode,
      ERROR_PAGES[statusCode] ?? FALLBACK_ERROR_PAGE,
      retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) },
    );
  });
}
