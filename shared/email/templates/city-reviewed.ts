/**
 * The contact's news after review: listed, or not (with the coordinator's reason).
 */
import type { City } from '../../cities/schema';
import { countryName } from '../../cities/countries';
import { emailLayout, escapeHtml, paragraphs } from '../html';
import type { EmailMessage } from '../message';

/**
 * @example
 * await mailer.send(cityApprovedEmail(city, { publicUrl, replyTo: coordinator }));
 */
export function cityApprovedEmail(city: City, options: { publicUrl: string; replyTo: string }): EmailMessage {
  const place = `${city.name}, ${countryName(city.country)}`;
  const cityUrl = `${options.publicUrl}/cities/${city.id}`;
  const text = [
    `Dear ${city.contact.name},`,
    '',
    `Good news: ${place} is now listed in City Search as a city seeking a U.S. sister city.`,
    `Your city's page: ${cityUrl}`,
    '',
    'When a U.S. community asks about your city, a coordinator will contact you.',
    'If your city finds a partner, reply to this email and we will update the listing.',
    '',
    'Cities Seeking Cities',
  ].join('\n');
  const html = emailLayout({
    title: `${place} is now listed`,
    bodyHtml:
      `<p style="margin:0 0 12px">Dear ${escapeHtml(city.contact.name)},</p>` +
      `<p style="margin:0 0 12px">Good news: ${escapeHtml(place)} is now listed in City Search as a city seeking a U.S. sister city.</p>` +
      `<p style="margin:0 0 12px"><a href="${escapeHtml(cityUrl)}" style="color:#12466e">See your city's page</a></p>` +
      '<p style="margin:0 0 12px">When a U.S. community asks about your city, a coordinator will contact you.</p>' +
      '<p style="margin:0">If your city finds a partner, reply to this email and we will update the listing.</p>',
  });
  return { to: [city.contact.email], replyTo: options.replyTo, subject: `${place} is now listed in City Search`, text, html };
}

/**
 * @example
 * await mailer.send(cityRejectedEmail(city, { replyTo: coordinator }));
 */
export function cityRejectedEmail(city: City, options: { replyTo: string }): EmailMessage {
  const place = `${city.name}, ${countryName(city.country)}`;
  const reason = city.rejectionReason ?? 'No reason was given.';
  const text = [
    `Dear ${city.contact.name},`,
    '',
    `Thank you for registering ${place}. We could not list it in City Search at this time.`,
    '',
    "The coordinator's reason:",
    reason,
    '',
    'You are welcome to register again, or to reply to this email with questions.',
    '',
    'Cities Seeking Cities',
  ].join('\n');
  const html = emailLayout({
    title: `About your registration of ${place}`,
    bodyHtml:
      `<p style="margin:0 0 12px">Dear ${escapeHtml(city.contact.name)},</p>` +
      `<p style="margin:0 0 12px">Thank you for registering ${escapeHtml(place)}. We could not list it in City Search at this time.</p>` +
      `<h2 style="font-size:16px;margin:0 0 8px">The coordinator's reason</h2>${paragraphs(reason)}` +
      '<p style="margin:0">You are welcome to register again, or to reply to this email with questions.</p>',
  });
  return { to: [city.contact.email], replyTo: options.replyTo, subject: `About your registration of ${place}`, text, html };
}
