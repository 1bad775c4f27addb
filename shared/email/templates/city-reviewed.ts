/**
 * The contact's news after review: listed, or not (with the coordinator's reason).
 */
import type { City } from '../../cities/schema';
import { countryName } from '../../cities/countries';
import { button, link, note, paragraph, section, userText } from '../blocks';
import type { EmailMessage } from '../message';
import { emailParts } from './parts';

/**
 * The approval, with the signed link to the page where the contact manages the listing
 * (`listingManageLink`, the same link in every later email to the contact).
 *
 * @example
 * await mailer.send(cityApprovedEmail(city, { publicUrl, replyTo: coordinator, manageUrl: await listingManageLink(publicUrl, city.id) }));
 */
export function cityApprovedEmail(city: City, options: { publicUrl: string; replyTo: string; manageUrl?: string }): EmailMessage {
  const place = `${city.name}, ${countryName(city.country)}`;
  return {
    to: [city.contact.email],
    replyTo: options.replyTo,
    // Not "<city> is now listed…": a subject that starts with the name in the address's domain
    // (intl@tetovo.gov.mk) is what SpamAssassin's PDS_BRAND_SUBJ_NAKED_TO scores.
    subject: `Listed in City Search: ${place}`,
    ...emailParts({ title: `${place} is now listed` }, [
      paragraph(`Dear ${city.contact.name},`),
      paragraph(
        `Good news: ${place} is now listed in City Search as a city seeking a U.S. sister city.\n`,
        link("See your city's page", `${options.publicUrl}/cities/${city.id}`),
      ),
      // The program always sends the manage link (notify-reviewed.ts); without it, the old way: a reply.
      ...(options.manageUrl
        ? [
            paragraph('When a U.S. community asks about your city, a coordinator will contact you.'),
            button(
              'Manage your listing',
              options.manageUrl,
              'You can change the listing at any time (the description, interests, website, region, population and your own contact details), ' +
                'and tell us there when your city has found a U.S. partner:',
            ),
            note('This link is only for you: please keep this email and do not forward it. Every email we send you about the listing has the same link.'),
          ]
        : [
            paragraph(
              'When a U.S. community asks about your city, a coordinator will contact you.\n' +
                'If your city finds a partner, reply to this email and we will update the listing.',
            ),
          ]),
    ]),
  };
}

/**
 * @example
 * await mailer.send(cityRejectedEmail(city, { replyTo: coordinator }));
 */
export function cityRejectedEmail(city: City, options: { replyTo: string }): EmailMessage {
  const place = `${city.name}, ${countryName(city.country)}`;
  const title = `About your registration of ${place}`;
  return {
    to: [city.contact.email],
    replyTo: options.replyTo,
    subject: title,
    ...emailParts({ title }, [
      paragraph(`Dear ${city.contact.name},`),
      paragraph(`Thank you for registering ${place}. We could not list it in City Search at this time.`),
      section("The coordinator's reason", ...userText(city.rejectionReason ?? 'No reason was given.')),
      paragraph('You are welcome to register again, or to reply to this email with questions.'),
    ]),
  };
}
