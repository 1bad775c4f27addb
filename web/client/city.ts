/** `/cities/{id}`: a city's profile and the inquiry form. The id comes from the URL path. */
import { api, failureMessage } from './api';
import { byId, el, replace, say } from './dom';
import { formatDate, formatNumber } from './format';
import { clearIssues, onSubmitOnce, optional, showIssues, text, showSent } from './forms';
import { interestTags, seekingBadge, type PublicCity } from './city-card';

const status = byId('city-status');
const article = byId('city');
const inquiry = byId('inquiry');
const form = byId<HTMLFormElement>('inquiry-form');
const formStatus = byId('inquiry-status');
const done = byId('inquiry-done');

// /cities/{id} or /cities/{id}/ (see web/routes.ts).
const id = decodeURIComponent(location.pathname.replace(/\/+$/, '').split('/').pop() ?? '');

function safeWebsite(url: string | null): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

function show(city: PublicCity): void {
  document.title = `${city.name}, ${city.countryName} · Cities Seeking Cities`;
  byId('city-name').textContent = city.name;
  byId('city-place').textContent = [city.region, city.countryName].filter(Boolean).join(', ');
  replace(byId('city-badge'), city.seeking ? seekingBadge() : el('span', { class: 'badge muted' }, 'Has found a partner'));
  byId('city-population').textContent = formatNumber(city.population);
  byId('city-interests').replaceWith(interestTags(city.interests));
  const website = safeWebsite(city.website);
  if (website) {
    const link = byId<HTMLAnchorElement>('city-website');
    link.href = website;
    link.rel = 'noopener noreferrer nofollow';
    link.textContent = new URL(website).host;
    byId('city-website-row').hidden = false;
  }
  byId('city-registered').textContent = formatDate(city.registeredAt);
  byId('city-description').textContent = city.description;
  byId('inquiry-heading').textContent = `Interested in ${city.name}?`;
  status.replaceChildren();
  article.hidden = false;
  inquiry.hidden = false;
}

async function load(): Promise<void> {
  if (!/^[0-9A-Za-z_-]{1,64}$/.test(id)) return notFound();
  const result = await api<PublicCity>(`/api/cities/${encodeURIComponent(id)}`);
  if (result.ok) return show(result.data);
  if (result.status === 404 || result.status === 400) return notFound();
  say(status, failureMessage(result), 'error');
}

function notFound(): void {
  document.title = 'City not found · Cities Seeking Cities';
  replace(
    status,
    el('h1', {}, 'City not found'),
    el('p', {}, 'We could not find this city. It may still be waiting for review, or the link may be incomplete.'),
    el('p', {}, 'Look for it in ', el('a', { href: '/cities' }, 'City Search'), '.'),
  );
}

onSubmitOnce(form, async () => {
  clearIssues(form, formStatus);
  const email = text(form, 'email');
  const body = {
    name: text(form, 'name'),
    email,
    organization: text(form, 'organization'),
    state: optional(text(form, 'state')),
    message: text(form, 'message'),
  };
  const result = await api<{ id: string }>(`/api/cities/${encodeURIComponent(id)}/inquiries`, { body });
  if (result.ok) {
    showSent(
      form,
      done,
      el('h3', {}, 'Thank you. Your inquiry was sent.'),
      el('p', {}, `The program coordinators received your message about ${byId('city-name').textContent ?? 'this city'}. They will reply to ${email}.`),
      el('p', {}, el('a', { href: '/cities' }, 'Back to City Search')),
    );
    return;
  }
  if (result.status === 400 && result.error.issues?.length) return showIssues(form, result.error.issues, formStatus);
  say(formStatus, result.status === 404 ? 'This city is no longer listed, so the inquiry could not be sent.' : failureMessage(result), 'error');
  formStatus.focus();
});

void load();
