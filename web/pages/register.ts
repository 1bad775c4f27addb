/** `/register` — a city abroad registers as seeking a U.S. sister city. */
import { countriesAbroad } from '../../shared/cities/countries';
import { CITY_FIELDS } from './city-fields';
import { field, formStatus } from './fields';
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
${CITY_FIELDS.aboutTheCity(6)}
</fieldset>
<fieldset class="group"><legend>Contact person</legend>
<p class="help">The coordinator writes to this person. We never show these details in City Search.</p>
${CITY_FIELDS.contactName()}
${field({ path: 'contact.email', label: 'Email', type: 'email', inputmode: 'email', autocomplete: 'email', maxlength: 254, help: 'For example name@city.gov' })}
${CITY_FIELDS.contactTitle()}
${CITY_FIELDS.contactPhone()}
</fieldset>
<p><button type="submit" class="primary">Send registration</button></p>
</form>`,
  });
}
