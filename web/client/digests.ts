/** `/digests`: the archive, newest first (the API's order), each month linking to its web version. */
import { api, failureMessage } from './api';
import { append, byId, el, say } from './dom';
import { countryName, monthName } from './format';

interface DigestSummary {
  month: string;
  featured: Array<{ id: string; name: string; country: string }>;
}

const status = byId('digests-status');
const list = byId('digests');

async function load(): Promise<void> {
const result = await api<{ items: DigestSummary[] }>('/api/digests');
if (!result.ok) {
  say(status, failureMessage(result), 'error');
} else if (result.data.items.length === 0) {
  say(status, 'No newsletter has been sent yet. The first one goes out at the start of next month.');
} else {
  status.replaceChildren();
  for (const digest of result.data.items) {
    const featured = digest.featured.map((city, index) =>
      el('span', {}, index ? ', ' : '', el('a', { href: `/cities/${encodeURIComponent(city.id)}` }, city.name), ` (${countryName(city.country)})`),
    );
    append(
      list,
      el(
        'li',
        {},
        el('h2', {}, el('a', { href: `/digests/${digest.month}` }, monthName(digest.month))),
        featured.length ? el('p', {}, 'Featured: ', ...featured) : el('p', {}, 'No cities were featured this month.'),
      ),
    );
  }
}
}

void load();
