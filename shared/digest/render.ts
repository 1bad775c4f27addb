/**
 * The monthly digest as an email (HTML and plain text), as a web page for the archive (in the
 * site's frame, shared/pages/frame.ts), and as a preview for coordinators.
 *
 * The content is built once as blocks (`render-sections.ts`) and rendered to HTML or to text,
 * so the two parts of the email and the web page say exactly the same thing. The editions
 * differ only in the line above the card and in the footer (the email's unsubscribe footer
 * must never reach the public web page).
 */
import { inline, link, paragraph, renderHtml, renderText, type Block } from '../email/blocks';
import { emailLayout, escapeHtml, preheaderHtml, tableTag } from '../email/html';
import { frame, SITE_STYLESHEET } from '../pages/frame';
import type { EmailMessage } from '../email/message';
import { underline } from './render-blocks';
import { digestContent, introParts, joinList, oneLine, siteUrl, urls, type DigestSuggestion, type MemberExtras } from './render-sections';
import { monthName, type Digest, type FeaturedCity } from './schema';

export type { DigestSuggestion } from './render-sections';

/** Where the links of a subscriber's digest email point. */
export interface DigestLinks {
  /** The public site, e.g. `https://cities.example.org` (a trailing slash is tolerated). */
  publicUrl: string;
  /** The page that asks to confirm unsubscribing (a GET there never unsubscribes). */
  unsubscribePage: string;
  /** The RFC 8058 one-click URL: only for the List-Unsubscribe header, never in the body. */
  oneClickUnsubscribe: string;
}

/** What differs between the email and the web page: the line above the card, and the footer. */
interface Edition {
  top: Block;
  footer: Block[];
}

function emailEdition(digest: Digest, links: Pick<DigestLinks, 'publicUrl' | 'unsubscribePage'>): Edition {
  const webVersion = link('View this email in your browser', urls.digest(links.publicUrl, digest.month));
  return {
    top: webVersion,
    footer: [
      paragraph('You are receiving this email because you subscribed to the Cities Seeking Cities monthly digest.'),
      // The visible link goes to a page that asks to confirm: link scanners open every GET.
      paragraph(link('Unsubscribe', links.unsubscribePage), ' \u00b7 ', webVersion),
    ],
  };
}

function webEdition(digest: Digest, publicUrl: string): Edition {
  const archive = link('All digests', urls.archive(publicUrl));
  return {
    top: inline(`The ${monthName(digest.month)} digest \u00b7 `, archive),
    footer: [
      paragraph('One email a month, with three communities looking for a sister city in the United States.'),
      paragraph(link('Subscribe to the monthly digest', urls.subscribe(publicUrl)), ' \u00b7 ', archive),
    ],
  };
}

// Its own 600px table, so the line lines up with the card below it in every client.
function topLineHtml(edition: Edition): string {
  return `${tableTag('600', 'max-width:600px;width:100%')}<tr><td align="center" style="padding:0 4px 10px;font-family:Arial,Helvetica,sans-serif;font-size:12px;line-height:1.5;color:#555555">${edition.top.html}</td></tr></table>\n`;
}

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
    preheaderHtml: preheader && preheaderHtml(preheader),
    topHtml: topLineHtml(edition),
    bodyHtml: renderHtml(digestContent(digest, publicUrl, extras)),
    footerHtml: renderHtml(edition.footer),
  });
}

function digestText(digest: Digest, publicUrl: string, edition: Edition, extras?: MemberExtras): string {
  return [
    edition.top.text,
    `Cities Seeking Cities\n${underline(digestHeading(digest), '=')}`,
    renderText(digestContent(digest, publicUrl, extras)),
    '* * *',
    renderText(edition.footer),
  ].join('\n\n') + '\n';
}

// The preheader repeats the hook question, so the inbox preview is not "View this email…".
function emailHtml(digest: Digest, publicUrl: string, edition: Edition, extras?: MemberExtras): string {
  return digestHtml(digest, publicUrl, edition, introParts(digest.featured).question, extras);
}

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
 * The digest as a public web page for the archive: same content as the email, with no
 * subscriber data and a subscribe link instead of the unsubscribe footer, in the frame of every
 * page of the site (its header, navigation and footer), the content in `<main>`.
 *
 * @example
 * return html(200, renderDigestWebPage(digest, publicUrl()));
 */
export function renderDigestWebPage(digest: Digest, publicUrl: string): string {
  const edition = webEdition(digest, publicUrl);
  return frame({
    title: digestTitle(digest),
    description: digestSubject(digest),
    stylesheet: SITE_STYLESHEET,
    current: '/digests',
    main: `<div class="letter">\n${topLineHtml(edition)}${webCardHtml(digest, publicUrl, edition)}</div>`,
  });
}

// The email's card without its name bar (the site's header says it), so the web version reads
// as the email does. The email's own document, with its outer table, stays the email's.
function webCardHtml(digest: Digest, publicUrl: string, edition: Edition): string {
  return `${tableTag('600', 'max-width:600px;width:100%;background:#ffffff;border-radius:6px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1d2731')}
<tr><td style="padding:24px">
<h1 style="font-size:20px;margin:0 0 16px;color:#12466e">${escapeHtml(digestHeading(digest))}</h1>
${renderHtml(digestContent(digest, publicUrl))}
</td></tr>
<tr><td style="padding:16px 24px;color:#666;font-size:12px;border-top:1px solid #e3e7eb">${renderHtml(edition.footer)}</td></tr>
</table>
`;
}

/**
 * The email's HTML exactly as it would go out, with placeholder unsubscribe links, for
 * coordinators to check a month before it is sent.
 *
 * @example
 * return html(200, renderDigestPreview(digest, publicUrl()));
 */
export function renderDigestPreview(digest: Digest, publicUrl: string): string {
  const unsubscribePage = `${siteUrl(publicUrl)}/unsubscribe?token=preview`;
  return emailHtml(digest, publicUrl, emailEdition(digest, { publicUrl, unsubscribePage }));
}
