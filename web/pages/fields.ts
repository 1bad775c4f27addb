/**
 * Build-time form fields. Every control gets a visible label, optional help text tied to it with
 * aria-describedby, and an empty error slot; `data-field` carries the API's dotted path
 * (`contact.email`) so the client can put each API issue next to the field it concerns.
 */
import { html, type SafeHtml } from './html';

export interface FieldOptions {
  /** The API's dotted path, also the control's name. */
  path: string;
  label: string;
  help?: string;
  /** Not required. `'quiet'`: without the "(optional)" note (filters, where everything is). */
  optional?: boolean | 'quiet';
  type?: 'text' | 'email' | 'url' | 'tel' | 'password' | 'search';
  autocomplete?: string;
  inputmode?: 'numeric' | 'email' | 'url' | 'tel' | 'text' | 'search';
  maxlength?: number;
  placeholder?: string;
  /** A textarea of this many rows instead of an input. */
  rows?: number;
  /** A select with these options instead of an input; the first may be an empty "choose" entry. */
  options?: Array<{ value: string; label: string }>;
}

/** The element id of a field's control, from its path (`contact.email` → `f-contact-email`). */
export const fieldId = (path: string) => `f-${path.replace(/[^\w-]/g, '-')}`;

function labelFor(options: FieldOptions, id: string): SafeHtml {
  return html`<label for="${id}">${options.label}${options.optional === true ? html` <span class="optional">(optional)</span>` : ''}</label>`;
}

export function field(options: FieldOptions): SafeHtml {
  const id = fieldId(options.path);
  const helpId = `${id}-help`;
  const described = options.help ? html` aria-describedby="${helpId}"` : '';
  const common = html`id="${id}" name="${options.path}"${described}${options.optional ? '' : html` required`}${
    options.autocomplete ? html` autocomplete="${options.autocomplete}"` : ''
  }${options.maxlength ? html` maxlength="${options.maxlength}"` : ''}`;
  let control: SafeHtml;
  if (options.options) {
    control = html`<select ${common}>${options.options.map((option) => html`<option value="${option.value}">${option.label}</option>`)}</select>`;
  } else if (options.rows) {
    control = html`<textarea ${common} rows="${options.rows}"></textarea>`;
  } else {
    control = html`<input ${common} type="${options.type ?? 'text'}"${options.inputmode ? html` inputmode="${options.inputmode}"` : ''}${
      options.placeholder ? html` placeholder="${options.placeholder}"` : ''
    }>`;
  }
  return html`<div class="field" data-field="${options.path}">
${labelFor(options, id)}
${options.help ? html`<p class="help" id="${helpId}">${options.help}</p>` : ''}
${control}
<p class="error" id="${id}-error" hidden></p>
</div>`;
}

/** A group of labelled checkboxes sharing one name (sent as a list). */
export function checkboxGroup(options: {
  path: string;
  legend: string;
  help?: string;
  choices: ReadonlyArray<{ id: string; label: string }>;
}): SafeHtml {
  const id = fieldId(options.path);
  return html`<fieldset class="field checkboxes" data-field="${options.path}" id="${id}"${options.help ? html` aria-describedby="${id}-help"` : ''}>
<legend>${options.legend}</legend>
${options.help ? html`<p class="help" id="${id}-help">${options.help}</p>` : ''}
<ul class="choices">${options.choices.map(
    (choice) =>
      html`<li><input type="checkbox" id="${id}-${choice.id}" name="${options.path}" value="${choice.id}"> <label for="${id}-${choice.id}">${choice.label}</label></li>`,
  )}</ul>
<p class="error" id="${id}-error" hidden></p>
</fieldset>`;
}

/** The form-level message area: announced politely, used for results and whole-form errors. */
export function formStatus(id: string): SafeHtml {
  return html`<div class="form-status" id="${id}" role="status" aria-live="polite" tabindex="-1"></div>`;
}
