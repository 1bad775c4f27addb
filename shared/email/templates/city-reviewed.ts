/**
 * The contact's news after review: listed, or not (with the coordinator's reason).
 */
import type { City } from '../../cities/schema';
import { countryName } from '../../cities/countries';
import { link, paragraph, section, userText } from '../blocks';
import type { EmailMessage } from '../message';
import { emailParts } from './parts';

/**
 * @example
 * await mailer.send(cityApprovedEmail(city, { publicUrl, replyTo: coordinator }));
 */
export function cityApprovedEmail(city: City, options: { publicUrl: string; replyTo: string }): EmailMessage {
  const place = `${city.name}, ${countryName(city.country)}`;
  return {
    to: [city.contact.email],
    replyTo: options.replyTo,
    subject: `${place} is now listed in City Search`,
    ...emailParts({ title: `${place} is now listed` }, [
      paragraph(`Dear ${city.contact.name},`),
      paragraph(
        `Good news: ${place} is now listed in City Search as a city seeking a U.S. sister city.\n`,
        link("See your city's page", `${options.publicUrl}/cities/${city.id}`),
      ),
      paragraph(
        'When a U.S. community asks about your city, a coordinator will contact you.\n' +
          'If your city finds a partner, reply to this email and we will update the listing.',
      ),
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
