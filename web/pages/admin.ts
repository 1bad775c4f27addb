/** `/admin` — the coordinator console. Everything below the sign-in is filled by the script. */
import { field, formStatus } from './fields';
import { html } from './html';
import { layout, type PageAssets } from './layout';

export function adminPage(assets: PageAssets): string {
  const pins = [1, 2, 3].map(
    (n) => html`<div class="field"><label for="pin-${n}">Featured city ${n}</label><select id="pin-${n}" name="pin"><option value="">(none)</option></select></div>`,
  );
  return layout({
    assets,
    title: 'Coordinator console',
    current: '/admin',
    script: 'admin',
    wide: true,
    description: 'For program coordinators.',
    body: html`<h1>Coordinator console</h1>
<section id="signin" aria-labelledby="signin-heading" class="panel narrow">
<h2 id="signin-heading">Sign in</h2>
<form id="signin-form" novalidate>
${formStatus('signin-status')}
${field({ path: 'token', label: 'Coordinator token', type: 'password', autocomplete: 'current-password', help: 'Locally, npm start prints the token. It is kept in this browser tab only and forgotten when you close it.' })}
<p><button type="submit" class="primary">Sign in</button></p>
</form>
</section>
<div id="console" hidden>
<p class="toolbar"><span id="console-status" role="status" aria-live="polite"></span> <button type="button" id="signout" class="secondary">Sign out</button></p>

<section aria-labelledby="pending-heading">
<h2 id="pending-heading" tabindex="-1">Registrations waiting for review</h2>
<div id="pending-status" class="form-status" role="status" aria-live="polite"></div>
<ol id="pending" class="review-list"></ol>
</section>

<section aria-labelledby="approved-heading">
<h2 id="approved-heading">Approved cities</h2>
<p class="help">Clear “Seeking” when a city has found a partner; it stays in City Search without the badge.</p>
<div id="approved-status" class="form-status" role="status" aria-live="polite"></div>
<div class="table-scroll"><table class="approved">
<thead><tr><th scope="col">City</th><th scope="col">Country</th><th scope="col">Seeking</th><th scope="col">Inquiries</th></tr></thead>
<tbody id="approved"></tbody>
</table></div>
</section>

<section aria-labelledby="inquiries-heading">
<h2 id="inquiries-heading">Inquiries</h2>
<form id="inquiries-form" novalidate class="inline-form">
<div class="field"><label for="inquiries-city">City</label><select id="inquiries-city" name="cityId"><option value="">All cities</option></select></div>
<p><button type="submit" class="secondary">Show inquiries</button></p>
</form>
<div id="inquiries-status" class="form-status" role="status" aria-live="polite"></div>
<ol id="inquiries" class="inquiry-list"></ol>
</section>

<section aria-labelledby="digest-heading">
<h2 id="digest-heading">Next newsletter: <span id="coming-month"></span></h2>
<div class="columns">
<form id="spotlight-form" novalidate class="panel">
<h3>Best Practice Spotlight</h3>
${formStatus('spotlight-status')}
${field({ path: 'title', label: 'Title', maxlength: 200 })}
${field({ path: 'body', label: 'Text', rows: 8, maxlength: 6000, help: 'Plain text. Empty lines separate paragraphs.' })}
<p><button type="submit" class="primary">Save spotlight</button></p>
</form>
<form id="pins-form" novalidate class="panel">
<h3>Pinned cities</h3>
<p class="help">Up to three approved, seeking cities to feature first. The rest are chosen automatically.</p>
${formStatus('pins-status')}
<fieldset class="field" data-field="cityIds" id="f-cityIds"><legend>Cities to feature</legend>
${pins}
<p class="error" id="f-cityIds-error" hidden></p>
</fieldset>
<p><button type="submit" class="primary">Save pinned cities</button></p>
</form>
</div>
<h3>Preview</h3>
<p><button type="button" id="preview-button" class="secondary">Show preview of the newsletter</button></p>
<div id="preview-status" class="form-status" role="status" aria-live="polite"></div>
<iframe id="preview" title="Preview of the next newsletter" sandbox="" hidden></iframe>
</section>
</div>

<dialog id="reject-dialog" aria-labelledby="reject-heading">
<form id="reject-form" method="dialog" novalidate>
<h2 id="reject-heading">Reject <span id="reject-city"></span></h2>
${formStatus('reject-status')}
${field({ path: 'reason', label: 'Reason', rows: 5, maxlength: 2000, help: 'Sent to the city’s contact person. Say what they can do, for example register again with more detail.' })}
<p class="actions"><button type="submit" class="danger" value="reject">Reject registration</button> <button type="button" class="secondary" id="reject-cancel">Cancel</button></p>
</form>
</dialog>`,
  });
}
