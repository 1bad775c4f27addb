/**
 * The digest's own kinds of block, in the shared block model (`shared/email/blocks.ts`): the
 * newsletter's headings, lead line, facts, City Search callout and section rules.
 */
import { link, renderHtml, renderText, type Block } from '../email/blocks';
import { escapeHtml, tableTag } from '../email/html';

/**
 * Text with a line of `char` under it, as long as the text.
 *
 * @example
 * underline('December 2026 digest', '=') // 'December 2026 digest\n===================='
 */
export function underline(text: string, char: string): string {
  return `${text}\n${char.repeat([...text].length)}`;
}

/**
 * A section (level 2) or city (level 3) heading. Underlined in text at level 2; a linked
 * heading keeps only its words in text, because each one repeats its link in its body.
 *
 * @example
 * heading(3, 'Tetovo, North Macedonia', cityUrl)
 */
export function heading(level: 2 | 3, text: string, href?: string): Block {
  const html = href ? link(text, href).html : escapeHtml(text);
  return level === 2
    ? { text: underline(text, '-'), html: `<h2 style="font-size:18px;line-height:1.3;margin:20px 0 10px;color:#1d2731">${html}</h2>` }
    : { text, html: `<h3 style="font-size:17px;line-height:1.3;margin:0 0 6px;color:#12466e">${html}</h3>` };
}

/**
 * The answer under the intro question, set large and bold in HTML.
 *
 * @example
 * lead('They all have cities that are looking for sister cities in the U.S.!')
 */
export function lead(text: string): Block {
  return { text, html: `<p style="margin:0 0 12px;font-size:16px;font-weight:bold;color:#12466e">${escapeHtml(text)}</p>` };
}

/**
 * A city's facts: `Label: value` lines, the labels bold in HTML.
 *
 * @example
 * facts([['Population', '783,000']])
 */
export function facts(rows: Array<[label: string, value: string]>): Block {
  return {
    text: rows.map(([label, value]) => `${label}: ${value}`).join('\n'),
    html: `<p style="margin:0 0 12px;color:#3b4a57">${rows.map(([label, value]) => `<strong>${escapeHtml(label)}:</strong> ${escapeHtml(value)}`).join('<br>')}</p>`,
  };
}

/**
 * Blocks set apart on a tinted panel in HTML; in text, just the blocks.
 *
 * @example
 * callout([paragraph('You can find a full list with ', link('City Search', url), '.')])
 */
export function callout(blocks: Block[]): Block {
  // A table cell, not a styled div: the background survives Outlook and dark-mode inversion.
  return {
    text: renderText(blocks),
    html: `${tableTag('100%', 'border-collapse:collapse;margin:8px 0 8px')}<tr><td bgcolor="#eaf1f7" style="background:#eaf1f7;border-left:4px solid #12466e;padding:14px 16px 2px;color:#1d2731">${renderHtml(blocks)}</td></tr></table>`,
  };
}

/** The line between sections. */
export const rule: Block = { text: '* * *', html: '<hr style="border:0;border-top:1px solid #e3e7eb;margin:20px 0">' };
