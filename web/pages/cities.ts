/** `/cities` (City Search) and `/cities/{id}` (a city's page with the inquiry form). */
import { countriesAbroad } from '../../shared/cities/countries';
import { INTERESTS } from '../../shared/cities/interests';
import { field, formStatus } from './fields';
import { html } from './html';
import { layout, type PageAssets } from './layout';
import { usStates } from './us-states';

export function searchPage(assets: PageAssets): string {
  const countries = [{ value: '', label: 'Any country' }, ...countriesAbroad().map((c) => ({ value: c.code, label: c.name }))];
  const interests = [{ value: '', label: 'Any interest' }, ...INTERESTS.map((i) => ({ value: i.id, label: i.label }))];
  // A plain GET form: it works as a link-able search even before the script runs; the script
  // then keeps the same URL (history.pushState) and fetches results without reloading.
  return layout({
    assets,
    title: 'City Search',
    current: '/cities',
    script: 'cities',
    description: 'Find cities outside the United States that are looking for a U.S. sister city.',
    body: html`<h1>City Search</h1>
<p class="lead">Cities and communities outside the United States in the program. Open a city to send the coordinators an inquiry.</p>
<form id="search-form" class="search" method="get" action="/cities" novalidate role="search" aria-label="Find cities">
${formStatus('search-status')}
<div class="search-grid">
${field({ path: 'q', label: 'City name', type: 'search', help: 'The beginning of the name is enough.', optional: 'quiet', autocomplete: 'off', maxlength: 120 })}
${field({ path: 'country', label: 'Country', options: countries, optional: 'quiet' })}
${field({ path: 'interest', label: 'Interest', options: interests, optional: 'quiet' })}
${field({ path: 'minPopulation', label: 'Population from', optional: 'quiet', inputmode: 'numeric', placeholder: 'e.g. 10,000', maxlength: 20 })}
${field({ path: 'maxPopulation', label: 'Population up to', optional: 'quiet', inputmode: 'numeric', placeholder: 'e.g. 1,000,000', maxlength: 20 })}
</div>
<div class="field check" data-field="seeking"><input type="checkbox" id="f-seeking" name="seeking" value="true"> <label for="f-seeking">Only show cities seeking cities</label></div>
<p class="actions"><button type="submit" class="primary">Search</button> <a href="/cities" class="button-link" id="search-reset">Clear filters</a></p>
</form>
<section aria-labelledby="results-heading">
<h2 id="results-heading">Results</h2>
<div id="results-status" role="status" aria-live="polite" class="form-status"></div>
<ol id="results" class="results"></ol>
<p><button type="button" id="more" class="secondary" hidden>More cities</button></p>
</section>`,
  });
}

export function cityPage(assets: PageAssets): string {
  const states = [{ value: '', label: 'Choose a state' }, ...usStates().map((s) => ({ value: s.code, label: s.name }))];
  return layout({
    assets,
    title: 'City',
    current: '/cities',
    script: 'city',
    description: 'A city outside the United States in the Cities Seeking Cities program.',
    body: html`<p class="crumbs"><a href="/cities">← City Search</a></p>
<div id="city-status" role="status" aria-live="polite" class="form-status"><p>Loading the city…</p></div>
<article id="city" hidden aria-labelledby="city-name">
<h1 id="city-name" tabindex="-1">City</h1>
<p id="city-place" class="place"></p>
<p id="city-badge"></p>
<dl class="facts">
<div><dt>Population</dt><dd id="city-population"></dd></div>
<div><dt>Interests</dt><dd><ul id="city-interests" class="tags"></ul></dd></div>
<div id="city-website-row" hidden><dt>Website</dt><dd><a id="city-website"></a></dd></div>
<div><dt>In the program since</dt><dd id="city-registered"></dd></div>
</dl>
<h2>About the city</h2>
<p id="city-description" class="prose"></p>
</article>
<section id="inquiry" hidden aria-labelledby="inquiry-heading" class="panel">
<h2 id="inquiry-heading">Interested in this city?</h2>
<p>Tell the program coordinators about your community. They will introduce you to the city’s officials.</p>
<div id="inquiry-done" class="confirmation" hidden tabindex="-1"></div>
<form id="inquiry-form" novalidate>
${formStatus('inquiry-status')}
${field({ path: 'name', label: 'Your name', autocomplete: 'name', maxlength: 120 })}
${field({ path: 'email', label: 'Email', type: 'email', inputmode: 'email', autocomplete: 'email', maxlength: 254 })}
${field({ path: 'organization', label: 'Organization or community', help: 'For example “City of Springfield” or “Springfield Sister Cities Association”.', autocomplete: 'organization', maxlength: 200 })}
${field({ path: 'state', label: 'U.S. state', optional: true, options: states })}
${field({ path: 'message', label: 'Message', help: 'Who you are, and what kind of partnership you have in mind.', rows: 6, maxlength: 5000 })}
<p><button type="submit" class="primary">Send inquiry</button></p>
</form>
</section>`,
  });
}
