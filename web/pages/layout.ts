/**
 * The frame of every page: head, skip link, header navigation, main, footer.
 */
import { html, type SafeHtml } from './html';

export interface PageAssets {
  /** URL of the stylesheet. */
  css: string;
  /** URL of a page's script bundle. */
  script(name: 'register' | 'cities' | 'city' | 'subscribe' | 'digests' | 'admin'): string;
}

export interface BuiltPage {
  /** Relative path in the built site, e.g. `register/index.html`. */
  file: string;
  html: string;
}

const NAV: Array<{ href: string; label: string }> = [
  { href: '/', label: 'Home' },
  { href: '/register', label: 'Register your city' },
  { href: '/cities', label: 'City Search' },
  { href: '/digests', label: 'Newsletters' },
  { href: '/subscribe', label: 'Subscribe' },
  { href: '/admin', label: 'Coordinators' },
];

export function layout(options: {
  assets: PageAssets;
  title: string;
  /** Which nav entry is the current page (its href). */
  current?: string;
  description: string;
  script?: Parameters<PageAssets['script']>[0];
  body: SafeHtml;
  /** Wider main column (tables, consoles). */
  wide?: boolean;
}): string {
  const { assets } = options;
  const nav = NAV.map(
    (item) => html`<li><a href="${item.href}"${item.href === options.current ? html` aria-current="page"` : ''}>${item.label}</a></li>`,
  );
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${options.title} · Cities Seeking Cities</title>
<meta name="description" content="${options.description}">
<link rel="stylesheet" href="${assets.css}">
${options.script ? html`<script type="module" src="${assets.script(options.script)}"></script>` : ''}
</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
<header class="site-header">
<div class="wrap">
<a class="brand" href="/">Cities Seeking Cities</a>
<nav aria-label="Main"><ul>${nav}</ul></nav>
</div>
</header>
<main id="main" tabindex="-1" class="wrap${options.wide ? ' wide' : ''}">
${options.body}
</main>
<footer class="site-footer"><div class="wrap">
<p>Cities Seeking Cities helps communities outside the United States find a U.S. sister city.</p>
</div></footer>
</body>
</html>
`.value;
}
