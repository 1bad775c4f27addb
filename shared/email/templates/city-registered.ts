/**
 * The two emails a registration causes: the coordinator's review request, and the contact's
 * acknowledgment (written in plain words: the reader often uses English as a second language).
 */
import type { City } from '../../cities/schema';
import { countryName } from '../../cities/countries';
import { interestLabel } from '../../cities/interests';
import { details, link, paragraph, section, userText } from '../blocks';
import { formatPopulation } from '../html';
import type { EmailMessage } from '../message';
import { emailParts } from './parts';

function cityDetails(city: City) {
  return details([
    ['City', city.name],
    ['Country', `${countryName(city.country)} (${city.country})`],
    ['Region', city.region],
    ['Population', formatPopulation(city.population)],
    ['Interests', city.interests.map(interestLabel).join(', ')],
    ['Website', city.website],
    ['Registered', city.registeredAt],
    ['Reference', city.id],
  ]);
}

/**
 * The coordinator's email about a new registration: every field, and the contact.
 *
 * @example
 * await mailer.send(coordinatorRegistrationEmail(city, { to: coordinatorEmail(), publicUrl }));
 */
export function coordinatorRegistrationEmail(city: City, options: { to: string; publicUrl: string }): EmailMessage {
  const place = `${city.name}, ${countryName(city.country)}`;
  const { contact } = city;
  return {
    to: [options.to],
    replyTo: contact.email,
    subject: `New city registration: ${place}`,
    ...emailParts(
      { title: `New registration: ${place}`, signed: false },
      [
        paragraph(`${place} has registered as a city seeking a U.S. sister city and is waiting for review.`),
        cityDetails(city),
        section('Description', ...userText(city.description)),
        section('Contact', details([['Name', contact.name], ['Title', contact.title], ['Email', contact.email], ['Phone', contact.phone]])),
        paragraph(link('Review it in the coordinator console', `${options.publicUrl}/admin`)),
      ],
    ),
  };
}

/**
 * The contact's acknowledgment: what happens next, in short sentences.
 *
 * @example
 * await mailer.send(registrationAcknowledgmentEmail(city, { replyTo: coordinatorEmail() }));
 */
export function registrationAcknowledgmentEmail(city: City, options: { replyTo: string }): EmailMessage {
  const place = `${city.name}, ${countryName(city.country)}`;
  return {
    to: [city.contact.email],
    replyTo: options.replyTo,
    subject: `We received your registration: ${place}`,
    ...emailParts({ title: `Thank you for registering ${place}` }, [
      paragraph(`Dear ${city.contact.name},`),
      paragraph(
        `Thank you for registering ${place} with Cities Seeking Cities.\n` +
          'A program coordinator will review your registration. This usually takes a few working days.\n' +
          'When it is approved, U.S. communities can find your city in the City Search directory and contact us about it.',
      ),
      section('What you sent us', cityDetails(city)),
      paragraph('If something is wrong, simply reply to this email.'),
    ]),
  };
}
