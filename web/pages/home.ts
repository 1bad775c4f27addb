/** `/` — what the program is, and a way to every page. Also the 404 page. */
import { html } from './html';
import { layout, type PageAssets } from './layout';

export function homePage(assets: PageAssets): string {
  return layout({
    assets,
    title: 'Home',
    current: '/',
    description: 'Cities outside the United States looking for a U.S. sister city, and the U.S. communities who want to meet them.',
    body: html`<h1>Find a sister city</h1>
<p class="lead">Cities Seeking Cities connects communities outside the United States that want a U.S. sister city with U.S. communities looking for a partner.</p>
<ul class="cards">
<li><h2><a href="/register">Register your city</a></h2><p>For city officials outside the United States. Tell us about your community and what you want to exchange. A coordinator reviews each registration, usually within a few days.</p></li>
<li><h2><a href="/cities">City Search</a></h2><p>For U.S. communities. Find cities by name, country, interest or size, and see which ones are seeking a partner now.</p></li>
<li><h2><a href="/subscribe">Subscribe to the newsletter</a></h2><p>Once a month we present three communities that are seeking a U.S. sister city, with a best-practice story.</p></li>
<li><h2><a href="/digests">Newsletter archive</a></h2><p>Every past newsletter and the cities it featured.</p></li>
<li><h2><a href="/admin">Coordinator console</a></h2><p>For program staff: review registrations, answer inquiries and plan the next newsletter.</p></li>
</ul>
<h2>How it works</h2>
<ol class="steps">
<li>A city abroad registers. A program coordinator checks the registration.</li>
<li>Approved cities appear in City Search, marked <span class="badge">Seeking a sister city</span>.</li>
<li>A U.S. community that is interested sends an inquiry from the city’s page. The coordinators introduce the two communities.</li>
</ol>`,
  });
}

export function notFoundPage(assets: PageAssets): string {
  return layout({
    assets,
    title: 'Page not found',
    description: 'This page does not exist.',
    body: html`<h1>Page not found</h1>
<p>We could not find this page. The link may be incomplete or out of date.</p>
<p>Try <a href="/cities">City Search</a> or go to the <a href="/">home page</a>.</p>`,
  });
}
