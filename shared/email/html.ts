/**
 * HTML for email: escaping and a plain, table-based layout with inline styles that common
 * mail clients render (no scripts, no external images or fonts). Optional pieces (the
 * preheader, the digest's top line) are built by their callers, so a function bundle carries
 * only the markup its emails use.
 */

/** The program's name: the header of every email and the sign-off of every text part. */
export const PROGRAM = 'Cities Seeking Cities';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML content and attribute values.
 *
 * @example
 * escapeHtml('<b>"Tom" & Jerry</b>') // '&lt;b&gt;&quot;Tom&quot; &amp; Jerry&lt;/b&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/** Options of {@link emailLayout}. HTML options must already be escaped. */
export interface EmailLayoutOptions {
  /** The document title (and the visible heading unless `heading` is given). */
  title: string;
  /** The visible heading, when it should differ from the document title. */
  heading?: string;
  /** Inbox preview text, made by {@link preheaderHtml}. */
  preheaderHtml?: string;
  /** A small line above the card, e.g. "View this email in your browser" (a 600px table of its own). */
  topHtml?: string;
  bodyHtml: string;
  footerHtml?: string;
}

/**
 * The opening tag of a layout table: presentational, no cell spacing.
 *
 * @example
 * `${tableTag('100%', 'border-collapse:collapse')}<tr><td>…</td></tr></table>`
 */
export function tableTag(width: string, style: string): string {
  return `<table role="presentation" width="${width}" cellpadding="0" cellspacing="0" style="${style}">`;
}

/**
 * Inbox preview text: mail clients show the first text of the body after the subject, so this
 * is that first text, a small line above the card. It is visible, in a colour that contrasts
 * with the page: text hidden from the reader (display:none, a 1px font, a colour close to the
 * background) is what spam filters score (SpamAssassin's FONT_INVIS_MSGID and
 * HTML_FONT_LOW_CONTRAST). A function of its own, so only the emails that have one carry it.
 *
 * @example
 * emailLayout({ title, preheaderHtml: preheaderHtml('Please confirm by March 1.'), bodyHtml })
 */
export function preheaderHtml(text: string): string {
  return `${tableTag('600', 'max-width:600px;width:100%')}<tr><td align="center" style="padding:0 4px 10px;font-family:Arial,Helvetica,sans-serif;font-size:13px;line-height:1.5;color:#1d2731">${escapeHtml(text)}</td></tr></table>\n`;
}

/**
 * Wraps already-escaped body HTML in the program's email layout.
 *
 * @example
 * const html = emailLayout({ title: 'New registration', bodyHtml: renderHtml(blocks) });
 */
export function emailLayout(options: EmailLayoutOptions): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(options.title)}</title></head>
<body style="margin:0;padding:0;background:#f3f5f7">
${tableTag('100%', 'background:#f3f5f7')}<tr><td align="center" style="padding:24px 12px">
${options.preheaderHtml ?? ''}${options.topHtml ?? ''}${tableTag('600', 'max-width:600px;width:100%;background:#ffffff;border-radius:6px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1d2731')}
<tr><td style="background:#12466e;color:#ffffff;padding:16px 24px;border-radius:6px 6px 0 0;font-size:18px;font-weight:bold">${PROGRAM}</td></tr>
<tr><td style="padding:24px">
<h1 style="font-size:20px;margin:0 0 16px;color:#12466e">${escapeHtml(options.heading ?? options.title)}</h1>
${options.bodyHtml}
</td></tr>
<tr><td style="padding:16px 24px;color:#666;font-size:12px;border-top:1px solid #e3e7eb">${options.footerHtml ?? `${PROGRAM} helps communities abroad find a sister city in the United States.`}</td></tr>
</table></td></tr></table></body></html>`;
}

/**
 * Formats a whole number with thousands separators.
 *
 * @example
 * formatPopulation(783000) // '783,000'
 */
export function formatPopulation(population: number): string {
  return population.toLocaleString('en-US');
}
