/**
 * The weekly alert to a member: the newly approved cities that fit their profile, each with the
 * reasons it fits, and the link to change the profile or turn these alerts off.
 */
import type { City } from '../../cities/schema';
import { countryName } from '../../cities/countries';
import { inline, link, list, paragraph, strong } from '../blocks';
import { formatPopulation, preheaderHtml } from '../html';
import type { EmailMessage } from '../message';
import { emailParts } from './parts';

export interface AlertMatch {
  city: City;
  score: number;
  reasons: string[];
}

/** "Both want arts & culture; same time zone" → first letter up, parts joined. */
function reasonsInWords(reasons: string[]): string {
  const sentence = reasons.join('; ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/**
 * @example
 * await mailer.send(memberAlertEmail(member, matches, { publicUrl, manageUrl }));
 */
export function memberAlertEmail(
  member: { email: string; name: string },
  matches: AlertMatch[],
  options: { publicUrl: string; manageUrl: string },
): EmailMessage {
  const one = matches.length === 1;
  return {
    to: [member.email],
    subject: one
      ? `A new city seeking a U.S. sister city fits ${member.name}: ${matches[0]!.city.name}`
      : `${matches.length} new cities seeking a U.S. sister city fit ${member.name}`,
    ...emailParts(
      {
        title: one ? 'A new city fits your profile' : 'New cities fit your profile',
        preheaderHtml: preheaderHtml(matches.map(({ city }) => city.name).join(', ')),
        footer: paragraph(
          `You receive these alerts, at most one a week, because ${member.name} has a member profile. To change the profile or turn these alerts off: `,
          link('manage your profile', options.manageUrl),
          '.',
        ),
      },
      [
        paragraph('Hello,'),
        paragraph(`${one ? 'This city was' : 'These cities were'} recently approved in City Search and fit${one ? 's' : ''} the profile of ${member.name}:`),
        list(
          matches.map(({ city, reasons }) =>
            inline(
              strong(`${city.name}, ${countryName(city.country)}`),
              ` (population ${formatPopulation(city.population)})\n${reasonsInWords(reasons)}\n`,
              link(`See ${city.name}`, `${options.publicUrl}/cities/${city.id}`),
            ),
          ),
        ),
        paragraph('To write to a city, open its page and send an inquiry; a coordinator will put you in touch.'),
      ],
    ),
  };
}
