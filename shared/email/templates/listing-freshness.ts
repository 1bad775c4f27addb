/**
 * Fresh listings: the yearly "are you still seeking?" request to a city's contact, and the
 * coordinator's notice when a request went unanswered and the listing stopped showing as seeking.
 */
import type { City } from '../../cities/schema';
import { countryName } from '../../cities/countries';
import { PROGRAM_TIME_ZONE } from '../../digest/rollover';
import { emailLayout, escapeHtml } from '../html';
import type { EmailMessage } from '../message';

/** `March 1, 2031`: the day in the program's time zone, month spelled out (never ambiguous). */
export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat('en-US', { day: 'numeric', month: 'long', year: 'numeric', timeZone: PROGRAM_TIME_ZONE }).format(new Date(iso));
}

const P = 'margin:0 0 12px';

/**
 * The request to confirm a listing: a signed link to a page with a button.
 *
 * @example
 * await mailer.send(listingReminderEmail(city, { confirmUrl, deadline, lastConfirmedAt, replyTo }));
 */
export function listingReminderEmail(
  city: City,
  options: { confirmUrl: string; deadline: string; lastConfirmedAt: string; replyTo: string },
): EmailMessage {
  const place = `${city.name}, ${countryName(city.country)}`;
  const deadline = formatDate(options.deadline);
  const since = formatDate(options.lastConfirmedAt);
  const text = [
    `Dear ${city.contact.name},`,
    '',
    `${place} is listed in City Search as a city seeking a U.S. sister city. We last heard that it is still seeking on ${since}.`,
    '',
    `Is ${city.name} still seeking a U.S. sister city? If so, please confirm by ${deadline}:`,
    options.confirmUrl,
    '',
    `If we do not hear from you by ${deadline}, ${city.name} will no longer be shown as seeking a partner. It stays in City Search either way.`,
    'If your city has found a partner or is no longer looking, simply reply to this email.',
    '',
    'Cities Seeking Cities',
  ].join('\n');
  const html = emailLayout({
    title: 'Still seeking a U.S. sister city?',
    preheader: `Please confirm ${place}'s listing by ${deadline}.`,
    bodyHtml:
      `<p style="${P}">Dear ${escapeHtml(city.contact.name)},</p>` +
      `<p style="${P}">${escapeHtml(place)} is listed in City Search as a city seeking a U.S. sister city. We last heard that it is still seeking on ${escapeHtml(since)}.</p>` +
      `<p style="${P}">Is ${escapeHtml(city.name)} still seeking a U.S. sister city? If so, please confirm by <strong>${escapeHtml(deadline)}</strong>:</p>` +
      `<p style="margin:0 0 16px"><a href="${escapeHtml(options.confirmUrl)}" style="display:inline-block;background:#12466e;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none;font-weight:bold">Confirm our listing</a></p>` +
      `<p style="${P}">If we do not hear from you by ${escapeHtml(deadline)}, ${escapeHtml(city.name)} will no longer be shown as seeking a partner. It stays in City Search either way.</p>` +
      '<p style="margin:0">If your city has found a partner or is no longer looking, simply reply to this email.</p>',
  });
  return { to: [city.contact.email], replyTo: options.replyTo, subject: 'Still seeking a U.S. sister city?', text, html };
}

/**
 * The coordinator's notice that a listing stopped showing as seeking for want of an answer.
 *
 * @example
 * await mailer.send(listingExpiredEmail(city, { to: coordinatorEmail, reminderSentAt, publicUrl }));
 */
export function listingExpiredEmail(city: City, options: { to: string; reminderSentAt: string; publicUrl: string }): EmailMessage {
  const place = `${city.name}, ${countryName(city.country)}`;
  const asked = formatDate(options.reminderSentAt);
  const adminUrl = `${options.publicUrl}/admin`;
  const lines = [
    `We asked ${city.contact.name} (${city.contact.email}) on ${asked} whether ${place} is still seeking a U.S. sister city, and had no answer within 60 days.`,
    `${place} is therefore no longer shown as seeking. It stays in City Search.`,
    `If the city is still seeking, set it back to seeking in the coordinator console: ${adminUrl}`,
  ];
  const text = [...lines, `City id: ${city.id}`].join('\n\n');
  const html = emailLayout({
    title: `${place} is no longer shown as seeking`,
    bodyHtml:
      `<p style="${P}">We asked ${escapeHtml(city.contact.name)} (${escapeHtml(city.contact.email)}) on ${escapeHtml(asked)} whether ${escapeHtml(place)} is still seeking a U.S. sister city, and had no answer within 60 days.</p>` +
      `<p style="${P}">${escapeHtml(place)} is therefore no longer shown as seeking. It stays in City Search.</p>` +
      `<p style="${P}">If the city is still seeking, set it back to seeking in the <a href="${escapeHtml(adminUrl)}" style="color:#12466e">coordinator console</a>.</p>` +
      `<p style="margin:0;color:#555">City id: ${escapeHtml(city.id)}</p>`,
  });
  return { to: [options.to], replyTo: city.contact.email, subject: `Listing no longer seeking: ${place} did not confirm`, text, html };
}
