/**
 * `/cities/{id}/manage?token=…`: the contact's listing, prefilled from the API and saved back
 * with the same signed token; and "We found a partner". Nothing is shown until the API has
 * accepted the link, so a forged or damaged link shows a message and no data.
 */
import type { ListingView } from '../../shared/cities/listing';
import { api, failureMessage, type ApiResult, type FieldIssue } from './api';
import { byId, el, replace, say } from './dom';
import { formatDate, formatNumber, parseCount } from './format';
import { checked, clearIssues, onSubmitOnce, showIssues, text } from './forms';

const status = byId('manage-status');
const manage = byId('manage');
const form = byId<HTMLFormElement>('listing-form');
const formStatus = byId('listing-status');
const partnerForm = byId<HTMLFormElement>('partner-form');
const partnerStatus = byId('partner-status');
const partnerDone = byId('partner-done');

// /cities/{id}/manage or /cities/{id}/manage/ (see web/routes.ts).
const id = decodeURIComponent(location.pathname.split('/')[2] ?? '');
const token = new URLSearchParams(location.search).get('token') ?? '';
const listingPath = `/api/cities/${encodeURIComponent(id)}/listing?token=${encodeURIComponent(token)}`;
const partnerPath = `/api/cities/${encodeURIComponent(id)}/partner-found?token=${encodeURIComponent(token)}`;

let cityName = '';

function setValue(name: string, value: string | number | null): void {
  const control = form.elements.namedItem(name);
  if (control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement || control instanceof HTMLSelectElement) {
    control.value = value === null ? '' : String(value);
  }
}

/** Puts the stored listing into the form (after loading, and after each save). */
function fill(view: ListingView): void {
  const { listing } = view;
  setValue('region', listing.region);
  // As a person writes it ("783,000"); parseCount reads it back.
  setValue('population', formatNumber(listing.population));
  setValue('description', listing.description);
  for (const box of form.querySelectorAll<HTMLInputElement>('input[type=checkbox][name="interests"]')) box.checked = listing.interests.includes(box.value as never);
  setValue('website', listing.website);
  setValue('contact.name', listing.contact.name);
  setValue('contact.title', listing.contact.title);
  setValue('contact.phone', listing.contact.phone);
}

function show(view: ListingView): void {
  cityName = view.city.name;
  const place = `${view.city.name}, ${view.city.countryName}`;
  document.title = `Manage ${place} · Cities Seeking Cities`;
  byId('manage-heading').textContent = `Manage the listing of ${view.city.name}`;
  byId('manage-place').textContent = place;
  byId<HTMLAnchorElement>('manage-city-link').href = `/cities/${encodeURIComponent(view.city.id)}`;
  byId('manage-email').textContent = view.contactEmail;
  fill(view);
  if (!view.city.seeking) showNotSeeking(view, false);
  status.replaceChildren();
  manage.hidden = false;
}

/** The partner section once the city no longer seeks: what we know, and no button. */
function showNotSeeking(view: ListingView, justNow: boolean): void {
  const found = view.city.partnerFound;
  byId('partner-seeking').hidden = true;
  replace(
    partnerDone,
    el('h3', {}, justNow ? 'Thank you, and congratulations!' : `${view.city.name} is not shown as seeking a partner`),
    el(
      'p',
      {},
      justNow
        ? `${view.city.name} is no longer shown as seeking a U.S. sister city. It stays in City Search, and a program coordinator has been told.`
        : found
          ? `You told us on ${formatDate(found.at)} that ${view.city.name} has found a U.S. sister city. It stays in City Search.`
          : `${view.city.name} stays in City Search, but is not shown as seeking a U.S. sister city.`,
    ),
    found?.partner ? el('p', {}, 'Your U.S. partner: ', el('strong', {}, found.partner)) : null,
    el('p', { class: 'note' }, 'If your city is seeking a partner again, reply to any of our emails and a coordinator will update the listing.'),
  );
  partnerDone.hidden = false;
  if (justNow) partnerDone.focus();
}

/** A link the API refused: a message, and none of the listing. */
function invalidLink(): void {
  manage.hidden = true;
  document.title = 'This link does not work · Cities Seeking Cities';
  replace(
    status,
    el('h1', {}, 'This link does not work'),
    el('p', {}, 'The link to manage your listing is incomplete or has been changed. Please open it again from our most recent email, or reply to that email and a coordinator will help.'),
    el('p', { class: 'note' }, 'Nothing was shown or changed.'),
  );
  status.focus();
}

function notListed(): void {
  manage.hidden = true;
  document.title = 'Listing not found · Cities Seeking Cities';
  replace(
    status,
    el('h1', {}, 'This listing is not in City Search'),
    el('p', {}, 'We could not find a listing for this link. If you think this is a mistake, please reply to our email.'),
  );
  status.focus();
}

/** True when the API refused the link itself (a 400 at `token`). */
const refusedLink = (result: ApiResult<unknown>): boolean =>
  !result.ok && result.status === 400 && (result.error.issues ?? []).some((issue: FieldIssue) => issue.path === 'token');

async function load(): Promise<void> {
  if (!/^[0-9A-Za-z_-]{1,64}$/.test(id) || !token) return invalidLink();
  const result = await api<ListingView>(listingPath);
  if (result.ok) return show(result.data);
  if (refusedLink(result)) return invalidLink();
  if (result.status === 404) return notListed();
  say(status, failureMessage(result), 'error');
}

const orNull = (value: string): string | null => (value === '' ? null : value);

onSubmitOnce(form, async () => {
  clearIssues(form, formStatus);
  // A person writes "783,000"; the API wants 783000. Left empty, it would mean "unchanged".
  const population = parseCount(text(form, 'population'));
  if (population === null || population === undefined) {
    showIssues(form, [{ path: 'population', message: population === null ? 'must be a whole number, for example 783,000 or 783000' : 'is required' }], formStatus);
    return;
  }
  // Every field, as shown: an emptied optional field clears it (null).
  const body = {
    region: orNull(text(form, 'region')),
    population,
    description: text(form, 'description'),
    interests: checked(form, 'interests'),
    website: orNull(text(form, 'website')),
    contact: { name: text(form, 'contact.name'), title: orNull(text(form, 'contact.title')), phone: orNull(text(form, 'contact.phone')) },
  };
  say(formStatus, 'Saving…');
  const result = await api<ListingView & { changed: string[] }>(listingPath, { method: 'PUT', body });
  if (result.ok) {
    fill(result.data);
    say(
      formStatus,
      result.data.changed.length ? 'Saved. Your changes are public in City Search now.' : 'Saved. Nothing had changed, so the listing stays as it was.',
      'success',
    );
    formStatus.focus();
    return;
  }
  if (refusedLink(result)) return invalidLink();
  if (result.status === 400 && result.error.issues?.length) return showIssues(form, result.error.issues, formStatus);
  say(formStatus, result.status === 404 ? 'This listing is no longer in City Search, so nothing was saved.' : failureMessage(result), 'error');
  formStatus.focus();
});

onSubmitOnce(partnerForm, async () => {
  clearIssues(partnerForm, partnerStatus);
  // Pressing the button alone does nothing: the box must be ticked first.
  if (!byId<HTMLInputElement>('f-confirm').checked) {
    showIssues(partnerForm, [{ path: 'confirm', message: `Please tick the box to confirm that ${cityName || 'your city'} has found a partner` }], partnerStatus);
    return;
  }
  const partner = text(partnerForm, 'partner');
  const result = await api<ListingView & { outcome: string }>(partnerPath, { body: partner ? { partner } : {} });
  if (result.ok) return showNotSeeking(result.data, result.data.outcome === 'recorded');
  if (refusedLink(result)) return invalidLink();
  if (result.status === 400 && result.error.issues?.length) return showIssues(partnerForm, result.error.issues, partnerStatus);
  say(partnerStatus, result.status === 404 ? 'This listing is no longer in City Search, so nothing was changed.' : failureMessage(result), 'error');
  partnerStatus.focus();
});

void load();
