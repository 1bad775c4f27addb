/**
 * Which request path is answered by which file of the built site. One table, used by the local
 * server (infra/local/pages.ts) and by the CloudFront Function that rewrites viewer requests in
 * AWS (`cloudFrontRewriteSource()` generates its code from the same table), so the two cannot
 * drift apart.
 *
 *   request path               file in the bucket / build directory
 *   /                          index.html
 *   /register, /register/      register/index.html
 *   /cities, /cities/          cities/index.html
 *   /cities/{id}, …/{id}/      cities/city.html      (any id of letters, digits, - and _; the
 *                                                    page reads the id from location.pathname)
 *   /cities/{id}/manage        cities/manage.html    (the manage link's page; id and token from the URL)
 *   /subscribe                 subscribe/index.html
 *   /digests, /digests/        digests/index.html    (/digests/<anything more>, i.e. /digests/YYYY-MM,
 *                                                    belongs to the HTTP API: CloudFront `/digests/?*`)
 *   /admin, /admin/            admin/index.html
 *   /assets/<name>             assets/<name>         (content-hashed names: cache for a year)
 *   /favicon.ico, /favicon.svg, /apple-touch-icon.png, /styles.css
 *                              the same name at the root (the icons of web/public/, and the
 *                                                    stylesheet at the fixed URL that the pages
 *                                                    the API renders link)
 *   anything else              404.html with status 404
 *
 * This file has no Node imports so that it can be reused anywhere, including the browser.
 */

export interface PageRoute {
  /** Matched against the decoded URL path, without the query string. */
  pattern: RegExp;
  /** Relative path of the file in the built site. */
  file: string;
}

/** The page routes, in matching order. */
export const PAGE_ROUTES: PageRoute[] = [
  { pattern: /^\/$/, file: 'index.html' },
  { pattern: /^\/register\/?$/, file: 'register/index.html' },
  { pattern: /^\/cities\/?$/, file: 'cities/index.html' },
  // City ids are ULIDs; the wider character class keeps the page reachable for any id so that
  // the page itself (not the CDN) tells a person "no such city".
  { pattern: /^\/cities\/[0-9A-Za-z_-]{1,64}\/?$/, file: 'cities/city.html' },
  // A city's manage page (the signed link in emails to its contact; the page reads id and token).
  { pattern: /^\/cities\/[0-9A-Za-z_-]{1,64}\/manage\/?$/, file: 'cities/manage.html' },
  { pattern: /^\/subscribe\/?$/, file: 'subscribe/index.html' },
  { pattern: /^\/digests\/?$/, file: 'digests/index.html' },
  { pattern: /^\/admin\/?$/, file: 'admin/index.html' },
];

/**
 * Paths that belong to the HTTP API, never to the site: /api/*, /digests/<anything> (a month's
 * web version; /digests itself is the archive page) and /unsubscribe. CloudFront routes these
 * to the API origin; locally an unknown one keeps the API's own JSON 404.
 */
export const API_PATH_PATTERN = /^\/(api\/|digests\/.|unsubscribe$)/;

/** Static assets are served under their own name. */
export const ASSET_PATTERN = /^\/assets\/[\w.-]+$/;

/**
 * Files at the site's root, served under their own name: the icons (web/public/) and the
 * stylesheet at its fixed URL (`/styles.css`, which the pages the API renders link). In AWS they
 * reach the bucket unchanged, whatever page asked for them, the API's pages included.
 */
export const ROOT_FILE_PATTERN = /^\/[\w-]+\.(?:css|ico|png|svg)$/;

/** The page answered with status 404 for any other path. */
export const NOT_FOUND_FILE = '404.html';

/**
 * The file that answers `path`, or `undefined` (then: 404.html with status 404).
 *
 * @example
 * fileForPath('/cities/01J9Z3K4QW') // 'cities/city.html'
 * fileForPath('/assets/app-3F2A.js') // 'assets/app-3F2A.js'
 * fileForPath('/favicon.ico') // 'favicon.ico'
 */
export function fileForPath(path: string): string | undefined {
  if (API_PATH_PATTERN.test(path)) return undefined;
  for (const route of PAGE_ROUTES) if (route.pattern.test(path)) return route.file;
  if (ASSET_PATTERN.test(path) || ROOT_FILE_PATTERN.test(path)) return path.slice(1);
  return undefined;
}

/**
 * The source of a CloudFront Function (cloudfront-js-2.0, viewer-request) that rewrites page
 * paths to their files, generated from PAGE_ROUTES. Assets pass through unchanged; for other
 * paths (root files such as /favicon.ico included) S3 answers with the object of that key, or
 * 403, which the distribution maps to /404.html with status 404.
 *
 * @example
 * new cloudfront.Function(this, 'Pages', {
 *   runtime: cloudfront.FunctionRuntime.JS_2_0,
 *   code: cloudfront.FunctionCode.fromInline(cloudFrontRewriteSource()),
 * });
 */
export function cloudFrontRewriteSource(): string {
  const table = PAGE_ROUTES.map((route) => `[${route.pattern.toString()},${JSON.stringify('/' + route.file)}]`).join(',');
  return `var ROUTES=[${table}];
function handler(event){var r=event.request;for(var i=0;i<ROUTES.length;i++){if(ROUTES[i][0].test(r.uri)){r.uri=ROUTES[i][1];break;}}return r;}`;
}
