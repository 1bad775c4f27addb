/** How a city looks in lists: shared by City Search (and anything else that lists cities). */
import { el } from './dom';
import { formatNumber, interestLabel } from './format';

// The API's own type: the page and the function cannot disagree on a city's shape.
export type { PublicCity } from '../../shared/cities/schema';
import type { PublicCity } from '../../shared/cities/schema';

export const seekingBadge = () => el('span', { class: 'badge' }, 'Seeking a sister city');

export function interestTags(ids: string[]): HTMLUListElement {
  return el('ul', { class: 'tags', 'aria-label': 'Interests' }, ...ids.map((id) => el('li', {}, interestLabel(id))));
}

export function cityCard(city: PublicCity): HTMLLIElement {
  const place = [city.region, city.countryName].filter(Boolean).join(', ');
  return el(
    'li',
    { class: 'card' },
    el('h3', {}, el('a', { href: `/cities/${encodeURIComponent(city.id)}` }, city.name)),
    el('p', { class: 'place' }, place, ' · ', `Population ${formatNumber(city.population)}`),
    city.seeking ? el('p', {}, seekingBadge()) : null,
    interestTags(city.interests),
  );
}
