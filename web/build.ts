/**
 * Builds the whole static site, synchronously, into a directory: the HTML pages (rendered here
 * from web/pages/*, with build-time data such as the country list baked in), one stylesheet and
 * the browser code (web/client/*, bundled and minified by esbuild). The AWS stack calls it at
 * synth time and uploads the result to S3 behind CloudFront; `npm start` and the end-to-end
 * tests serve the same build (infra/local/pages.ts).
 *
 * Request path → file (the table lives in web/routes.ts; the CloudFront Function mirrors it, and
 * `cloudFrontRewriteSource()` generates that function's code from the same table):
 *
 *   /                              → /index.html
 *   /register  (or /register/)     → /register/index.html
 *   /cities    (or /cities/)       → /cities/index.html
 *   /cities/01J...  (any id)       → /cities/city.html   (the page reads the id from the URL)
 *   /cities/01J.../manage          → /cities/manage.html (the manage link's page)
 *   /subscribe                     → /subscribe/index.html
 *   /digests   (or /digests/)      → /digests/index.html  (/digests/YYYY-MM goes to the HTTP API:
 *                                                         CloudFront path pattern `/digests/?*`)
 *   /admin                         → /admin/index.html
 *   /assets/*                      → unchanged (content-hashed names; cache-control immutable)
 *   /favicon.ico, /favicon.svg,    → unchanged: the files of web/public/ at the root, and the
 *   /apple-touch-icon.png,           stylesheet again at a fixed URL for the pages the API
 *   /styles.css                      renders (they cannot know its hashed name)
 *   anything else                  → /404.html with status 404 (CloudFront custom error
 *                                     response for S3's 403/404)
 *
 * Routed to the HTTP API instead, never to the bucket: /api/*, /digests/?* (a month; not /digests
 * or /digests/), /unsubscribe — API_PATH_PATTERN says the same for the local server.
 *
 * Cache policy: HTML `no-cache` (revalidate, so a deploy shows at once); /assets/* are named by
 * content hash, `public, max-age=31536000, immutable`. `cacheControlFor(file)` says which.
 */
import { buildSync } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SITE_STYLESHEET } from '../shared/pages/frame';
import { renderPages, type PageAssets } from './pages/index';
import { MANAGE_PAGE_FILE, managePage } from './pages/manage';

export { PAGE_ROUTES, API_PATH_PATTERN, fileForPath, cloudFrontRewriteSource, NOT_FOUND_FILE, type PageRoute } from './routes';

const WEB_DIR = dirname(fileURLToPath(import.meta.url));

/** Files served at the site's root under their own name (the icons; see web/assets/make-icons.ts). */
const PUBLIC_DIR = join(WEB_DIR, 'public');

/** The browser entry points: one small script per page, shared code split into chunks. */
const ENTRY_POINTS = ['register', 'cities', 'city', 'subscribe', 'digests', 'admin', 'manage'] as const;
export type ScriptName = (typeof ENTRY_POINTS)[number];

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** The content type of a built file, by extension. */
export function contentTypeFor(file: string): string {
  const extension = /\.[a-z0-9]+$/i.exec(file)?.[0]?.toLowerCase() ?? '';
  return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}

/**
 * Response headers of every file of the site (a CloudFront response headers policy in AWS).
 * Scripts and styles only from the site itself; `style-src 'unsafe-inline'` only because the
 * digest preview (a sandboxed srcdoc iframe, which inherits this policy) is styled inline; it
 * still runs no script.
 */
export const SITE_SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
};

/** The cache-control header of a built file (see the header comment). */
export function cacheControlFor(file: string): string {
  return file.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

function hashed(name: string, extension: string, content: string | Uint8Array): string {
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 10);
  return `assets/${name}-${hash}${extension}`;
}

/**
 * Builds the site into `outDir` (emptied first) and returns the relative paths written, with
 * forward slashes.
 *
 * @example
 * const { files } = buildWebSync('cdk.out/site'); // ['index.html', 'register/index.html', …]
 */
export function buildWebSync(outDir: string): { files: string[] } {
  const written = new Map<string, string | Uint8Array>();

  const css = readFileSync(join(WEB_DIR, 'styles.css'), 'utf8');
  const cssFile = hashed('site', '.css', css);
  written.set(cssFile, css);
  // The same stylesheet at the fixed URL the pages rendered by the API link (revalidated).
  written.set(SITE_STYLESHEET.slice(1), css);
  // The icons every page links (shared/pages/frame.ts), at the root as they are.
  for (const file of readdirSync(PUBLIC_DIR)) written.set(file, readFileSync(join(PUBLIC_DIR, file)));

  const result = buildSync({
    entryPoints: Object.fromEntries(ENTRY_POINTS.map((name) => [name, join(WEB_DIR, 'client', `${name}.ts`)])),
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    // Browsers of the last few years (ES2020 with ES modules; Intl.DisplayNames needs Safari 14.1+).
    target: 'es2020',
    outdir: join(outDir, 'assets'),
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    metafile: true,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const scripts = new Map<string, string>();
  for (const file of result.outputFiles) {
    const path = relative(resolve(outDir), file.path).split('\\').join('/');
    written.set(path, file.contents);
  }
  for (const [output, meta] of Object.entries(result.metafile?.outputs ?? {})) {
    if (!meta.entryPoint) continue;
    const name = /([\w-]+)\.ts$/.exec(meta.entryPoint)?.[1];
    // Metafile paths are relative to the working directory.
    if (name) scripts.set(name, '/' + relative(resolve(outDir), resolve(output)).split('\\').join('/'));
  }

  // Every entry point, the manage page's too (it is written below, outside renderPages).
  const assets: PageAssets & { script(name: ScriptName): string } = {
    css: '/' + cssFile,
    script: (name: ScriptName) => {
      const src = scripts.get(name);
      if (!src) throw new Error(`no bundle for ${name}`);
      return src;
    },
  };
  for (const page of renderPages(assets)) written.set(page.file, page.html);
  written.set(MANAGE_PAGE_FILE, managePage({ css: assets.css, script: assets.script('manage') }));

  rmSync(outDir, { recursive: true, force: true });
  for (const [file, content] of written) {
    const target = join(outDir, file);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  return { files: [...written.keys()].sort() };
}
