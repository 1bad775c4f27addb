/**
 * The digest's content, section by section, as blocks every edition shares: the intro
 * question, the featured cities, a member's suggestions, City Search, the Best Practice
 * Spotlight and "What is Cities Seeking Cities?". Modelled on the program's own newsletter.
 */
import { countryName } from '../cities/countries';
import { interestLabel } from '../cities/interests';
import { link, paragraph, userText, type Block } from '../email/blocks';
import { formatPopulation } from '../email/html';
import { callout, facts, heading, lead, rule } from './render-blocks';
import type { Digest, FeaturedCity } from './schema';

/**
 * A featured city that fits the reader's member profile (`shared/matching/score.ts`), for the
 * optional "Suggested for you" block of a member's digest. Plain text; escaped when rendered.
 */
export interface DigestSuggestion {
  name: string;
  url: string;
  reasons: string[];
}

/** What only a member's digest carries: suggestions among the featured cities, and the link to their profile. */
export interface MemberExtras {
  suggestions: DigestSuggestion[];
  profileUrl?: string;
}

/**
 * Snapshots are validated when cities register, but a name is also a heading and part of the
 * subject: never let a stray control character (CR/LF) through.
 *
 * @example
 * oneLine('Vientiane\r\nBcc: x') // 'Vientiane Bcc: x'
 */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * "a, b and c", or with `oxford` "a, b, and c" (the newsletter's style for the intro).
 *
 * @example
 * joinList(['Laos', 'Pakistan', 'North Macedonia'], true) // 'Laos, Pakistan, and North Macedonia'
 */
export function joinList(items: string[], oxford = false): string {
  if (items.length <= 1) return items[0] ?? '';
  if (items.length === 2) return `${items[0]} and ${items[1]}`;
  return `${items.slice(0, -1).join(', ')}${oxford ? ',' : ''} and ${items[items.length - 1]}`;
}

/**
 * The public site's address without a trailing slash.
 *
 * @example
 * siteUrl('https://cities.example.org/') // 'https://cities.example.org'
 */
export function siteUrl(publicUrl: string): string {
  return publicUrl.replace(/\/+$/, '');
}

/** Where the digest links on the public site. */
export const urls = {
  digest: (publicUrl: string, month: string) => `${siteUrl(publicUrl)}/digests/${encodeURIComponent(month)}`,
  archive: (publicUrl: string) => `${siteUrl(publicUrl)}/digests`,
  city: (publicUrl: string, id: string) => `${siteUrl(publicUrl)}/cities/${encodeURIComponent(id)}`,
  // The City Search link ticks "Only show cities seeking cities" for the reader.
  citySearch: (publicUrl: string) => `${siteUrl(publicUrl)}/cities?seeking=true`,
  subscribe: (publicUrl: string) => `${siteUrl(publicUrl)}/subscribe`,
  home: (publicUrl: string) => `${siteUrl(publicUrl)}/`,
};

/**
 * The intro's hook question and its answer, worded for 0, 1 or several cities.
 *
 * @example
 * introParts([kumasi]) // { question: 'Where is Kumasi?', answer: 'In Ghana, and it is looking for a sister city in the U.S.!' }
 */
export function introParts(featured: FeaturedCity[]): { question: string; answer: string } {
  const names = featured.map((city) => oneLine(city.name));
  const countries = [...new Set(featured.map((city) => city.country))].map(countryName);
  if (featured.length === 0) {
    return {
      question: 'Who is looking for a U.S. sister city?',
      answer: 'No new community was ready to be featured this month, but City Search lists every city that is looking for a U.S. partner.',
    };
  }
  if (featured.length === 1) {
    return { question: `Where is ${names[0]}?`, answer: `In ${countries[0]}, and it is looking for a sister city in the U.S.!` };
  }
  const all = featured.length === 2 ? 'both' : 'all';
  if (countries.length === 1) {
    return {
      question: `What do ${joinList(names, true)} have in common?`,
      answer: `They are ${all} cities in ${countries[0]} that are looking for sister cities in the U.S.!`,
    };
  }
  return {
    question: `What do ${joinList(countries, true)} have in common?`,
    answer: `They ${all} have cities that are looking for sister cities in the U.S.!`,
  };
}

function introBlocks(featured: FeaturedCity[]): Block[] {
  const { question, answer } = introParts(featured);
  const count = featured.length;
  // The program's promise is three a month; say so when a month falls short.
  const thisMonth = count > 0 && count < 3 ? ` This month we feature ${count === 1 ? 'one' : 'two'}.` : '';
  return [
    heading(2, question),
    lead(answer),
    paragraph(
      `Each month, Cities Seeking Cities highlights three communities that are searching for a sister city in the United States.${thisMonth} ` +
        'If your community is looking for a new partner and one of them could be a good match, open its page and send an inquiry: ' +
        'a program coordinator will answer and help you get in touch.',
    ),
  ];
}

function cityFacts(city: FeaturedCity): Array<[string, string]> {
  const rows: Array<[string, string]> = [['Population', formatPopulation(city.population)]];
  if (city.region && oneLine(city.region)) rows.push(['Region', oneLine(city.region)]);
  if (city.interests.length > 0) rows.push(['Interested in', city.interests.map(interestLabel).join(', ')]);
  return rows;
}

// The city's own website is left out on purpose: the digest links only to our site, where the
// reader can see the whole listing and send an inquiry through the coordinator.
function cityBlocks(city: FeaturedCity, publicUrl: string): Block[] {
  const name = oneLine(city.name);
  const href = urls.city(publicUrl, city.id);
  return [
    rule,
    heading(3, `${name}, ${countryName(city.country)}`, href),
    facts(cityFacts(city)),
    ...userText(city.description),
    paragraph(link(`Learn more about ${name} and send an inquiry`, href)),
  ];
}

/** "Suggested for you": only in a member's email, after the featured cities; nothing otherwise. */
function suggestionBlocks(extras: MemberExtras | undefined): Block[] {
  if (!extras || (extras.suggestions.length === 0 && !extras.profileUrl)) return [];
  const profile = extras.profileUrl ? [paragraph(link('See or change your member profile', extras.profileUrl))] : [];
  if (extras.suggestions.length === 0) {
    return [rule, paragraph('None of this month\u2019s communities is a close match for your member profile.'), ...profile];
  }
  return [
    rule,
    heading(2, 'Suggested for you'),
    paragraph('Based on your member profile, these communities from this month could be a good match:'),
    ...extras.suggestions.flatMap((suggestion): Block[] => {
      const name = oneLine(suggestion.name);
      const reasons = suggestion.reasons.map(oneLine).filter((reason) => reason !== '');
      return [
        heading(3, name, suggestion.url),
        ...(reasons.length > 0 ? [paragraph(`Why: ${reasons.join('; ')}.`)] : []),
        paragraph(link(`See ${name}`, suggestion.url)),
      ];
    }),
    ...profile,
  ];
}

function spotlightBlocks(digest: Digest): Block[] {
  const body = userText(digest.spotlight.body);
  if (body.length === 0) return [];
  const title = oneLine(digest.spotlight.title);
  return [heading(2, 'Best Practice Spotlight'), ...(title ? [heading(3, title)] : []), ...body];
}

/**
 * The body every edition shares: intro, cities, a member's suggestions, City Search,
 * spotlight, about.
 *
 * @example
 * renderHtml(digestContent(digest, publicUrl))
 */
export function digestContent(digest: Digest, publicUrl: string, extras?: MemberExtras): Block[] {
  return [
    ...introBlocks(digest.featured),
    ...digest.featured.flatMap((city) => cityBlocks(city, publicUrl)),
    ...suggestionBlocks(extras),
    rule,
    callout([
      paragraph('You can find a full list of international communities interested in a U.S. partner with ', link('City Search', urls.citySearch(publicUrl)), '.'),
      paragraph('The link opens City Search with \u201cOnly show cities seeking cities\u201d already ticked, so you see only communities that are looking for a partner now.'),
    ]),
    ...spotlightBlocks(digest),
    heading(2, 'What is Cities Seeking Cities?'),
    paragraph(
      'Cities Seeking Cities helps communities outside the United States find a U.S. sister city. ' +
        'Cities abroad register and describe themselves, and a program coordinator reviews each one. ' +
        'U.S. communities find them in City Search and send an inquiry; the coordinator then introduces the two sides. ' +
        'Every match is made by people, one conversation at a time.',
    ),
    paragraph(link('Learn more about the program', urls.home(publicUrl))),
  ];
}
