/** `/admin` — the coordinator console. Everything below the sign-in is filled by the script. */
import { field, formStatus } from './fields';
import { html } from './html';
import { layout, type PageAssets } from './layout';

/**
 * The console's sections, each one click (or arrow key) away in its own tab: `id` names the tab
 * (`tab-<id>`) and its panel (`<id>-panel`, also the URL fragment that opens it).
 */
const PANELS: ReadonlyArray<{ id: string; tab: string; counted?: boolean }> = [
  { id: 'review', tab: 'Review queue', counted: true },
  { id: 'approved', tab: 'Approved', counted: true },
  { id: 'rejected', tab: 'Rejected', counted: true },
  { id: 'inquiries', tab: 'Inquiries' },
  { id: 'members', tab: 'Members' },
  { id: 'newsletter', tab: 'Next newsletter' },
];

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
<div class="console-tabs" role="tablist" aria-label="Console sections" id="console-tabs">
${PANELS.map(
    (panel, index) =>
      html`<button type="button" role="tab" id="tab-${panel.id}" aria-controls="${panel.id}-panel" aria-selected="${index === 0 ? 'true' : 'false'}"${index === 0 ? '' : html` tabindex="-1"`}>${panel.tab}${
        panel.counted ? html`<span class="count" id="count-${panel.id}" hidden></span>` : ''
      }</button>`,
  )}
</div>

<section id="review-panel" class="console-panel" role="tabpanel" aria-labelledby="tab-review" tabindex="0">
<h2 id="pending-heading" tabindex="-1">Registrations waiting for review</h2>
<div id="pending-status" class="form-status" role="status" aria-live="polite"></div>
<ol id="pending" class="review-list"></ol>
</section>

<section id="approved-panel" class="console-panel" role="tabpanel" aria-labelledby="tab-approved" tabindex="0" hidden>
<h2 id="approved-heading" tabindex="-1">Approved cities</h2>
<p class="help">Clear “Seeking” when a city has found a partner; it stays in City Search without the badge.</p>
<div id="approved-status" class="form-status" role="status" aria-live="polite"></div>
<div class="table-scroll"><table class="approved">
<thead><tr><th scope="col">City</th><th scope="col">Country</th><th scope="col">Seeking</th><th scope="col">Inquiries</th></tr></thead>
<tbody id="approved"></tbody>
</table></div>
</section>

<section id="rejected-panel" class="console-panel" role="tabpanel" aria-labelledby="tab-rejected" tabindex="0" hidden>
<h2 id="rejected-heading" tabindex="-1">Rejected cities</h2>
<p class="help">Registrations turned down, most recently rejected first, with the reason their contact person was sent. A rejected city may register again.</p>
<div id="rejected-status" class="form-status" role="status" aria-live="polite"></div>
<ol id="rejected" class="review-list"></ol>
</section>

<section id="inquiries-panel" class="console-panel" role="tabpanel" aria-labelledby="tab-inquiries" tabindex="0" hidden>
<h2 id="inquiries-heading" tabindex="-1">Inquiries</h2>
<form id="inquiries-form" novalidate class="inline-form">
<div class="field"><label for="inquiries-city">City</label><select id="inquiries-city" name="cityId"><option value="">All cities</option></select></div>
<p><button type="submit" class="secondary">Show inquiries</button></p>
</form>
<div id="inquiries-status" class="form-status" role="status" aria-live="polite"></div>
<ol id="inquiries" class="inquiry-list"></ol>
</section>

<section id="members-panel" class="console-panel" role="tabpanel" aria-labelledby="tab-members" tabindex="0" hidden>
<h2 id="members-heading" tabindex="-1">Members</h2>
<p class="help">U.S. communities with a member profile. Pending members have not opened their confirmation link yet.</p>
<form id="members-form" novalidate class="inline-form">
<div class="field"><label for="members-choice">Show</label><select id="members-choice" name="status"><option value="active">Active members</option><option value="pending">Pending members</option></select></div>
<p><button type="submit" class="secondary">Show members</button></p>
</form>
<div id="members-status" class="form-status" role="status" aria-live="polite"></div>
<div class="table-scroll" id="members-table" hidden><table class="members">
<thead><tr><th scope="col">Community</th><th scope="col">State</th><th scope="col">Population</th><th scope="col">Interests</th><th scope="col">Preferred regions</th><th scope="col">Email</th><th scope="col">Since</th></tr></thead>
<tbody id="members"></tbody>
</table></div>
<p><button type="button" id="members-more" class="secondary" hidden>More members</button></p>
</section>

<section id="newsletter-panel" class="console-panel" role="tabpanel" aria-labelledby="tab-newsletter" tabindex="0" hidden>
<h2 id="digest-heading" tabindex="-1">Next newsletter: <span id="coming-month">…</span></h2>
<p class="help" id="digest-plan"></p>
<div id="digest-status" class="form-status" role="status" aria-live="polite"></div>
<div class="columns">
<form id="spotlight-form" novalidate class="panel">
<h3>Best Practice Spotlight</h3>
${formStatus('spotlight-status')}
${field({ path: 'title', label: 'Title', maxlength: 200 })}
${field({ path: 'body', label: 'Text', rows: 8, maxlength: 6000, help: 'Plain text. Empty lines separate paragraphs.' })}
<p><button type="submit" class="primary" disabled>Save spotlight</button></p>
</form>
<form id="pins-form" novalidate class="panel">
<h3>Pinned cities</h3>
<p class="help">Up to three approved, seeking cities to feature first. The rest are chosen automatically.</p>
${formStatus('pins-status')}
<fieldset class="field" data-field="cityIds" id="f-cityIds"><legend>Cities to feature</legend>
${pins}
<p class="error" id="f-cityIds-error" hidden></p>
</fieldset>
<p><button type="submit" class="primary" disabled>Save pinned cities</button></p>
</form>
</div>
<h3>Preview</h3>
<p><button type="button" id="preview-button" class="secondary" disabled>Show preview of the newsletter</button></p>
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
