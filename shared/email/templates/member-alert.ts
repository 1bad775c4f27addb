/**
 * The weekly alert to a member: the newly approved cities that fit their profile, each with the
 * reasons it fits, and the link to change the profile or stop these alerts.
 */
import type { City } from '../../cities/schema';
import { countryName } from '../../cities/countries';
import { emailLayout, escapeHtml, formatPopulation } from '../html';
import type { EmailMessage } from '../message';

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
  const subject = one
    ? `A new city seeking a U.S. sister city fits ${member.name}: ${matches[0]!.city.name}`
    : `${matches.length} new cities seeking a U.S. sister city fit ${member.name}`;
  const intro = one
    ? `This city was recently approved in City Search and fits the profile of ${member.name}:`
    : `These cities were recently approved in City Search and fit the profile of ${member.name}:`;
  const why = 'To write to a city, open its page and send an inquiry; a coordinator will put you in touch.';
  const footer = `You receive these alerts, at most one a week, because ${member.name} has a member profile. To change the profile or stop these alerts:`;

  const textItems = matches.map(({ city, reasons }) =>
    [
      `- ${city.name}, ${countryName(city.country)} (population ${formatPopulation(city.population)})`,
      `  ${reasonsInWords(reasons)}`,
      `  ${options.publicUrl}/cities/${city.id}`,
    ].join('\n'),
  );
  const text = ['Hello,', '', intro, '', ...textItems.flatMap((item) => [item, '']), why, '', footer, options.manageUrl, '', 'Cities Seeking Cities'].join('\n');

  const htmlItems = matches
    .map(({ city, reasons }) => {
      const url = escapeHtml(`${options.publicUrl}/cities/${city.id}`);
      return (
        `<li style="margin:0 0 12px"><a href="${url}" style="color:#12466e;font-weight:bold">${escapeHtml(`${city.name}, ${countryName(city.country)}`)}</a>` +
        ` <span style="color:#555">(population ${escapeHtml(formatPopulation(city.population))})</span><br>${escapeHtml(reasonsInWords(reasons))}</li>`
      );
    })
    .join('');
  const manage = escapeHtml(options.manageUrl);
  const html = emailLayout({
    title: one ? 'A new city fits your profile' : 'New cities fit your profile',
    preheader: matches.map(({ city }) => city.name).join(', '),
    bodyHtml:
      '<p style="margin:0 0 12px">Hello,</p>' +
      `<p style="margin:0 0 12px">${escapeHtml(intro)}</p>` +
      `<ul style="margin:0 0 16px;padding-left:20px">${htmlItems}</ul>` +
      `<p style="margin:0">${escapeHtml(why)}</p>`,
    footerHtml: `${escapeHtml(footer)} <a href="${manage}" style="color:#12466e">manage your profile</a>.`,
  });
  return { to: [member.email], subject, text, html };
}
