/**
 * The two emails an inquiry causes: the coordinator's (reply goes straight to the inquirer)
 * and the inquirer's acknowledgment.
 */
import type { City } from '../../cities/schema';
import { countryName } from '../../cities/countries';
import { interestLabel } from '../../cities/interests';
import type { Inquiry } from '../../inquiries/schema';
import { details, link, paragraph, section, strong, userText } from '../blocks';
import { formatPopulation } from '../html';
import type { EmailMessage } from '../message';
import { emailParts } from './parts';

/**
 * The coordinator's email about an inquiry. Replying answers the inquirer.
 *
 * @example
 * await mailer.send(coordinatorInquiryEmail(inquiry, city, { to: 'asia@example.org', publicUrl }));
 */
export function coordinatorInquiryEmail(inquiry: Inquiry, city: City, options: { to: string; publicUrl: string }): EmailMessage {
  const place = `${city.name}, ${countryName(city.country)}`;
  const { contact } = city;
  return {
    to: [options.to],
    replyTo: inquiry.email,
    subject: `Inquiry about ${place} from ${inquiry.organization}`,
    ...emailParts(
      { title: `Inquiry about ${place}`, signed: false },
      [
        paragraph(strong(inquiry.organization), ` is interested in ${place}.`),
        details([
          ['Organization', inquiry.organization],
          ['Name', inquiry.name],
          ['Email', inquiry.email],
          ['State', inquiry.state],
          ['Sent', inquiry.submittedAt],
        ]),
        section('Message', ...userText(inquiry.message)),
        section(
          `About ${place}`,
          details([
            ['City', city.name],
            ['Country', countryName(city.country)],
            ['Region', city.region],
            ['Population', formatPopulation(city.population)],
            ['Interests', city.interests.map(interestLabel).join(', ')],
            ['Seeking', city.seeking ? 'Yes' : 'No (has found a partner)'],
            ['Website', city.website],
          ]),
          ...userText(city.description),
        ),
        section(`${city.name}'s contact`, details([['Contact', contact.name], ['Title', contact.title], ['Email', contact.email], ['Phone', contact.phone]])),
        paragraph(link('City page', `${options.publicUrl}/cities/${city.id}`), '\nReply to this email to answer the inquirer.'),
      ],
    ),
  };
}

/**
 * The inquirer's acknowledgment.
 *
 * @example
 * await mailer.send(inquiryAcknowledgmentEmail(inquiry, city, { replyTo: coordinator }));
 */
export function inquiryAcknowledgmentEmail(inquiry: Inquiry, city: City, options: { replyTo: string }): EmailMessage {
  const place = `${city.name}, ${countryName(city.country)}`;
  return {
    to: [inquiry.email],
    replyTo: options.replyTo,
    subject: `We received your inquiry about ${place}`,
    ...emailParts({ title: `Your inquiry about ${place}` }, [
      paragraph(`Dear ${inquiry.name},`),
      paragraph(
        `Thank you for your interest in ${place}. A Cities Seeking Cities coordinator has your message and will be in touch to help you get to know the community.`,
      ),
      section('Your message', ...userText(inquiry.message)),
    ]),
  };
}
