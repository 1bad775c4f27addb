/**
 * The monthly digest as an email (HTML and plain text), as a standalone web page for the
 * archive, and as a preview for coordinators.
 *
 * The content is built once as a small list of blocks (headings, paragraphs with links, facts)
 * and then rendered to HTML or to text. That keeps the two parts of the email and the web page
 * saying exactly the same thing: a section is written in one place only. The editions differ
 * only in the line above the card and in the footer (the email's unsubscribe footer must never
 * reach the public web page).
 *
 * Modelled on the program's own newsletter: an intro question, the featured cities with country,
 * population and a paragraph, City Search, the Best Practice Spotlight and "What is Cities
 * Seeking Cities?".
 */
import { countryName } from '../cities/countries';
import { interestLabel } from '../cities/interests';
import { emailLayout, escapeHtml, formatPopulation } from '../email/html';
import type { EmailMessage } from '../email/message';
import { monthName, type Digest, type FeaturedCity } from './schema';

/** Where the links of a subscriber's digest email point. */
export interface DigestLinks {
  /** The public site, e.g. `https://cities.example.org` (a trailing slash is tolerated). */
  publicUrl: string;
  /** The page that asks to confirm unsubscribing (a GET there never unsubscribes). */
  unsubscribePage: string;
  /** The RFC 8058 one-click URL: only for the List-Unsubscribe header, never in the body. */
  oneClickUnsubscribe: string;
}

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
interface MemberExtras {
  suggestions: DigestSuggestion[];
  profileUrl?: string;
}

// ---------------------------------------------------------------------------------------------
// Content model
// ---------------------------------------------------------------------------------------------

/** Text, or a link. Text may hold line breaks. */
type Inline = string | { text: string; href: string };

type Block =
  | { kind: 'heading'; level: 2 | 3; text: string; href?: string }
  | { kind: 'paragraph'; content: Inline[]; lead?: boolean }
  | { kind: 'facts'; rows: Array<[label: string, value: string]> }
  | { kind: 'callout'; blocks: Block[] }
  | { kind: 'rule' };

const paragraph = (...content: Inline[]): Block => ({ kind: 'paragraph', content });
const link = (text: string, href: string): Inline => ({ text, href });

// Snapshots are validated when cities register, but a name is also a heading and part of the
// subject: never let a stray control character (CR/LF) through.
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** User text (a description, the spotlight body) as paragraphs split on blank lines. */
function textBlocks(text: string): Block[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block !== '')
    .map((block) => paragraph(block));
}

/** "a, b and c", or with `oxford` "a, b, and c" (the newsletter's style for the intro). */
function joinList(items: string[], oxford = false): string {
  if (items.length <= 1) return items[0] ?? '';
  if (items.length === 2) return `${items[0]} and ${items[1]}`;
  return `${items.slice(0, -1).join(', ')}${oxford ? ',' : ''} and ${items[items.length - 1]}`;
}

function siteUrl(publicUrl: string): string {
  return publicUrl.replace(/\/+$/, '');
}

const urls = {
  digest: (publicUrl: string, month: string) => `${siteUrl(publicUrl)}/digests/${encodeURIComponent(month)}`,
  archive: (publicUrl: string) => `${siteUrl(publicUrl)}/digests`,
  city: (publicUrl: string, id: string) => `${siteUrl(publicUrl)}/cities/${encodeURIComponent(id)}`,
  // The City Search link ticks "Only show cities seeking cities" for the reader.
  citySearch: (publicUrl: string) => `${siteUrl(publicUrl)}/cities?seeking=true`,
  subscribe: (publicUrl: string) => `${siteUrl(publicUrl)}/subscribe`,
  home: (publicUrl: string) => `${siteUrl(publicUrl)}/`,
};

// ---------------------------------------------------------------------------------------------
// Sections (shared by every edition)
// ---------------------------------------------------------------------------------------------

function distinctCountries(featured: FeaturedCity[]): string[] {
  return [...new Set(featured.map((city) => city.country))].map(countryName);
}

/** The intro's hook question and its answer, worded for 0, 1 or several cities. */
function introParts(featured: FeaturedCity[]): { question: string; answer: string } {
  const names = featured.map((city) => oneLine(city.name));
  const countries = distinctCountries(featured);
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
    { kind: 'heading', level: 2, text: question },
    { kind: 'paragraph', lead: true, content: [answer] },
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
    { kind: 'heading', level: 3, text: `${name}, ${countryName(city.country)}`, href },
    { kind: 'facts', rows: cityFacts(city) },
    ...textBlocks(city.description),
    paragraph(link(`Learn more about ${name} and send an inquiry`, href)),
  ];
}

function featuredBlocks(featured: FeaturedCity[], publicUrl: string): Block[] {
  return featured.flatMap((city) => [{ kind: 'rule' } as Block, ...cityBlocks(city, publicUrl)]);
}

/** "Suggested for you": only in a member's email, after the featured cities; nothing otherwise. */
function suggestionBlocks(extras: MemberExtras | undefined): Block[] {
  if (!extras || (extras.suggestions.length === 0 && !extras.profileUrl)) return [];
  const profile = extras.profileUrl
    ? [paragraph(link('See or change your member profile', extras.profileUrl))]
    : [];
  if (extras.suggestions.length === 0) {
    return [{ kind: 'rule' }, paragraph('None of this month\u2019s communities is a close match for your member profile.'), ...profile];
  }
  return [
    { kind: 'rule' },
    { kind: 'heading', level: 2, text: 'Suggested for you' },
    paragraph('Based on your member profile, these communities from this month could be a good match:'),
    ...extras.suggestions.flatMap((suggestion): Block[] => {
      const name = oneLine(suggestion.name);
      const reasons = suggestion.reasons.map(oneLine).filter((reason) => reason !== '');
      return [
        { kind: 'heading', level: 3, text: name, href: suggestion.url },
        ...(reasons.length > 0 ? [paragraph(`Why: ${reasons.join('; ')}.`)] : []),
        paragraph(link(`See ${name}`, suggestion.url)),
      ];
    }),
    ...profile,
  ];
}

function citySearchBlocks(publicUrl: string): Block[] {
  return [
    {
      kind: 'callout',
      blocks: [
        paragraph(
          'You can find a full list of international communities interested in a U.S. partner with ',
          link('City Search', urls.citySearch(publicUrl)),
          '.',
        ),
        paragraph('The link opens City Search with \u201cOnly show cities seeking cities\u201d already ticked, so you see only communities that are looking for a partner now.'),
      ],
    },
  ];
}

function spotlightBlocks(digest: Digest): Block[] {
  const body = textBlocks(digest.spotlight.body);
  if (body.length === 0) return [];
  const title = oneLine(digest.spotlight.title);
  const heading: Block = { kind: 'heading', level: 2, text: 'Best Practice Spotlight' };
  return title ? [heading, { kind: 'heading', level: 3, text: title }, ...body] : [heading, ...body];
}

function aboutBlocks(publicUrl: string): Block[] {
  return [
    { kind: 'heading', level: 2, text: 'What is Cities Seeking Cities?' },
    paragraph(
      'Cities Seeking Cities helps communities outside the United States find a U.S. sister city. ' +
        'Cities abroad register and describe themselves, and a program coordinator reviews each one. ' +
        'U.S. communities find them in City Search and send an inquiry; the coordinator then introduces the two sides. ' +
        'Every match is made by people, one conversation at a time.',
    ),
    paragraph(link('Learn more about the program', urls.home(publicUrl))),
  ];
}

/** The body every edition shares: intro, cities, City Search, spotlight, about. */
function digestContent(digest: Digest, publicUrl: string, extras?: MemberExtras): Block[] {
  return [
    ...introBlocks(digest.featured),
    ...featuredBlocks(digest.featured, publicUrl),
    ...suggestionBlocks(extras),
    { kind: 'rule' },
    ...citySearchBlocks(publicUrl),
    ...spotlightBlocks(digest),
    ...aboutBlocks(publicUrl),
  ];
}

// ---------------------------------------------------------------------------------------------
// Editions: what differs between the email and the web page
// ---------------------------------------------------------------------------------------------

interface Edition {
  top: Inline[];
  footer: Block[];
}

function emailEdition(digest: Digest, links: Pick<DigestLinks, 'publicUrl' | 'unsubscribePage'>): Edition {
  const webVersion = urls.digest(links.publicUrl, digest.month);
  return {
    top: [link('View this email in your browser', webVersion)],
    footer: [
      paragraph('You are receiving this email because you subscribed to the Cities Seeking Cities monthly digest.'),
      // The visible link goes to a page that asks to confirm: link scanners open every GET.
      paragraph(link('Unsubscribe', links.unsubscribePage), ' \u00b7 ', link('View this email in your browser', webVersion)),
    ],
  };
}

function webEdition(digest: Digest, publicUrl: string): Edition {
  return {
    top: [`The ${monthName(digest.month)} digest \u00b7 `, link('All digests', urls.archive(publicUrl))],
    footer: [
      paragraph('One email a month, with three communities looking for a sister city in the United States.'),
      paragraph(link('Subscribe to the monthly digest', urls.subscribe(publicUrl)), ' \u00b7 ', link('All digests', urls.archive(publicUrl))),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Rendering blocks
// ---------------------------------------------------------------------------------------------

const LINK_STYLE = 'color:#12466e;text-decoration:underline';

function inlineHtml(content: Inline[]): string {
  return content
    .map((part) =>
      typeof part === 'string'
        ? escapeHtml(part).replace(/\n/g, '<br>')
        : `<a href="${escapeHtml(part.href)}" style="${LINK_STYLE}">${escapeHtml(part.text)}</a>`,
    )
    .join('');
}

function headingHtml(block: Extract<Block, { kind: 'heading' }>): string {
  const text = block.href ? inlineHtml([link(block.text, block.href)]) : escapeHtml(block.text);
  return block.level === 2
    ? `<h2 style="font-size:18px;line-height:1.3;margin:20px 0 10px;color:#1d2731">${text}</h2>`
    : `<h3 style="font-size:17px;line-height:1.3;margin:0 0 6px;color:#12466e">${text}</h3>`;
}

function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return headingHtml(block);
    case 'paragraph':
      return block.lead
        ? `<p style="margin:0 0 12px;font-size:16px;font-weight:bold;color:#12466e">${inlineHtml(block.content)}</p>`
        : `<p style="margin:0 0 12px">${inlineHtml(block.content)}</p>`;
    case 'facts':
      return `<p style="margin:0 0 12px;color:#3b4a57">${block.rows
        .map(([label, value]) => `<strong>${escapeHtml(label)}:</strong> ${escapeHtml(value)}`)
        .join('<br>')}</p>`;
    case 'callout':
      // A table cell, not a styled div: the background survives Outlook and dark-mode inversion.
      return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:8px 0 8px"><tr><td bgcolor="#eaf1f7" style="background:#eaf1f7;border-left:4px solid #12466e;padding:14px 16px 2px;color:#1d2731">${blocksHtml(block.blocks)}</td></tr></table>`;
    case 'rule':
      return '<hr style="border:0;border-top:1px solid #e3e7eb;margin:20px 0">';
  }
}

function blocksHtml(blocks: Block[]): string {
  return blocks.map(blockHtml).join('\n');
}

function inlineText(content: Inline[]): string {
  return content.map((part) => (typeof part === 'string' ? part : `${part.text} (${part.href})`)).join('');
}

function underline(text: string, char: string): string {
  return `${text}\n${char.repeat([...text].length)}`;
}

// Headings stay plain in text: each section that links from its heading carries the same link
// in its body, written out.
function blockText(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return block.level === 2 ? underline(block.text, '-') : block.text;
    case 'paragraph':
      return inlineText(block.content);
    case 'facts':
      return block.rows.map(([label, value]) => `${label}: ${value}`).join('\n');
    case 'callout':
      return blocksText(block.blocks);
    case 'rule':
      return '* * *';
  }
}

function blocksText(blocks: Block[]): string {
  return blocks.map(blockText).join('\n\n');
}

// ---------------------------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------------------------

function digestTitle(digest: Digest): string {
  return `Cities Seeking Cities \u2014 ${monthName(digest.month)}`;
}

function digestHeading(digest: Digest): string {
  return `${monthName(digest.month)} digest`;
}

function digestHtml(digest: Digest, publicUrl: string, edition: Edition, preheader?: string, extras?: MemberExtras): string {
  return emailLayout({
    title: digestTitle(digest),
    heading: digestHeading(digest),
    preheader,
    topHtml: inlineHtml(edition.top),
    bodyHtml: blocksHtml(digestContent(digest, publicUrl, extras)),
    footerHtml: blocksHtml(edition.footer),
  });
}

function digestText(digest: Digest, publicUrl: string, edition: Edition, extras?: MemberExtras): string {
  return [
    inlineText(edition.top),
    `Cities Seeking Cities\n${underline(digestHeading(digest), '=')}`,
    blocksText(digestContent(digest, publicUrl, extras)),
    '* * *',
    blocksText(edition.footer),
  ].join('\n\n') + '\n';
}

// The preheader repeats the hook question, so the inbox preview is not "View this email…".
function emailHtml(digest: Digest, publicUrl: string, edition: Edition, extras?: MemberExtras): string {
  return digestHtml(digest, publicUrl, edition, introParts(digest.featured).question, extras);
}

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/**
 * The digest's subject: the month and the featured cities, on one line.
 *
 * @example
 * digestSubject(digest) // 'Cities Seeking Cities — December 2026: Vientiane, Peshawar City and Tetovo'
 */
export function digestSubject(digest: Digest): string {
  const names = digest.featured.map((city) => oneLine(city.name)).filter((name) => name !== '');
  const subject = names.length > 0 ? `${digestTitle(digest)}: ${joinList(names)}` : digestTitle(digest);
  return oneLine(subject);
}

/**
 * The intro's hook question and its answer, as in the newsletter: countries by name, each
 * once, with an Oxford comma. One city gets a "Where is…?" question instead.
 *
 * @example
 * introQuestion(featured)
 * // 'What do Laos, Pakistan, and North Macedonia have in common? They all have cities that are looking for sister cities in the U.S.!'
 * introQuestion([kumasi]) // 'Where is Kumasi? In Ghana, and it is looking for a sister city in the U.S.!'
 */
export function introQuestion(featured: FeaturedCity[]): string {
  const { question, answer } = introParts(featured);
  return `${question} ${answer}`;
}

/**
 * A subscriber's digest email: HTML and text parts, and the RFC 8058 one-click unsubscribe
 * headers. The body links only to the unsubscribe *page*; the one-click URL stays in the header.
 *
 * @example
 * A reader with an active member profile also gets `suggestions` (featured cities that fit
 * them, with reasons) after the featured cities, and `profileUrl` (their signed manage link).
 *
 * @example
 * await mailer.send(renderDigestEmail(digest, { publicUrl, unsubscribePage, oneClickUnsubscribe }, subscriber.email));
 */
export function renderDigestEmail(
  digest: Digest,
  links: DigestLinks,
  to: string,
  suggestions?: DigestSuggestion[],
  profileUrl?: string,
): EmailMessage {
  const edition = emailEdition(digest, links);
  const extras = suggestions || profileUrl ? { suggestions: suggestions ?? [], profileUrl } : undefined;
  return {
    to: [to],
    subject: digestSubject(digest),
    text: digestText(digest, links.publicUrl, edition, extras),
    html: emailHtml(digest, links.publicUrl, edition, extras),
    headers: {
      'List-Unsubscribe': `<${links.oneClickUnsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}

/**
 * The digest as a standalone public web page for the archive: same content as the email, with
 * no subscriber data and a subscribe link instead of the unsubscribe footer.
 *
 * @example
 * return html(200, renderDigestWebPage(digest, config().PUBLIC_URL));
 */
export function renderDigestWebPage(digest: Digest, publicUrl: string): string {
  return digestHtml(digest, publicUrl, webEdition(digest, publicUrl));
}

/**
 * The email's HTML exactly as it would go out, with placeholder unsubscribe links, for
 * coordinators to check a month before it is sent.
 *
 * @example
 * return html(200, renderDigestPreview(digest, config().PUBLIC_URL));
 */
export function renderDigestPreview(digest: Digest, publicUrl: string): string {
  const unsubscribePage = `${siteUrl(publicUrl)}/unsubscribe?token=preview`;
  return emailHtml(digest, publicUrl, emailEdition(digest, { publicUrl, unsubscribePage }));
}
