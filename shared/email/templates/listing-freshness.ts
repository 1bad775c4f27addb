/**
 * Fresh listings: the yearly "are you still seeking?" request to a city's contact, and the
 * coordinator's notice when a request went unanswered and the listing stopped showing as seeking.
 */
import type { City } from '../../cities/schema';
import { countryName } from '../../cities/countries';
import { PROGRAM_TIME_ZONE } from '../../digest/rollover';
import { button, link, note, paragraph, strong } from '../blocks';
import { preheaderHtml } from '../html';
import type { EmailMessage } from '../message';
import { emailParts } from './parts';

/** `March 1, 2031`: the day in the program's time zone, month spelled out (never ambiguous). */
export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat('en-US', { day: 'numeric', month: 'long', year: 'numeric', timeZone: PROGRAM_TIME_ZONE }).format(new Date(iso));
}

/**
 * The request to confirm a listing: a signed link to a page with a button.
 *
 * @example
 * await mailer.send(listingReminderEmail(city, { confirmUrl, deadline, lastConfirmedAt, replyTo }));
 */
export function listingReminderEmail(
  city: City,
  options: {
    confirmUrl: string;
    deadline: string;
    lastConfirmedAt: string;
    replyTo: string;
    /** The listing's manage page (`listingManageLink`); the program always sends it (freshness/check.ts). */
    manageUrl?: string;
  },
): EmailMessage {
  const place = `${city.name}, ${countryName(city.country)}`;
  const deadline = formatDate(options.deadline);
  const title = 'Still seeking a U.S. sister city?';
  return {
    to: [city.contact.email],
    replyTo: options.replyTo,
    subject: title,
    ...emailParts(
      { title, preheaderHtml: preheaderHtml(`Please confirm ${place}'s listing by ${deadline}.`) },
      [
        paragraph(`Dear ${city.contact.name},`),
        paragraph(
          `${place} is listed in City Search as a city seeking a U.S. sister city. We last heard that it is still seeking on ${formatDate(options.lastConfirmedAt)}.`,
        ),
        button('Confirm our listing', options.confirmUrl, `Is ${city.name} still seeking a U.S. sister city? If so, please confirm by `, strong(deadline), ':'),
        paragraph(
          `If we do not hear from you by ${deadline}, ${city.name} will no longer be shown as seeking a partner. It stays in City Search either way.\n`,
          ...(options.manageUrl
            ? [
                'If your city has found a partner, tell us on the page of your listing, where you can also change the listing at any time: ',
                link('Manage your listing', options.manageUrl),
                '.',
              ]
            : ['If your city has found a partner or is no longer looking, simply reply to this email.']),
        ),
      ],
    ),
  };
}

/**
 * The coordinator's notice that a listing stopped showing as seeking for want of an answer.
 *
 * @example
 * await mailer.send(listingExpiredEmail(city, { to: coordinatorEmail, reminderSentAt, publicUrl }));
 */
export function listingExpiredEmail(city: City, options: { to: string; reminderSentAt: string; publicUrl: string }): EmailMessage {
  const place = `${city.name}, ${countryName(city.country)}`;
  return {
    to: [options.to],
    replyTo: city.contact.email,
    subject: `Listing no longer seeking: ${place} did not confirm`,
    ...emailParts(
      { title: `${place} is no longer shown as seeking`, signed: false },
      [
        paragraph(
          `We asked ${city.contact.name} (${city.contact.email}) on ${formatDate(options.reminderSentAt)} whether ${place} is still seeking a U.S. sister city, and had no answer within 60 days.`,
        ),
        paragraph(`${place} is therefore no longer shown as seeking. It stays in City Search.`),
        paragraph('If the city is still seeking, set it back to seeking in the ', link('coordinator console', `${options.publicUrl}/admin`), '.'),
        note(`City id: ${city.id}`),
      ],
    ),
  };
}
