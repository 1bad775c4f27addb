/** `/digests` — the newsletter archive (each month's web version is served by the API). */
import { html } from './html';
import { layout, type PageAssets } from './layout';

export function digestsPage(assets: PageAssets): string {
  return layout({
    assets,
    title: 'Newsletter archive',
    current: '/digests',
    script: 'digests',
    description: 'Every monthly newsletter and the cities it featured.',
    body: html`<h1>Newsletter archive</h1>
<p class="lead">Every month’s newsletter, newest first. <a href="/subscribe">Subscribe</a> to receive the next one by email.</p>
<div id="digests-status" role="status" aria-live="polite" class="form-status"><p>Loading newsletters…</p></div>
<ol id="digests" class="digest-list"></ol>`,
  });
}
