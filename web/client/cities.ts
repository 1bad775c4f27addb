/**
 * `/cities` (City Search). The URL is the state: `/cities?seeking=true&country=LA` opens that
 * view, every search pushes its URL, and Back/Forward restore earlier searches. "More cities"
 * appends the next page of the same search (the API's nextCursor), keeping the filters.
 */
import { api, failureMessage, type FieldIssue } from './api';
import { append, byId, say } from './dom';
import { parseCount } from './format';
import { clearIssues, showIssues } from './forms';
import { cityCard, type PublicCity } from './city-card';

const form = byId<HTMLFormElement>('search-form');
const formStatus = byId('search-status');
const status = byId('results-status');
const results = byId('results');
const more = byId<HTMLButtonElement>('more');

const FILTERS = ['q', 'country', 'interest', 'minPopulation', 'maxPopulation', 'seeking'] as const;
const PAGE_SIZE = 20;
/** The API takes counts of at most nine digits. */
const MAX_COUNT = 999_999_999;

let nextCursor: string | null = null;
/** The query of the search shown ("More cities" continues it). */
let shownQuery = new URLSearchParams();
// Answers to an older search are dropped if a newer one started meanwhile.
let generation = 0;

function control(name: string): HTMLInputElement | HTMLSelectElement {
  return form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;
}

/** Form → the query of the search, or the issues of fields a person typed badly. */
function queryFromForm(): { query: URLSearchParams } | { issues: FieldIssue[] } {
  const query = new URLSearchParams();
  const issues: FieldIssue[] = [];
  for (const name of FILTERS) {
    const input = control(name);
    if (input instanceof HTMLInputElement && input.type === 'checkbox') {
      if (input.checked) query.set(name, 'true');
      continue;
    }
    const value = input.value.trim();
    if (!value) continue;
    if (name === 'minPopulation' || name === 'maxPopulation') {
      const count = parseCount(value);
      if (count === null || count === undefined) issues.push({ path: name, message: 'must be a whole number, for example 10,000' });
      else if (count > MAX_COUNT) issues.push({ path: name, message: 'must be at most 999,999,999' });
      else query.set(name, String(count));
    } else {
      query.set(name, value);
    }
  }
  return issues.length ? { issues } : { query };
}

/** URL → form, so a shared link or Back shows what is being searched. */
function formFromUrl(params: URLSearchParams): void {
  for (const name of FILTERS) {
    const input = control(name);
    const value = params.get(name) ?? '';
    if (input instanceof HTMLInputElement && input.type === 'checkbox') input.checked = value === 'true';
    // `country=la` is the same search as `country=LA` (the API upper-cases it).
    else if (input instanceof HTMLSelectElement) input.value = [...input.options].find((o) => o.value.toLowerCase() === value.toLowerCase())?.value ?? '';
    else input.value = value;
  }
}

/** The page's URL for a search. */
const urlFor = (query: URLSearchParams): string => `/cities${query.toString() ? `?${query}` : ''}`;

/** Empties the results: they belong to no search while the filters need correcting. */
function clearResults(): void {
  ++generation;
  results.removeAttribute('aria-busy');
  results.replaceChildren();
  status.replaceChildren();
  more.hidden = true;
  nextCursor = null;
}

async function search(params: URLSearchParams, append_: boolean): Promise<void> {
  const current = ++generation;
  if (!append_) shownQuery = new URLSearchParams(params);
  const query = new URLSearchParams(params);
  query.set('limit', String(PAGE_SIZE));
  if (append_ && nextCursor) query.set('cursor', nextCursor);
  results.setAttribute('aria-busy', 'true');
  more.disabled = true;
  if (!append_) say(status, 'Searching…');
  const result = await api<{ items: PublicCity[]; nextCursor: string | null }>(`/api/cities?${query}`);
  if (current !== generation) return;
  results.removeAttribute('aria-busy');
  more.disabled = false;
  if (!result.ok) {
    // One banner per failure: the API's issues go to the filters (named by their labels, with
    // the form's own banner), anything else to the results.
    if (result.status === 400 && result.error.issues?.length && !append_) {
      clearResults();
      showIssues(form, result.error.issues, formStatus);
      return;
    }
    say(status, failureMessage(result), 'error');
    more.hidden = true;
    return;
  }
  if (!append_) results.replaceChildren();
  append(results, ...result.data.items.map(cityCard));
  nextCursor = result.data.nextCursor;
  more.hidden = !nextCursor;
  const shown = results.children.length;
  if (shown === 0) {
    say(status, params.toString() ? 'No cities match this search. Try fewer filters, or a shorter part of the name.' : 'No cities are listed yet.');
  } else {
    say(status, `${shown === 1 ? '1 city' : `${shown} cities`} shown${nextCursor ? '; more are available' : ''}.`);
  }
}

/**
 * URL → form → search: a link is read exactly as the form would send it, so a population written
 * by hand ("minPopulation=10,000", or the form sent before its script ran) is understood, and a
 * bad one is reported at its field like a typed one, never as the API's parameter name.
 */
function load(): void {
  formFromUrl(new URLSearchParams(location.search));
  clearIssues(form, formStatus);
  nextCursor = null;
  const parsed = queryFromForm();
  if ('issues' in parsed) {
    clearResults();
    showIssues(form, parsed.issues, formStatus);
    return;
  }
  const url = urlFor(parsed.query);
  if (url !== location.pathname + location.search) history.replaceState(null, '', url);
  void search(parsed.query, false);
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  clearIssues(form, formStatus);
  const parsed = queryFromForm();
  if ('issues' in parsed) {
    showIssues(form, parsed.issues, formStatus);
    return;
  }
  const url = urlFor(parsed.query);
  if (url !== location.pathname + location.search) history.pushState(null, '', url);
  nextCursor = null;
  void search(parsed.query, false);
});

byId('search-reset').addEventListener('click', (event) => {
  event.preventDefault();
  if (location.search) history.pushState(null, '', '/cities');
  load();
});

more.addEventListener('click', () => {
  const before = results.children.length;
  void search(shownQuery, true).then(() => {
    // Keyboard users continue at the first new result instead of the top of the list.
    results.children[before]?.querySelector('a')?.focus();
  });
});

window.addEventListener('popstate', load);
load();
