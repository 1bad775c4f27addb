/**
 * The console's review queue (approve / reject), approved cities (seeking toggle) and rejected
 * cities (with the reason their contact person was sent).
 */
import { failureMessage } from './api';
import { adminApi } from './auth';
import { append, byId, el, replace, say } from './dom';
import { formatDateTime, formatNumber, interestLabel } from './format';
import { clearIssues, onSubmitOnce, showIssues, text } from './forms';
import type { AdminCity } from './admin-types';
import { setCount } from './admin-tabs';

const pending = byId('pending');
const pendingStatus = byId('pending-status');
const approvedBody = byId('approved');
const approvedStatus = byId('approved-status');
const rejectedList = byId('rejected');
const rejectedStatus = byId('rejected-status');
const dialog = byId<HTMLDialogElement>('reject-dialog');
const rejectForm = byId<HTMLFormElement>('reject-form');
const rejectStatus = byId('reject-status');

/** Told when the set of approved cities changes (pins and inquiries offer them). */
let onApprovedChanged: (cities: AdminCity[]) => void = () => undefined;
let onShowInquiries: (cityId: string) => void = () => undefined;
let rejecting: { city: AdminCity; item: HTMLElement } | undefined;
let approvedCities: AdminCity[] = [];

function fact(term: string, value: Node | string | undefined): HTMLElement | null {
  if (value === undefined || value === '') return null;
  return el('div', {}, el('dt', {}, term), el('dd', {}, value));
}

function safeLink(url: string | undefined): Node | string | undefined {
  if (!url || !/^https?:\/\//i.test(url)) return url;
  return el('a', { href: url, rel: 'noopener noreferrer nofollow', target: '_blank' }, url);
}

function pendingItem(city: AdminCity): HTMLLIElement {
  const headingId = `pending-${city.id}`;
  const approve = el('button', { type: 'button', class: 'primary' }, 'Approve');
  const reject = el('button', { type: 'button', class: 'danger' }, 'Reject…');
  const item = el(
    'li',
    { class: 'panel' },
    el('article', { 'aria-labelledby': headingId },
      el('h3', { id: headingId, tabindex: '-1' }, `${city.name}, ${city.countryName}`),
      el('dl', { class: 'facts' },
        fact('Region', city.region),
        fact('Population', formatNumber(city.population)),
        fact('Interests', city.interests.map(interestLabel).join(', ')),
        fact('Website', safeLink(city.website)),
        fact('Registered', formatDateTime(city.registeredAt)),
        fact('Contact', [city.contact.name, city.contact.title].filter(Boolean).join(', ')),
        fact('Email', el('a', { href: `mailto:${city.contact.email}` }, city.contact.email)),
        fact('Phone', city.contact.phone),
      ),
      el('p', { class: 'prose' }, city.description),
      el('p', { class: 'actions' }, approve, ' ', reject),
    ),
  );
  approve.setAttribute('aria-describedby', headingId);
  reject.setAttribute('aria-describedby', headingId);
  approve.addEventListener('click', async () => {
    approve.disabled = reject.disabled = true;
    const result = await adminApi(`/api/admin/cities/${encodeURIComponent(city.id)}/approve`, { method: 'POST' });
    if (result.ok) {
      removeReviewed(item, `Approved ${city.name}. It is now in City Search, and its contact person has been told.`);
      void loadApproved();
    } else {
      approve.disabled = reject.disabled = false;
      say(pendingStatus, `${city.name} was not approved: ${failureMessage(result)}`, 'error');
    }
  });
  reject.addEventListener('click', () => {
    rejecting = { city, item };
    byId('reject-city').textContent = city.name;
    rejectForm.reset();
    clearIssues(rejectForm, rejectStatus);
    dialog.showModal();
  });
  return item;
}

/** Removes a reviewed city and puts focus somewhere sensible: the next city, or the section. */
function removeReviewed(item: HTMLElement, message: string): void {
  const next = (item.nextElementSibling ?? item.previousElementSibling)?.querySelector<HTMLElement>('h3');
  item.remove();
  setCount('review', pending.children.length);
  say(pendingStatus, message, 'success');
  if (!pending.children.length) append(pendingStatus, el('p', {}, 'No more registrations are waiting.'));
  (next ?? byId('pending-heading')).focus();
}

onSubmitOnce(rejectForm, async () => {
  if (!rejecting) return;
  const { city, item } = rejecting;
  clearIssues(rejectForm, rejectStatus);
  const result = await adminApi(`/api/admin/cities/${encodeURIComponent(city.id)}/reject`, { method: 'POST', body: { reason: text(rejectForm, 'reason') } });
  if (result.ok) {
    dialog.close();
    rejecting = undefined;
    removeReviewed(item, `Rejected ${city.name}. Its contact person has been told why.`);
    void loadRejected();
  } else if (result.status === 400 && result.error.issues?.length) {
    showIssues(rejectForm, result.error.issues, rejectStatus);
  } else {
    say(rejectStatus, failureMessage(result), 'error');
  }
});
byId('reject-cancel').addEventListener('click', () => dialog.close());

export async function loadPending(): Promise<boolean> {
  say(pendingStatus, 'Loading registrations…');
  const result = await adminApi<{ items: AdminCity[] }>('/api/admin/cities?status=pending');
  if (!result.ok) {
    say(pendingStatus, failureMessage(result), 'error');
    return false;
  }
  replace(pending, ...result.data.items.map(pendingItem));
  setCount('review', result.data.items.length);
  if (result.data.items.length) say(pendingStatus, `${result.data.items.length} waiting for review, newest first.`);
  else say(pendingStatus, 'No registrations are waiting for review.');
  return true;
}

function approvedRow(city: AdminCity): HTMLTableRowElement {
  const boxId = `seeking-${city.id}`;
  const box = el('input', { type: 'checkbox', id: boxId, checked: city.seeking });
  box.addEventListener('change', async () => {
    const wanted = box.checked;
    box.disabled = true;
    const result = await adminApi<AdminCity>(`/api/admin/cities/${encodeURIComponent(city.id)}`, { method: 'PATCH', body: { seeking: wanted } });
    box.disabled = false;
    if (result.ok) {
      city.seeking = result.data.seeking;
      // The pins offer only seeking cities.
      onApprovedChanged(approvedCities);
      say(approvedStatus, `${city.name} is ${city.seeking ? 'now seeking a sister city' : 'no longer marked as seeking'}.`, 'success');
    } else {
      box.checked = !wanted;
      say(approvedStatus, `${city.name} was not changed: ${failureMessage(result)}`, 'error');
    }
  });
  const show = el('button', { type: 'button', class: 'secondary small' }, 'Show', el('span', { class: 'visually-hidden' }, ` inquiries about ${city.name}`));
  show.addEventListener('click', () => onShowInquiries(city.id));
  return el(
    'tr',
    {},
    el('th', { scope: 'row' }, el('a', { href: `/cities/${encodeURIComponent(city.id)}` }, city.name)),
    el('td', {}, city.countryName),
    el('td', {}, el('span', { class: 'check' }, box, ' ', el('label', { for: boxId }, 'Seeking', el('span', { class: 'visually-hidden' }, `: ${city.name}`)))),
    el('td', {}, show),
  );
}

export async function loadApproved(): Promise<void> {
  const result = await adminApi<{ items: AdminCity[] }>('/api/admin/cities?status=approved');
  if (!result.ok) {
    say(approvedStatus, failureMessage(result), 'error');
    return;
  }
  const cities = [...result.data.items].sort((a, b) => a.name.localeCompare(b.name));
  approvedCities = cities;
  replace(approvedBody, ...cities.map(approvedRow));
  setCount('approved', cities.length);
  if (!cities.length) say(approvedStatus, 'No city has been approved yet.');
  else if (approvedStatus.textContent?.startsWith('No city')) approvedStatus.replaceChildren();
  onApprovedChanged(cities);
}

function rejectedItem(city: AdminCity): HTMLLIElement {
  const headingId = `rejected-${city.id}`;
  return el(
    'li',
    { class: 'panel' },
    el('article', { 'aria-labelledby': headingId },
      el('h3', { id: headingId }, `${city.name}, ${city.countryName}`),
      el('dl', { class: 'facts' },
        fact('Rejected', city.reviewedAt ? formatDateTime(city.reviewedAt) : undefined),
        fact('Registered', formatDateTime(city.registeredAt)),
        fact('Contact', [city.contact.name, city.contact.title].filter(Boolean).join(', ')),
        fact('Email', el('a', { href: `mailto:${city.contact.email}` }, city.contact.email)),
      ),
      el('h4', {}, 'Reason'),
      el('p', { class: 'prose reason' }, city.rejectionReason ?? 'No reason was recorded.'),
    ),
  );
}

export async function loadRejected(): Promise<void> {
  const result = await adminApi<{ items: AdminCity[] }>('/api/admin/cities?status=rejected');
  if (!result.ok) {
    say(rejectedStatus, failureMessage(result), 'error');
    return;
  }
  // Most recently rejected first.
  const when = (city: AdminCity) => city.reviewedAt ?? city.registeredAt;
  const cities = [...result.data.items].sort((a, b) => when(b).localeCompare(when(a)));
  replace(rejectedList, ...cities.map(rejectedItem));
  setCount('rejected', cities.length);
  if (cities.length) rejectedStatus.replaceChildren();
  else say(rejectedStatus, 'No registration has been rejected.');
}

export function onApproved(listener: (cities: AdminCity[]) => void, showInquiries: (cityId: string) => void): void {
  onApprovedChanged = listener;
  onShowInquiries = showInquiries;
}
