/**
 * The console's plan for the next newsletter: Best Practice Spotlight, pinned cities, and a
 * preview, for the first month not yet assembled (admin-month.ts: read from the newsletter
 * archive, not from the calendar alone); and the inquiries section.
 */
import { api, failureMessage } from './api';
import { adminApi } from './auth';
import { byId, el, replace, say } from './dom';
import { formatDateTime, monthName } from './format';
import { clearIssues, onSubmitOnce, showIssues, text } from './forms';
import { plannedMonth } from './admin-month';
import type { AdminCity, Inquiry } from './admin-types';

/** The month planned; unknown until the archive has been read. */
let month: string | undefined;

const spotlightForm = byId<HTMLFormElement>('spotlight-form');
const spotlightStatus = byId('spotlight-status');
const pinsForm = byId<HTMLFormElement>('pins-form');
const pinsStatus = byId('pins-status');
const pins = [1, 2, 3].map((n) => byId<HTMLSelectElement>(`pin-${n}`));
const inquiriesForm = byId<HTMLFormElement>('inquiries-form');
const inquiriesCity = byId<HTMLSelectElement>('inquiries-city');
const inquiriesStatus = byId('inquiries-status');
const inquiries = byId('inquiries');

const previewButton = byId<HTMLButtonElement>('preview-button');
const previewStatus = byId('preview-status');
const preview = byId<HTMLIFrameElement>('preview');
const planButtons = [...spotlightForm.querySelectorAll('button'), ...pinsForm.querySelectorAll('button'), previewButton];

/** "2031-02" → "February 1, 2031". */
function firstDay(value: string): string {
  const [year, index] = value.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(year, index - 1, 1)));
}

/**
 * Reads the archive and plans the first month not yet assembled. Until then (or when the
 * archive cannot be read) nothing can be saved: a plan for the wrong month would be lost.
 */
export async function loadPlan(): Promise<void> {
  const result = await api<{ items: Array<{ month: string }> }>('/api/digests');
  if (!result.ok) {
    month = undefined;
    for (const button of planButtons) button.disabled = true;
    byId('coming-month').textContent = '…';
    byId('digest-plan').textContent = '';
    say(byId('digest-status'), `The newsletter archive could not be read, so the month to plan is not known. ${failureMessage(result)}`, 'error');
    return;
  }
  const assembled = result.data.items.map((item) => item.month).sort();
  const planned = plannedMonth(assembled, new Date());
  if (planned !== month) {
    preview.hidden = true;
    preview.removeAttribute('srcdoc');
    previewStatus.replaceChildren();
  }
  month = planned;
  byId('digest-status').replaceChildren();
  byId('coming-month').textContent = monthName(month);
  const newest = assembled[assembled.length - 1];
  byId('digest-plan').textContent = `The first month not assembled yet: it is assembled and sent at 09:00 New York time on ${firstDay(month)}, with the cities pinned and the spotlight saved here. ${
    newest ? `The newest newsletter assembled is ${monthName(newest)}.` : 'No newsletter has been assembled yet.'
  }`;
  for (const button of planButtons) button.disabled = false;
}

onSubmitOnce(spotlightForm, async () => {
  const planned = month;
  if (!planned) return;
  clearIssues(spotlightForm, spotlightStatus);
  const body = { title: text(spotlightForm, 'title'), body: text(spotlightForm, 'body') };
  const result = await adminApi(`/api/admin/digests/${planned}/spotlight`, { method: 'PUT', body });
  if (result.ok) say(spotlightStatus, `Saved. The ${monthName(planned)} newsletter will show this spotlight.`, 'success');
  else if (result.status === 400 && result.error.issues?.length) showIssues(spotlightForm, result.error.issues, spotlightStatus);
  else say(spotlightStatus, failureMessage(result), 'error');
});

onSubmitOnce(pinsForm, async () => {
  const planned = month;
  if (!planned) return;
  clearIssues(pinsForm, pinsStatus);
  const cityIds = pins.map((select) => select.value).filter(Boolean);
  const result = await adminApi(`/api/admin/digests/${planned}/pins`, { method: 'PUT', body: { cityIds } });
  if (result.ok) {
    const names = pins.filter((select) => select.value).map((select) => select.selectedOptions[0]?.textContent ?? '');
    say(pinsStatus, names.length ? `Saved. ${names.join(', ')} will come first in ${monthName(planned)}.` : 'Saved. No city is pinned.', 'success');
  } else if (result.status === 400 && result.error.issues?.length) {
    showIssues(pinsForm, result.error.issues, pinsStatus);
  } else {
    say(pinsStatus, failureMessage(result), 'error');
  }
});

previewButton.addEventListener('click', async () => {
  const planned = month;
  if (!planned) return;
  previewButton.disabled = true;
  say(previewStatus, 'Preparing the preview…');
  const result = await adminApi<string>(`/api/admin/digests/${planned}/preview`, { as: 'text' });
  previewButton.disabled = false;
  if (!result.ok) {
    say(previewStatus, failureMessage(result), 'error');
    return;
  }
  // sandbox="" (set in the page): the preview's HTML runs no scripts, cannot navigate this
  // page and gets an opaque origin, whatever it contains.
  preview.srcdoc = result.data;
  preview.hidden = false;
  say(previewStatus, `Preview of the ${monthName(planned)} newsletter, as subscribers would receive it. Nothing was sent.`);
});

/** Offers the approved cities in the pin and inquiry selects, keeping current choices. */
export function offerCities(cities: AdminCity[]): void {
  const seeking = cities.filter((city) => city.seeking);
  for (const select of pins) {
    const chosen = select.value;
    replace(select, el('option', { value: '' }, '(none)'), ...seeking.map((city) => el('option', { value: city.id }, `${city.name}, ${city.countryName}`)));
    select.value = seeking.some((city) => city.id === chosen) ? chosen : '';
  }
  const chosen = inquiriesCity.value;
  replace(inquiriesCity, el('option', { value: '' }, 'All cities'), ...cities.map((city) => el('option', { value: city.id }, `${city.name}, ${city.countryName}`)));
  inquiriesCity.value = cities.some((city) => city.id === chosen) ? chosen : '';
}

function inquiryItem(inquiry: Inquiry): HTMLLIElement {
  return el(
    'li',
    { class: 'panel' },
    el('h3', {}, `${inquiry.organization} → ${inquiry.cityName}`),
    el('p', { class: 'place' }, [inquiry.name, inquiry.state].filter(Boolean).join(', '), ' · ', el('a', { href: `mailto:${inquiry.email}` }, inquiry.email), ` · ${formatDateTime(inquiry.submittedAt)}`),
    el('p', { class: 'prose' }, inquiry.message),
  );
}

export async function loadInquiries(cityId = inquiriesCity.value): Promise<void> {
  inquiriesCity.value = cityId;
  say(inquiriesStatus, 'Loading inquiries…');
  const query = cityId ? `?cityId=${encodeURIComponent(cityId)}` : '';
  const result = await adminApi<{ items: Inquiry[] }>(`/api/admin/inquiries${query}`);
  if (!result.ok) {
    say(inquiriesStatus, failureMessage(result), 'error');
    return;
  }
  replace(inquiries, ...result.data.items.map(inquiryItem));
  const where = cityId ? ` about ${inquiriesCity.selectedOptions[0]?.textContent ?? 'this city'}` : '';
  const count = result.data.items.length;
  say(inquiriesStatus, count ? `${count === 1 ? '1 inquiry' : `${count} inquiries`}${where}, newest first.` : `No inquiries${where} yet.`);
}

inquiriesForm.addEventListener('submit', (event) => {
  event.preventDefault();
  void loadInquiries();
});
