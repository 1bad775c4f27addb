/** `/register` — a city abroad registers as seeking a U.S. sister city. */
import { countriesAbroad } from '../../shared/cities/countries';
import { INTERESTS } from '../../shared/cities/interests';
import { checkboxGroup, field, formStatus } from './fields';
import { html } from './html';
import { layout, type PageAssets } from './layout';

export function registerPage(assets: PageAssets): string {
  // Built here from the same table the API validates against, so the list cannot disagree.
  const countries = [{ value: '', label: 'Choose a country' }, ...countriesAbroad().map((c) => ({ value: c.code, label: c.name }))];
  return layout({
    assets,
    title: 'Register your city',
    current: '/register',
    script: 'register',
    description: 'Register your city or community as seeking a sister city in the United States.',
    body: html`<h1>Register your city</h1>
<p class="lead">Is your city or community outside the United States looking for a U.S. sister city? Tell us about it. A program coordinator reads every registration and will write to you.</p>
<p>Fields marked <span class="optional">(optional)</span> can stay empty. You can write in simple English; we do not expect perfect language.</p>
<div id="register-done" class="confirmation" hidden tabindex="-1"></div>
<form id="register-form" novalidate>
${formStatus('register-status')}
<fieldset class="group"><legend>Your city</legend>
${field({ path: 'name', label: 'City or community name', help: 'The name people use in English, for example “Vientiane”.', autocomplete: 'off', maxlength: 120 })}
${field({ path: 'country', label: 'Country', options: countries })}
${field({ path: 'region', label: 'State, province or region', optional: true, autocomplete: 'address-level1', maxlength: 120 })}
${field({ path: 'population', label: 'Population', help: 'How many people live there. Write it as a whole number, for example 783,000 or 783000.', inputmode: 'numeric', autocomplete: 'off', maxlength: 20 })}
${field({ path: 'description', label: 'About your city', help: 'A few sentences: what your city is like and what you hope a sister city partnership will bring. At most 3,000 characters.', rows: 6, maxlength: 3000 })}
${checkboxGroup({ path: 'interests', legend: 'What would you like to exchange?', help: 'Choose one or more.', choices: INTERESTS })}
${field({ path: 'website', label: 'Website', optional: true, type: 'url', inputmode: 'url', help: 'Your city’s website, starting with https:// or http://', autocomplete: 'url', maxlength: 2048 })}
</fieldset>
<fieldset class="group"><legend>Contact person</legend>
<p class="help">The coordinator writes to this person. We never show these details in City Search.</p>
${field({ path: 'contact.name', label: 'Full name', autocomplete: 'name', maxlength: 120 })}
${field({ path: 'contact.email', label: 'Email', type: 'email', inputmode: 'email', autocomplete: 'email', maxlength: 254, help: 'For example name@city.gov' })}
${field({ path: 'contact.title', label: 'Job title', optional: true, autocomplete: 'organization-title', maxlength: 120, help: 'For example “International Relations Officer”.' })}
${field({ path: 'contact.phone', label: 'Phone', optional: true, type: 'tel', inputmode: 'tel', autocomplete: 'tel', maxlength: 40, help: 'With the country code, for example +856 21 123 456.' })}
</fieldset>
<p><button type="submit" class="primary">Send registration</button></p>
</form>`,
  });
}
