/**
 * The block model of every email: content is stated once, as blocks, and each block is made
 * in both forms at once (plain text, and HTML with every piece of user text escaped), so the
 * two parts of an email cannot say different things.
 *
 * A block is only its two forms, not a tree to walk: each kind is a function, and a bundle
 * carries only the kinds its emails use.
 */
import { escapeHtml } from './html';

/** Content in both forms. Blocks and inline parts (a link, strong text) are made alike, so they nest. */
export interface Block {
  text: string;
  /** Already escaped. */
  html: string;
}

/** Plain text (escaped when it becomes HTML; line breaks become `<br>`), or a part made by this module. */
export type Part = string | Block;

// The opening of every paragraph; a note and the button's fallback line add to its style.
const P = '<p style="margin:0 0 12px';

/**
 * Parts run together, with no paragraph around them.
 *
 * @example
 * inline('Hi ', strong('<Ana>')) // { text: 'Hi <Ana>', html: 'Hi <strong>&lt;Ana&gt;</strong>' }
 */
export function inline(...parts: Part[]): Block {
  return {
    text: parts.map((part) => (typeof part == 'string' ? part : part.text)).join(''),
    html: parts.map((part) => (typeof part == 'string' ? escapeHtml(part).replace(/\n/g, '<br>') : part.html)).join(''),
  };
}

/**
 * A link: its label in HTML, the label and then the URL in parentheses in text.
 *
 * @example
 * link('City Search', url).text // 'City Search (https://cities.example.org/cities)'
 */
export function link(label: string, href: string): Block {
  return { text: `${label} (${href})`, html: `<a href="${escapeHtml(href)}" style="color:#12466e;text-decoration:underline">${escapeHtml(label)}</a>` };
}

/**
 * Text set in bold in HTML; plain in text.
 *
 * @example
 * paragraph(strong(organization), ' is interested in Tetovo.')
 */
export function strong(text: string): Block {
  return { text, html: `<strong>${escapeHtml(text)}</strong>` };
}

/**
 * A paragraph. A line break in it stays a line break in both forms.
 *
 * @example
 * paragraph('Good news: Tetovo is listed.\n', link('See its page', url))
 */
export function paragraph(...parts: Part[]): Block {
  const { text, html } = inline(...parts);
  return { text, html: `${P}">${html}</p>` };
}

/**
 * A paragraph set small and grey in HTML (a reference, a hint); plain in text.
 *
 * @example
 * note(`City id: ${city.id}`)
 */
export function note(...parts: Part[]): Block {
  const { text, html } = inline(...parts);
  return { text, html: `${P};font-size:13px;color:#555">${html}</p>` };
}

/**
 * Text a person wrote (a description, a message): one paragraph per blank-line-separated block,
 * trimmed, line breaks kept.
 *
 * @example
 * userText('Two rivers.\n\nOne university.') // two paragraphs
 */
export function userText(text: string): Block[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block !== '')
    .map((block) => paragraph(block));
}

/**
 * Label → value rows: a table in HTML, `Label: value` lines in text. Empty values are left out.
 *
 * @example
 * details([['City', city.name], ['Region', city.region]])
 */
export function details(rows: Array<[label: string, value: string | undefined | null]>): Block {
  const shown = rows.filter((row): row is [string, string] => !!row[1]);
  return {
    // A value of several lines starts on its own line, so it reads as a block.
    text: shown.map(([label, value]) => `${label}: ${value.includes('\n') ? `\n${value}` : value}`).join('\n'),
    html:
      '<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 16px">' +
      shown
        .map(
          ([label, value]) =>
            `<tr><th align="left" valign="top" style="padding:4px 12px 4px 0;color:#555;font-weight:600;white-space:nowrap">${escapeHtml(label)}</th>` +
            `<td style="padding:4px 0">${inline(value).html}</td></tr>`,
        )
        .join('') +
      '</table>',
  };
}

/**
 * A titled section: a heading in HTML, `Title:` on the line above its content in text.
 *
 * @example
 * section('Your message', ...userText(inquiry.message))
 */
export function section(title: string, ...blocks: Block[]): Block {
  return {
    text: `${title}:\n${renderText(blocks)}`,
    html: `<h2 style="font-size:16px;margin:16px 0 8px">${escapeHtml(title)}</h2>\n${renderHtml(blocks)}`,
  };
}

/**
 * A call to action: the `lead` sentence, then a button in HTML (with the link written out for
 * clients that break buttons); in text the URL on the line below the lead.
 *
 * @example
 * button('Yes, subscribe me', confirmUrl, 'To confirm your subscription, open this link:')
 */
export function button(label: string, href: string, ...lead: Part[]): Block {
  const url = escapeHtml(href);
  const { text, html } = paragraph(...lead);
  return {
    text: `${text}\n${href}`,
    html:
      `${html}\n<p style="margin:0 0 16px"><a href="${url}" style="display:inline-block;background:#12466e;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none;font-weight:bold">${escapeHtml(label)}</a></p>\n` +
      `${P};font-size:13px;color:#555">If the button does not work, copy this link into your browser:<br><a href="${url}" style="color:#12466e;word-break:break-all">${url}</a></p>`,
  };
}

/**
 * A bulleted list: `- ` items in text (continuation lines indented), a `<ul>` in HTML.
 *
 * @example
 * list([inline(strong('Tetovo'), ' (population 52,915)\nBoth want youth exchanges')])
 */
export function list(items: Block[]): Block {
  return {
    text: items.map((item) => `- ${item.text.replace(/\n/g, '\n  ')}`).join('\n\n'),
    html: `<ul style="margin:0 0 16px;padding-left:20px">${items.map((item) => `<li style="margin:0 0 12px">${item.html}</li>`).join('')}</ul>`,
  };
}

/**
 * The text form of blocks: one blank line between blocks.
 *
 * @example
 * renderText([paragraph('Hello,'), paragraph('Welcome.')]) // 'Hello,\n\nWelcome.'
 */
export function renderText(blocks: Block[]): string {
  return blocks.map((block) => block.text).join('\n\n');
}

/**
 * The HTML form of blocks, one per line.
 *
 * @example
 * renderHtml([paragraph('A & B')]) // '<p style="margin:0 0 12px">A &amp; B</p>'
 */
export function renderHtml(blocks: Block[]): string {
  return blocks.map((block) => block.html).join('\n');
}
