/**
 * HTML for email: escaping and a plain, table-based layout with inline styles that common
 * mail clients render (no scripts, no external images or fonts).
 */

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

/** Escaped text whose line breaks become `<br>`. */
export function paragraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((block) => `<p style="margin:0 0 12px">${escapeHtml(block).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** A definition table of label → value rows (values escaped; empty values skipped). */
export function detailsTable(rows: Array<[string, string | undefined | null]>): string {
  const body = rows
    .filter((row): row is [string, string] => typeof row[1] === 'string' && row[1] !== '')
    .map(
      ([label, value]) =>
        `<tr><th align="left" valign="top" style="padding:4px 12px 4px 0;color:#555;font-weight:600;white-space:nowrap">${escapeHtml(label)}</th>` +
        `<td style="padding:4px 0">${escapeHtml(value).replace(/\n/g, '<br>')}</td></tr>`,
    )
    .join('');
  return `<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 16px">${body}</table>`;
}

/** A label → value list for the plain-text part. */
export function detailsText(rows: Array<[string, string | undefined | null]>): string {
  return rows
    .filter((row): row is [string, string] => typeof row[1] === 'string' && row[1] !== '')
    .map(([label, value]) => `${label}: ${value.includes('\n') ? `\n${value}` : value}`)
    .join('\n');
}

/** Options of {@link emailLayout}. HTML options must already be escaped. */
export interface EmailLayoutOptions {
  /** The document title (and the visible heading unless `heading` is given). */
  title: string;
  /** The visible heading, when it should differ from the document title. */
  heading?: string;
  /** Inbox preview text: hidden in the body, shown by mail clients after the subject. */
  preheader?: string;
  /** A small line above the card, e.g. "View this email in your browser". */
  topHtml?: string;
  bodyHtml: string;
  footerHtml?: string;
}

// Hidden the ways the common clients honour (Outlook needs mso-hide; Gmail, display:none).
function preheaderHtml(text: string | undefined): string {
  if (!text) return '';
  return `<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;font-size:1px;line-height:1px;color:#f3f5f7;opacity:0">${escapeHtml(text)}</div>\n`;
}

// Its own 600px table, so the line lines up with the card below it in every client.
function topLineHtml(html: string | undefined): string {
  if (!html) return '';
  return `<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%"><tr><td align="center" style="padding:0 4px 10px;font-family:Arial,Helvetica,sans-serif;font-size:12px;line-height:1.5;color:#555555">${html}</td></tr></table>\n`;
}

/**
 * Wraps already-escaped body HTML in the program's email layout.
 *
 * @example
 * const html = emailLayout({ title: 'New registration', bodyHtml: paragraphs(text) });
 */
export function emailLayout(options: EmailLayoutOptions): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(options.title)}</title></head>
<body style="margin:0;padding:0;background:#f3f5f7">
${preheaderHtml(options.preheader)}<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f5f7"><tr><td align="center" style="padding:24px 12px">
${topLineHtml(options.topHtml)}<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border-radius:6px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1d2731">
<tr><td style="background:#12466e;color:#ffffff;padding:16px 24px;border-radius:6px 6px 0 0;font-size:18px;font-weight:bold">Cities Seeking Cities</td></tr>
<tr><td style="padding:24px">
<h1 style="font-size:20px;margin:0 0 16px;color:#12466e">${escapeHtml(options.heading ?? options.title)}</h1>
${options.bodyHtml}
</td></tr>
<tr><td style="padding:16px 24px;color:#666;font-size:12px;border-top:1px solid #e3e7eb">${options.footerHtml ?? 'Cities Seeking Cities helps communities abroad find a sister city in the United States.'}</td></tr>
</table></td></tr></table></body></html>`;
}

/** Formats a whole number with thousands separators (783,000). */
export function formatPopulation(population: number): string {
  return new Intl.NumberFormat('en-US').format(population);
}
