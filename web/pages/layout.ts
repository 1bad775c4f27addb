/**
 * The frame of every built page: the site's assets around the frame every page shares.
 */
import { frame } from '../../shared/pages/frame';
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

/**
 * A built page in the frame every page shares (shared/pages/frame.ts, also used by the pages
 * the API renders): the same head, skip link, header, navigation, `<main>` and footer.
 */
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
  return frame({
    title: `${options.title} · Cities Seeking Cities`,
    description: options.description,
    stylesheet: assets.css,
    head: options.script ? html`<script type="module" src="${assets.script(options.script)}"></script>`.value : undefined,
    current: options.current,
    mainClass: options.wide ? 'wrap wide' : 'wrap',
    main: options.body.value,
  });
}
