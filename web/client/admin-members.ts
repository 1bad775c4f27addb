/** The console's members: U.S. communities with a profile, active or pending, 50 at a time. */
import type { AdminMemberView } from '../../shared/members/view';
import { failureMessage } from './api';
import { adminApi } from './auth';
import { append, byId, el, say } from './dom';
import { formatDate, formatNumber, interestLabel } from './format';

const form = byId<HTMLFormElement>('members-form');
const choice = byId<HTMLSelectElement>('members-choice');
const status = byId('members-status');
const body = byId('members');
const more = byId<HTMLButtonElement>('members-more');

const REGIONS: Record<string, string> = {
  africa: 'Africa',
  americas: 'Americas',
  asia: 'Asia',
  europe: 'Europe',
  'middle-east': 'Middle East',
  oceania: 'Oceania',
};

let nextCursor: string | null = null;
// Answers to an older request are dropped if a newer one started meanwhile.
let generation = 0;

function memberRow(member: AdminMemberView): HTMLTableRowElement {
  return el(
    'tr',
    {},
    el('th', { scope: 'row', tabindex: '-1' }, member.name),
    el('td', {}, member.state),
    el('td', { class: 'number' }, formatNumber(member.population)),
    el('td', {}, member.interests.map(interestLabel).join(', ')),
    el('td', {}, member.regions.length ? member.regions.map((region) => REGIONS[region] ?? region).join(', ') : 'Any'),
    el('td', {}, el('a', { href: `mailto:${member.email}` }, member.email)),
    el('td', {}, formatDate(member.confirmedAt ?? member.createdAt)),
  );
}

/** Lists the chosen members from the start (`append`: the next page of the same list). */
export async function loadMembers(append_ = false): Promise<void> {
  const current = ++generation;
  const which = choice.value === 'pending' ? 'pending' : 'active';
  const query = new URLSearchParams({ status: which });
  if (append_ && nextCursor) query.set('cursor', nextCursor);
  more.disabled = true;
  if (!append_) say(status, 'Loading members…');
  const result = await adminApi<{ items: AdminMemberView[]; nextCursor: string | null }>(`/api/admin/members?${query}`);
  if (current !== generation) return;
  more.disabled = false;
  if (!result.ok) {
    say(status, failureMessage(result), 'error');
    return;
  }
  if (!append_) body.replaceChildren();
  append(body, ...result.data.items.map(memberRow));
  nextCursor = result.data.nextCursor;
  more.hidden = !nextCursor;
  const count = body.children.length;
  byId('members-table').hidden = count === 0;
  const kind = which === 'active' ? 'active' : 'pending';
  say(status, count ? `${count === 1 ? `1 ${kind} member` : `${count} ${kind} members`} shown${nextCursor ? '; more are available' : ''}.` : `No ${kind} members.`);
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void loadMembers();
});

more.addEventListener('click', () => {
  const before = body.children.length;
  void loadMembers(true).then(() => body.children[before]?.querySelector<HTMLElement>('th')?.focus());
});
