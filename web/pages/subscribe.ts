/** `/subscribe` — the monthly newsletter, double opt-in. */
import { field, formStatus } from './fields';
import { html } from './html';
import { layout, type PageAssets } from './layout';

export function subscribePage(assets: PageAssets): string {
  return layout({
    assets,
    title: 'Subscribe to the newsletter',
    current: '/subscribe',
    script: 'subscribe',
    description: 'A monthly email presenting three communities that are seeking a U.S. sister city.',
    body: html`<h1>Subscribe to the newsletter</h1>
<p class="lead">Once a month we present three communities outside the United States that are seeking a U.S. sister city, and one best-practice story from an existing partnership. See <a href="/digests">past newsletters</a>.</p>
<div id="subscribe-done" class="confirmation" hidden tabindex="-1"></div>
<form id="subscribe-form" novalidate>
${formStatus('subscribe-status')}
${field({ path: 'email', label: 'Email', type: 'email', inputmode: 'email', autocomplete: 'email', maxlength: 254 })}
${field({ path: 'name', label: 'Your name', optional: true, autocomplete: 'name', maxlength: 120 })}
<p><button type="submit" class="primary">Subscribe</button></p>
</form>
<h2>What happens next</h2>
<ul>
<li>We send you an email with a confirmation link. You receive newsletters only after you open that link.</li>
<li>Every newsletter ends with an unsubscribe link. It opens a page where one button stops the newsletter.</li>
</ul>`,
  });
}
