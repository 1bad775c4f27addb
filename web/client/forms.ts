/**
 * Forms: reading values, showing the API's field issues next to their fields, and sending once.
 *
 * Fields are found by the API's dotted path in `data-field` (see web/pages/fields.ts). An issue
 * for `interests.0` or `contact` goes to the closest field that exists (`interests`, then the
 * form), so no issue is ever lost.
 */
import type { FieldIssue } from './api';
import { el, replace } from './dom';

function fieldFor(form: HTMLFormElement, path: string): HTMLElement | undefined {
  const segments = path.split('.');
  while (segments.length) {
    const found = form.querySelector<HTMLElement>(`[data-field="${CSS.escape(segments.join('.'))}"]`);
    if (found) return found;
    segments.pop();
  }
  return undefined;
}

function controlsOf(field: HTMLElement): Array<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement> {
  return [...field.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea')];
}

function labelText(field: HTMLElement): string {
  const label = field.querySelector('legend, label');
  // Without the "(optional)" note.
  return (label?.firstChild?.textContent ?? '').trim();
}

/** "minPopulation" → "min population", "contact.email" → "contact email": for an issue no field shows. */
function words(path: string): string {
  return path.replace(/\.\d+\b/g, '').replace(/[._-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().trim();
}

const STARTS_WITH_VERB = /^(must|is|are|should|cannot|can't|contains|has|needs|may)\b/;

/**
 * The API says "must not be empty"; a person reads "City or community name must not be empty."
 * An API name in the message becomes the label a person sees: the field's own at the start
 * ("minPopulation must be a whole number", as query-string rules word it → "Population from
 * must be a whole number."), any other in quotes ("must not be less than minPopulation" →
 * "… less than “Population from”."). Messages that are already sentences ("choose at least one
 * interest") are capitalised instead. `path`: the issue's own path, for an issue no field shows.
 */
export function sentence(field: HTMLElement | undefined, message: string, form?: HTMLFormElement, path?: string): string {
  // Nothing chosen in a list: the API's rule ("must be an ISO 3166-1 alpha-2 code…") is not
  // what the person needs to hear.
  const select = field?.querySelector('select');
  if (field && select && select.value === '') return `Please choose: ${labelText(field)}.`;
  let text = message.trim().replace(/\.$/, '');
  const own = field?.dataset.field ?? path ?? '';
  // The subject named by its API name: the label instead (or, with no field, the name in words).
  if (own && text.startsWith(`${own} `)) text = `${field ? labelText(field) : words(own)}${text.slice(own.length)}`;
  // "must not be less than minPopulation": name the other field as the person sees it.
  for (const other of form?.querySelectorAll<HTMLElement>('[data-field]') ?? []) {
    const name = other.dataset.field ?? '';
    // Only API-style names (camelCase or dotted), never plain words such as "name".
    if (/[A-Z.]/.test(name) && other !== field) text = text.replace(new RegExp(`\\b${name.replace(/\./g, '\\.')}\\b`, 'g'), `“${labelText(other)}”`);
  }
  if (STARTS_WITH_VERB.test(text)) {
    if (field) return `${labelText(field)} ${text}.`;
    if (own) text = `${words(own)} ${text}`;
  }
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** “Country”, “Population” and “Email”. */
function quotedList(labels: string[]): string {
  const quoted = labels.map((label) => `“${label}”`);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}` : (quoted[0] ?? '');
}

function setDescribedBy(element: Element, id: string, on: boolean): void {
  const ids = new Set((element.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean));
  if (on) ids.add(id);
  else ids.delete(id);
  if (ids.size) element.setAttribute('aria-describedby', [...ids].join(' '));
  else element.removeAttribute('aria-describedby');
}

/** Removes every field error and the form-level message. */
export function clearIssues(form: HTMLFormElement, status?: HTMLElement): void {
  for (const error of form.querySelectorAll<HTMLElement>('.error')) {
    error.hidden = true;
    error.textContent = '';
    const field = error.closest<HTMLElement>('[data-field]');
    if (!field) continue;
    field.classList.remove('invalid');
    for (const control of [field, ...controlsOf(field)]) {
      control.removeAttribute('aria-invalid');
      setDescribedBy(control, error.id, false);
    }
  }
  if (status) status.replaceChildren();
}

/**
 * Puts each issue next to its field (aria-invalid, aria-describedby), lists issues that match
 * no field in `status`, and moves focus to the first field in page order that needs attention.
 */
export function showIssues(form: HTMLFormElement, issues: FieldIssue[], status: HTMLElement): void {
  clearIssues(form, status);
  const unplaced: string[] = [];
  const invalid: HTMLElement[] = [];
  for (const issue of issues) {
    const field = fieldFor(form, issue.path);
    const error = field?.querySelector<HTMLElement>(':scope > .error');
    if (!field || !error) {
      unplaced.push(sentence(undefined, issue.message, form, issue.path));
      continue;
    }
    const message = sentence(field, issue.message, form);
    // Two issues on one field (e.g. two interests) are one message, not a repeated one.
    if (!error.textContent?.includes(message)) error.textContent = `${error.textContent ?? ''} ${message}`.trim();
    error.hidden = false;
    field.classList.add('invalid');
    const controls = controlsOf(field);
    for (const control of controls) control.setAttribute('aria-invalid', 'true');
    // A group (checkboxes) is described once, on its fieldset; a single field on its control.
    for (const described of field.tagName === 'FIELDSET' ? [field] : controls) setDescribedBy(described, error.id, true);
    if (!invalid.includes(field)) invalid.push(field);
  }
  // In page order, each named by its label, so the one banner already says where to look.
  invalid.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  const count = invalid.length;
  const labels = quotedList(invalid.map(labelText));
  replace(
    status,
    el(
      'div',
      { class: 'message error' },
      el('p', {}, count ? `Please check ${count === 1 ? 'the field' : `the ${count} fields`} marked below: ${labels}.` : 'Please check the form.'),
      unplaced.length ? el('ul', {}, ...unplaced.map((text) => el('li', {}, text))) : null,
    ),
  );
  const first = invalid[0];
  const focusTarget = first ? controlsOf(first)[0] : undefined;
  if (focusTarget) focusTarget.focus();
  else status.focus();
}

/** The trimmed text of a named control ('' when absent). */
export function text(form: HTMLFormElement, name: string): string {
  const control = form.elements.namedItem(name);
  if (control instanceof HTMLInputElement || control instanceof HTMLSelectElement || control instanceof HTMLTextAreaElement) {
    return control.value.trim();
  }
  return '';
}

/** The values of the checked boxes named `name`. */
export function checked(form: HTMLFormElement, name: string): string[] {
  return [...form.querySelectorAll<HTMLInputElement>(`input[type=checkbox][name="${CSS.escape(name)}"]`)]
    .filter((box) => box.checked)
    .map((box) => box.value);
}

/** `undefined` for an empty optional field, so the API sees "absent" rather than "". */
export const optional = (value: string): string | undefined => (value === '' ? undefined : value);

/**
 * Runs `send` unless a send is already running, with the form's submit button disabled and
 * `aria-busy` set meanwhile: a double click or a second Enter sends nothing twice.
 */
export function onSubmitOnce(form: HTMLFormElement, send: () => Promise<void>): void {
  let sending = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (sending) return;
    sending = true;
    const buttons = [...form.querySelectorAll<HTMLButtonElement>('button[type=submit]')];
    for (const button of buttons) button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    send().finally(() => {
      sending = false;
      for (const button of buttons) button.disabled = false;
      form.removeAttribute('aria-busy');
    });
  });
}

/**
 * A form that was sent: it steps aside for `done`, which shows what happens next and takes
 * the focus, so a screen reader announces the outcome.
 *
 * @example
 * showSent(form, done, el('h2', {}, 'Check your inbox'));
 */
export function showSent(form: HTMLFormElement, done: HTMLElement, ...children: Parameters<typeof replace>[1][]): void {
  form.hidden = true;
  replace(done, ...children);
  done.hidden = false;
  done.focus();
}
