/**
 * Answering with a complete HTML page: the few pages a person reaches from a link in an email
 * (subscription confirmed, unsubscribe). Each page is self-contained — inline CSS, no scripts,
 * images, fonts or other requests — semantic, and readable on a phone.
 *
 * Errors keep their status from the one mapping in `response.ts`; only their form changes.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { escapeHtml } from '../email/html';
import { errorResponse, html, httpHandler, type HttpResult } from './response';

// Inline (no external stylesheet, font or image): the page is one response, and
// `html()`'s Content-Security-Policy allows nothing else to load.
const STYLE = `
:root{color-scheme:light;--ink:#1d2731;--muted:#55606b;--brand:#12466e}
*{box-sizing:border-box}
body{margin:0;background:#f3f5f7;color:var(--ink);font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
header{background:var(--brand);color:#fff;padding:.9rem 1.25rem;font-weight:700;display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;align-items:baseline}
header a{color:#fff}header nav{font-weight:400;display:flex;gap:1rem;flex-wrap:wrap}
main{max-width:36rem;margin:1.5rem auto;padding:1.5rem 1.25rem;background:#fff;border-radius:.5rem}
h1{font-size:1.5rem;line-height:1.3;margin:0 0 1rem;color:var(--brand)}
p{margin:0 0 1rem}
.note{color:var(--muted);font-size:.95rem}
button{font:inherit;font-weight:700;color:#fff;background:var(--brand);border:0;border-radius:.375rem;padding:.8rem 1.4rem;min-height:2.75rem;width:100%;max-width:20rem;cursor:pointer}
button:focus-visible,a:focus-visible{outline:3px solid #f0a500;outline-offset:2px}
a{color:var(--brand)}
footer{max-width:36rem;margin:0 auto 2rem;padding:0 1.25rem;color:var(--muted);font-size:.875rem}
@media (max-width:40rem){main{margin:0;border-radius:0}}
`.trim();

export interface Page {
  /** Plain text; escaped here. */
  title: string;
  /** Already-escaped HTML for the page's main content, after its heading. */
  body: string;
}

/**
 * A complete, self-contained HTML document: heading from `title`, then `body` (which must
 * already be escaped).
 *
 * @example
 * return html(404, page({ title: 'No such digest', body: '<p>There is no digest for that month.</p>' }));
 */
export function page(options: Page): string {
  const title = escapeHtml(options.title);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} · Cities Seeking Cities</title>
<style>${STYLE}</style>
</head>
<body>
<header><a href="/">Cities Seeking Cities</a><nav aria-label="Site"><a href="/cities?seeking=true">City Search</a><a href="/digests">Newsletters</a><a href="/subscribe">Subscribe</a></nav></header>
<main>
<h1>${title}</h1>
${options.body}
</main>
<footer>Cities Seeking Cities helps communities abroad find a sister city in the United States.</footer>
</body>
</html>
`;
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
