/**
 * The pages a city's contact reaches from the "Still seeking a U.S. sister city?" email: the
 * page with the button (opening it changes nothing) and what the button answers.
 */
import { escapeHtml } from '../email/html';
import { htmlPage, pageParagraphs } from '../http/page';
import type { HttpResult } from '../http/response';
import { countryName } from '../cities/countries';
import type { ConfirmListingOutcome } from './confirm';
import type { City } from '../cities/schema';

const place = (city: City) => `${city.name}, ${countryName(city.country)}`;

function unknownListingPage(): HttpResult {
  return htmlPage(404, {
    title: 'We could not find this listing',
    body: pageParagraphs('This city is not listed in City Search.', { note: 'Nothing was changed.' }),
  });
}

function notSeekingPage(city: City): HttpResult {
  // 409: the link is real, but the listing is no longer in the state it asks about.
  return htmlPage(409, {
    title: 'This listing is not shown as seeking',
    body: pageParagraphs(
      `${place(city)} is in City Search, but no longer shown as seeking a U.S. sister city, so there is nothing to confirm.`,
      'If your city is seeking a partner again, please reply to our email and a coordinator will update the listing.',
      { note: 'Nothing was changed.' },
    ),
  });
}

/**
 * The confirmation page: the city and a button that POSTs. A GET never confirms anything,
 * because mail scanners and link previews open links too.
 *
 * @example
 * return confirmListingFormPage(token, await getCity(table(), id));
 */
export function confirmListingFormPage(token: string, city: City | undefined): HttpResult {
  if (!city || city.status !== 'approved') return unknownListingPage();
  if (!city.seeking) return notSeekingPage(city);
  const action = `/api/cities/${encodeURIComponent(city.id)}/confirm-listing?token=${encodeURIComponent(token)}`;
  return htmlPage(200, {
    title: 'Still seeking a U.S. sister city?',
    body:
      `<p><strong>${escapeHtml(place(city))}</strong> is listed in City Search as a city seeking a U.S. sister city.</p>\n` +
      `<p>If ${escapeHtml(city.name)} is still seeking a partner, press the button below to keep the listing as it is.</p>\n` +
      `<form method="post" action="${escapeHtml(action)}">\n` +
      `<button type="submit" class="primary">Yes, we are still seeking</button>\n` +
      `</form>\n` +
      pageParagraphs(
        'If your city has found a partner or is no longer looking, do not press the button: simply reply to our email.',
        { note: 'Nothing changes until you press the button.' },
      ),
  });
}

/**
 * The page after the button (or a repeat of it).
 *
 * @example
 * return listingConfirmedPage(await confirmListing(table(), id));
 */
export function listingConfirmedPage(result: ConfirmListingOutcome): HttpResult {
  if (result.outcome === 'unknown') return unknownListingPage();
  if (result.outcome === 'not-seeking') return notSeekingPage(result.city);
  return htmlPage(200, {
    title: 'Thank you, your listing stays in City Search',
    body: pageParagraphs(
      `${place(result.city)} stays listed as a city seeking a U.S. sister city.`,
      'We will ask again in a year. If your city finds a partner before then, please reply to any of our emails.',
    ),
  });
}
