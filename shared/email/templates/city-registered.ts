/**
 * The two emails a registration causes: the coordinator's review request, and the contact's
 * acknowledgment (written in plain words: the reader often uses English as a second language).
 */
import type { City } from '../../cities/schema';
import { countryName } from '../../cities/countries';
import { interestLabel } from '../../cities/interests';
import { detailsTable, detailsText, emailLayout, escapeHtml, formatPopulation, paragraphs } from '../html';
import type { EmailMessage } from '../message';

function cityRows(city: City): Array<[string, string | undefined | null]> {
  return [
    ['City', city.name],
    ['Country', `${countryName(city.country)} (${city.country})`],
    ['Region', city.region],
    ['Population', formatPopulation(city.population)],
    ['Interests', city.interests.map(interestLabel).join(', ')],
    ['Website', city.website],
    ['Registered', city.registeredAt],
    ['Reference', city.id],
  ];
}

function contactRows(city: City): Array<[string, string | undefined | null]> {
  return [
    ['Contact', city.contact.name],
    ['Title', city.contact.title],
    ['Email', city.contact.email],
    ['Phone', city.contact.phone],
  ];
}

/**
 * The coordinator's email about a new registration: every field, and the contact.
 *
 * @example
 * await mailer.send(coordinatorRegistrationEmail(city, { to: config().COORDINATOR_EMAIL, publicUrl }));
 */
export function coordinatorRegistrationEmail(city: City, options: { to: string; publicUrl: string }): EmailMessage {
  const place = `${city.name}, ${countryName(city.country)}`;
  const reviewUrl = `${options.publicUrl}/admin`;
  const text = [
    `${place} has registered as a city seeking a U.S. sister city and is waiting for review.`,
    '',
    detailsText(cityRows(city)),
    '',
    'Description:',
    city.description,
    '',
    detailsText(contactRows(city)),
    '',
    `Review it in the coordinator console: ${reviewUrl}`,
  ].join('\n');
  const html = emailLayout({
    title: `New registration: ${place}`,
    bodyHtml:
      `<p style="margin:0 0 16px">${escapeHtml(place)} has registered as a city seeking a U.S. sister city and is waiting for review.</p>` +
      detailsTable(cityRows(city)) +
      `<h2 style="font-size:16px;margin:0 0 8px">Description</h2>${paragraphs(city.description)}` +
      `<h2 style="font-size:16px;margin:16px 0 8px">Contact</h2>${detailsTable(contactRows(city))}` +
      `<p style="margin:0"><a href="${escapeHtml(reviewUrl)}" style="color:#12466e">Review it in the coordinator console</a></p>`,
  });
  return {
    to: [options.to],
    replyTo: city.contact.email,
    subject: `New city registration: ${place}`,
    text,
    html,
  };
}

/**
 * The contact's acknowledgment: what happens next, in short sentences.
 *
 * @example
 * await mailer.send(registrationAcknowledgmentEmail(city, { replyTo: config().COORDINATOR_EMAIL }));
 */
export function registrationAcknowledgmentEmail(city: City, options: { replyTo: string }): EmailMessage {
  const place = `${city.name}, ${countryName(city.country)}`;
  const lines = [
    `Dear ${city.contact.name},`,
    '',
    `Thank you for registering ${place} with Cities Seeking Cities.`,
    'A program coordinator will review your registration. This usually takes a few working days.',
    'When it is approved, U.S. communities can find your city in the City Search directory and contact us about it.',
    '',
    'What you sent us:',
    detailsText(cityRows(city)),
    '',
    'If something is wrong, simply reply to this email.',
    '',
    'Cities Seeking Cities',
  ];
  const html = emailLayout({
    title: `Thank you for registering ${place}`,
    bodyHtml:
      `<p style="margin:0 0 12px">Dear ${escapeHtml(city.contact.name)},</p>` +
      `<p style="margin:0 0 12px">Thank you for registering ${escapeHtml(place)} with Cities Seeking Cities.</p>` +
      '<p style="margin:0 0 12px">A program coordinator will review your registration. This usually takes a few working days.</p>' +
      '<p style="margin:0 0 16px">When it is approved, U.S. communities can find your city in the City Search directory and contact us about it.</p>' +
      '<h2 style="font-size:16px;margin:0 0 8px">What you sent us</h2>' +
      detailsTable(cityRows(city)) +
      '<p style="margin:0">If something is wrong, simply reply to this email.</p>',
  });
  return {
    to: [city.contact.email],
    replyTo: options.replyTo,
    subject: `We received your registration: ${place}`,
    text: lines.join('\n'),
    html,
  };
}
