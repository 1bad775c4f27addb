/**
 * The two emails an inquiry causes: the coordinator's (reply goes straight to the inquirer)
 * and the inquirer's acknowledgment.
 */
import type { City } from '../../cities/schema';
import { countryName } from '../../cities/countries';
import { interestLabel } from '../../cities/interests';
import type { Inquiry } from '../../inquiries/schema';
import { detailsTable, detailsText, emailLayout, escapeHtml, formatPopulation, paragraphs } from '../html';
import type { EmailMessage } from '../message';

function inquirerRows(inquiry: Inquiry): Array<[string, string | undefined]> {
  return [
    ['Organization', inquiry.organization],
    ['Name', inquiry.name],
    ['Email', inquiry.email],
    ['State', inquiry.state],
    ['Sent', inquiry.submittedAt],
  ];
}

function profileRows(city: City): Array<[string, string | undefined]> {
  return [
    ['City', city.name],
    ['Country', countryName(city.country)],
    ['Region', city.region],
    ['Population', formatPopulation(city.population)],
    ['Interests', city.interests.map(interestLabel).join(', ')],
    ['Seeking', city.seeking ? 'Yes' : 'No (has found a partner)'],
    ['Website', city.website],
  ];
}

function cityContactRows(city: City): Array<[string, string | undefined]> {
  return [
    ['Contact', city.contact.name],
    ['Title', city.contact.title],
    ['Email', city.contact.email],
    ['Phone', city.contact.phone],
  ];
}

/**
 * The coordinator's email about an inquiry. Replying answers the inquirer.
 *
 * @example
 * await mailer.send(coordinatorInquiryEmail(inquiry, city, { to: 'asia@example.org', publicUrl }));
 */
export function coordinatorInquiryEmail(inquiry: Inquiry, city: City, options: { to: string; publicUrl: string }): EmailMessage {
  const place = `${city.name}, ${countryName(city.country)}`;
  const cityUrl = `${options.publicUrl}/cities/${city.id}`;
  const text = [
    `${inquiry.organization} is interested in ${place}.`,
    '',
    detailsText(inquirerRows(inquiry)),
    '',
    'Message:',
    inquiry.message,
    '',
    `About ${place}:`,
    detailsText(profileRows(city)),
    '',
    city.description,
    '',
    `${city.name}'s contact:`,
    detailsText(cityContactRows(city)),
    '',
    `City page: ${cityUrl}`,
    'Reply to this email to answer the inquirer.',
  ].join('\n');
  const html = emailLayout({
    title: `Inquiry about ${place}`,
    bodyHtml:
      `<p style="margin:0 0 16px"><strong>${escapeHtml(inquiry.organization)}</strong> is interested in ${escapeHtml(place)}.</p>` +
      detailsTable(inquirerRows(inquiry)) +
      `<h2 style="font-size:16px;margin:0 0 8px">Message</h2>${paragraphs(inquiry.message)}` +
      `<h2 style="font-size:16px;margin:16px 0 8px">About ${escapeHtml(place)}</h2>${detailsTable(profileRows(city))}${paragraphs(city.description)}` +
      `<h2 style="font-size:16px;margin:16px 0 8px">${escapeHtml(city.name)}'s contact</h2>${detailsTable(cityContactRows(city))}` +
      `<p style="margin:0"><a href="${escapeHtml(cityUrl)}" style="color:#12466e">City page</a> · Reply to this email to answer the inquirer.</p>`,
  });
  return { to: [options.to], replyTo: inquiry.email, subject: `Inquiry about ${place} from ${inquiry.organization}`, text, html };
}

/**
 * The inquirer's acknowledgment.
 *
 * @example
 * await mailer.send(inquiryAcknowledgmentEmail(inquiry, city, { replyTo: coordinator }));
 */
export function inquiryAcknowledgmentEmail(inquiry: Inquiry, city: City, options: { replyTo: string }): EmailMessage {
  const place = `${city.name}, ${countryName(city.country)}`;
  const text = [
    `Dear ${inquiry.name},`,
    '',
    `Thank you for your interest in ${place}. A Cities Seeking Cities coordinator has your message and will be in touch to help you get to know the community.`,
    '',
    'Your message:',
    inquiry.message,
    '',
    'Cities Seeking Cities',
  ].join('\n');
  const html = emailLayout({
    title: `Your inquiry about ${place}`,
    bodyHtml:
      `<p style="margin:0 0 12px">Dear ${escapeHtml(inquiry.name)},</p>` +
      `<p style="margin:0 0 16px">Thank you for your interest in ${escapeHtml(place)}. A Cities Seeking Cities coordinator has your message and will be in touch to help you get to know the community.</p>` +
      `<h2 style="font-size:16px;margin:0 0 8px">Your message</h2>${paragraphs(inquiry.message)}`,
  });
  return { to: [inquiry.email], replyTo: options.replyTo, subject: `We received your inquiry about ${place}`, text, html };
}
