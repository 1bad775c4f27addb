/**
 * What every template shares: its blocks become the text part and the HTML part (in the
 * program's layout), so a template states its content once.
 */
import { renderHtml, renderText, type Block } from '../blocks';
import { emailLayout, PROGRAM } from '../html';
import type { EmailMessage } from '../message';

/** What the layout shows besides the body. */
export interface PartsOptions {
  /** The document title and visible heading. */
  title: string;
  /** Inbox preview text, from `preheaderHtml` (shared/email/html.ts). */
  preheaderHtml?: string;
  /** The small print: below the card in HTML, after the body in text. */
  footer?: Block;
  /** Emails to a coordinator end without the sign-off. */
  signed?: false;
}

/**
 * The text and HTML parts of an email whose body is `blocks`. The text part ends with the
 * program's name as a sign-off, which the HTML layout shows as its header instead.
 *
 * @example
 * return { to: [email], subject, ...emailParts({ title: 'Please confirm your subscription' }, [paragraph('Hello,')]) };
 */
export function emailParts(options: PartsOptions, blocks: Block[]): Pick<EmailMessage, 'text' | 'html'> {
  const { footer } = options;
  const text = renderText(footer ? [...blocks, footer] : blocks);
  return {
    text: options.signed === false ? text : `${text}\n\n${PROGRAM}`,
    // The options go to the layout whole (it ignores `footer` and `signed`): fewer bytes than picking.
    html: emailLayout({ ...options, bodyHtml: renderHtml(blocks), footerHtml: footer?.html }),
  };
}
