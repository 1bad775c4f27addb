/**
 * `/cities/{id}/manage?token=…` — where a city's contact changes its listing and can say "We
 * found a partner". The link (from our emails) carries a signed token; the page's script reads
 * it from the URL and sends it with each API call, and shows nothing until the API accepts it.
 *
 * The token must not leave through a Referer: the page's very first element sets the document's
 * referrer policy to `no-referrer` (before the stylesheet and icons are requested), and the
 * page loads nothing from elsewhere (the site's content security policy). It is also kept out
 * of search engines.
 */
import { frame } from '../../shared/pages/frame';
import { CITY_FIELDS } from './city-fields';
import { field, formStatus } from './fields';
import { html } from './html';

/** The file of the built site that answers `/cities/{id}/manage` (see web/routes.ts). */
export const MANAGE_PAGE_FILE = 'cities/manage.html';

const NO_REFERRER = '<meta name="referrer" content="no-referrer">';

/**
 * The manage page.
 *
 * @param assets the stylesheet's URL and the page's script bundle
 * @example
 * written.set(MANAGE_PAGE_FILE, managePage({ css: '/assets/site-1a2b.css', script: '/assets/manage-3c4d.js' }));
 */
export function managePage(assets: { css: string; script: string }): string {
  const page = frame({
    title: 'Manage your listing · Cities Seeking Cities',
    description: "Change your city's listing in City Search.",
    stylesheet: assets.css,
    head: html`<meta name="robots" content="noindex, nofollow">
<script type="module" src="${assets.script}"></script>`.value,
    main: body().value,
  });
  // First in the head, so that not even the stylesheet's request carries the token.
  const withPolicy = page.replace(/<head>/, `<head>\n${NO_REFERRER}`);
  if (!withPolicy.startsWith('<!doctype html>') || !withPolicy.includes(`<head>\n${NO_REFERRER}`)) {
    throw new Error('The manage page needs its referrer policy first in <head>: the frame changed shape');
  }
  return withPolicy;
}

function body() {
  return html`<div id="manage-status" role="status" aria-live="polite" class="form-status"><p>Loading your listing…</p></div>
<div id="manage" hidden>
<h1 id="manage-heading" tabindex="-1">Manage your listing</h1>
<p class="lead">This is how <strong id="manage-place"></strong> appears in City Search. What you save here is public at once, and a program coordinator is told what changed.</p>
<p><a id="manage-city-link" href="/cities">See your city’s page</a></p>
<form id="listing-form" novalidate>
${formStatus('listing-status')}
<fieldset class="group"><legend>Your city</legend>
<p class="help">The city’s name and country stay as approved. To correct them, reply to any of our emails.</p>
${CITY_FIELDS.aboutTheCity(8)}
</fieldset>
<fieldset class="group"><legend>Contact person</legend>
<p class="help">The coordinator writes to this person. We never show these details in City Search.</p>
${CITY_FIELDS.contactName()}
${CITY_FIELDS.contactTitle()}
${CITY_FIELDS.contactPhone()}
<div class="field">
<p><strong>Email:</strong> <span id="manage-email"></span></p>
<p class="help">Our emails go to this address. To change it, reply to any of our emails and a coordinator will change it.</p>
</div>
</fieldset>
<p><button type="submit" class="primary">Save changes</button></p>
</form>
<section id="partner" class="panel" aria-labelledby="partner-heading">
<h2 id="partner-heading">Found a U.S. sister city?</h2>
<div id="partner-seeking">
<p>When your city has found its U.S. partner, tell us here. Your city stays in City Search but is no longer shown as seeking a partner, and a program coordinator is told.</p>
<form id="partner-form" novalidate>
${formStatus('partner-status')}
${field({ path: 'partner', label: 'The U.S. community', optional: true, help: 'For example “Springfield, Massachusetts”. You may leave it empty.', autocomplete: 'off', maxlength: 200 })}
<div class="field" data-field="confirm">
<div class="check"><input type="checkbox" id="f-confirm" name="confirm" value="yes"> <label for="f-confirm">Yes, our city has found a U.S. sister city and is no longer seeking one.</label></div>
<p class="error" id="f-confirm-error" hidden></p>
</div>
<p><button type="submit" class="danger">We found a partner</button></p>
</form>
</div>
<div id="partner-done" class="confirmation" hidden tabindex="-1"></div>
</section>
</div>`;
}
