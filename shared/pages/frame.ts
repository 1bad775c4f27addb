/**
 * The frame of every page, the site's (web/pages/layout.ts, at build time) and the API's
 * (shared/http/page.ts, the digest's web version in shared/digest/render.ts): head with the
 * icons and the stylesheet, skip link, header with the six navigation items, `<main id="main">`,
 * footer. One module, so the two cannot drift apart.
 *
 * Lambda functions bundle it, so it is plain strings and one escape (about 1 KB minified): no
 * template helper, no stylesheet of its own. The API's pages link the site's stylesheet at its
 * fixed URL, {@link SITE_STYLESHEET}, which the site serves in both runtimes (web/build.ts).
 */
import { escapeHtml } from '../email/html';

/** The site's stylesheet at a fixed URL (revalidated on every use), for pages the API renders. */
export const SITE_STYLESHEET = '/styles.css';

/** The navigation of every page: [href, label]. */
const NAV = [
  ['/', 'Home'],
  ['/register', 'Register your city'],
  ['/cities', 'City Search'],
  ['/digests', 'Newsletters'],
  ['/subscribe', 'Subscribe'],
  ['/admin', 'Coordinators'],
] as const;

export interface FrameOptions {
  /** The whole document title, plain text, e.g. `City Search · Cities Seeking Cities`. */
  title: string;
  /** The meta description, plain text. */
  description?: string;
  /** URL of the stylesheet. */
  stylesheet: string;
  /** More of the head, already escaped (a script, a robots meta). */
  head?: string;
  /** The navigation item of the current page (its href). */
  current?: string;
  /** The class of `<main>`: `wrap` (the reading column) unless given. */
  mainClass?: string;
  /** The page's content, already escaped: everything inside `<main>`. */
  main: string;
}

/**
 * A complete HTML document around `main`.
 *
 * @example
 * frame({ title: 'Not found · Cities Seeking Cities', stylesheet: SITE_STYLESHEET, main: '<h1>Not found</h1>' })
 */
export function frame(options: FrameOptions): string {
  const nav = NAV.map(([href, label]) => `<li><a href="${href}"${href === options.current ? ' aria-current="page"' : ''}>${label}</a></li>`).join('');
  const description = options.description === undefined ? '' : `\n<meta name="description" content="${escapeHtml(options.description)}">`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(options.title)}</title>${description}
<link rel="stylesheet" href="${escapeHtml(options.stylesheet)}">
<link rel="icon" href="/favicon.ico" sizes="32x32">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="apple-touch-icon" href="/apple-touch-icon.png">
${options.head ? `${options.head}\n` : ''}</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
<header class="site-header">
<div class="wrap">
<a class="brand" href="/">Cities Seeking Cities</a>
<nav aria-label="Main"><ul>${nav}</ul></nav>
</div>
</header>
<main id="main" tabindex="-1" class="${options.mainClass ?? 'wrap'}">
${options.main}
</main>
<footer class="site-footer"><div class="wrap">
<p>Cities Seeking Cities helps communities outside the United States find a U.S. sister city.</p>
</div></footer>
</body>
</html>
`;
}
