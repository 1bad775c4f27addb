/**
 * What the coordinator hears when a city's contact manages its own listing: the fields it
 * changed (each before → after), or that it found a partner.
 */
import type { ListingChange, ListingField } from '../../cities/listing-changes';
import type { City } from '../../cities/schema';
import { countryName } from '../../cities/countries';
import { interestLabel, type InterestId } from '../../cities/interests';
import { inline, link, list, note, paragraph, strong } from '../blocks';
import { formatPopulation } from '../html';
import type { EmailMessage } from '../message';
import { emailParts } from './parts';
import { formatDate } from './listing-freshness';

/** The coordinator's names of the fields (as in the registration email). */
const LABELS: Record<ListingField, string> = {
  description: 'Description',
  interests: 'Interests',
  website: 'Website',
  region: 'Region',
  population: 'Population',
  'contact.name': 'Contact name',
  'contact.title': 'Contact title',
  'contact.phone': 'Contact phone',
};

function shown(field: ListingField, value: ListingChange['before']): string {
  if (value === null || value === '') return '(empty)';
  if (Array.isArray(value)) return value.length ? value.map((id) => interestLabel(id as InterestId)).join(', ') : '(none)';
  if (typeof value === 'number') return field === 'population' ? formatPopulation(value) : String(value);
  return value;
}

/** One change: `Label: before → after`, a long text on lines of its own. */
function changeItem(change: ListingChange) {
  const before = shown(change.field, change.before);
  const after = shown(change.field, change.after);
  const label = strong(LABELS[change.field]);
  return change.field === 'description' ? inline(label, '\n', before, '\n→\n', after) : inline(label, ': ', before, ' → ', after);
}

/**
 * The coordinator's email about a change a city's contact made to its listing.
 *
 * @example
 * await mailer.send(listingChangedEmail(city, detail.changes, { to, publicUrl }));
 */
export function listingChangedEmail(city: City, changes: readonly ListingChange[], options: { to: string; publicUrl: string }): EmailMessage {
  const place = `${city.name}, ${countryName(city.country)}`;
  return {
    to: [options.to],
    replyTo: city.contact.email,
    subject: `Listing changed: ${place}`,
    ...emailParts({ title: `${place} changed its listing`, signed: false }, [
      paragraph(
        `${city.contact.name} (${city.contact.email}) changed the listing of ${place} through the manage link in our emails. ` +
          `The change is already public in City Search. What changed (before → after):`,
      ),
      list(changes.map(changeItem)),
      paragraph(link("See the city's page", `${options.publicUrl}/cities/${city.id}`), '\n', link('Open the coordinator console', `${options.publicUrl}/admin`)),
      note(`City id: ${city.id}`),
    ]),
  };
}

/**
 * The coordinator's email that a city found a partner, as its contact reported.
 *
 * @example
 * await mailer.send(partnerFoundEmail(city, detail, { to, publicUrl }));
 */
export function partnerFoundEmail(city: City, report: { foundAt: string; partner?: string }, options: { to: string; publicUrl: string }): EmailMessage {
  const place = `${city.name}, ${countryName(city.country)}`;
  return {
    to: [options.to],
    replyTo: city.contact.email,
    subject: `Partner found: ${place}`,
    ...emailParts({ title: `${place} found a U.S. sister city`, signed: false }, [
      paragraph(
        `${city.contact.name} (${city.contact.email}) told us on ${formatDate(report.foundAt)} that ${place} has found a U.S. sister city`,
        ...(report.partner ? [': ', strong(report.partner), '.'] : ['. They did not name the U.S. community.']),
      ),
      paragraph(`${place} is therefore no longer shown as seeking. It stays in City Search.`),
      paragraph('If this was a mistake, set it back to seeking in the ', link('coordinator console', `${options.publicUrl}/admin`), '.'),
      note(`City id: ${city.id}`),
    ]),
  };
}
