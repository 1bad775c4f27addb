/**
 * Raw MIME for the program's emails.
 *
 * Every email we send has one shape: a few headers and a multipart/alternative body with a
 * plain-text and an HTML part. The *structure* of that is a dozen lines and lives here; the
 * *encoding* — RFC 2047 encoded words for non-ASCII subjects, header folding, quoted-printable
 * bodies — is nodemailer's, whose maintained encoders handle the hard cases.
 *
 * Why not nodemailer's MailComposer as a whole: it also brings its MIME-type table, its fetch
 * client and its address parser, 138 KB of bundle and about 12 ms of module init in every
 * function that sends email (measured with `npm run bench`), for features we never use. The
 * encoders we import tree-shake to under 4 KB.
 *
 * Header injection: every header value has its line breaks and control characters removed
 * before encoding, header names must be tokens, and addresses must be plain `local@domain`
 * (what our zod schemas accept), so user text can never start a header or a body.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { encodeWords, foldLines } from 'nodemailer/lib/mime-funcs/index.js';
import { encode as encodeQuotedPrintable, wrap as wrapQuotedPrintable } from 'nodemailer/lib/qp/index.js';
import type { EmailMessage } from './message';

/** A message that cannot be written as MIME without changing its meaning (a bug upstream). */
export class MimeBuildError extends Error {
  override readonly name = 'MimeBuildError';
}

// A dot-atom address with an ASCII domain: what `z.email()` accepts, and nothing that could
// close a header or add a recipient.
const PLAIN_ADDRESS = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/;
const HEADER_NAME = /^[A-Za-z0-9][A-Za-z0-9-]*$/;
// Headers this module writes itself; a caller's extra header may not replace them.
const OWN_HEADERS = new Set(['from', 'to', 'cc', 'bcc', 'reply-to', 'subject', 'date', 'message-id', 'mime-version', 'content-type', 'content-transfer-encoding']);
const MAX_LINE = 76;
// The typings omit encodeWords' fourth parameter (encodeAll), which the library has.
const encodeAllWords = encodeWords as (value: string, encoding: 'Q' | 'B', maxLength: number, encodeAll: boolean) => string;

function address(value: string, field: string): string {
  if (!PLAIN_ADDRESS.test(value)) throw new MimeBuildError(`${field} is not a plain email address: ${JSON.stringify(value)}`);
  return value;
}

/** Header text on one line: no CR/LF (they would start a new header) and no other controls. */
function oneLine(value: string): string {
  return value.replace(/\r\n|\r|\n/g, ' ').replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, '');
}

/** Q encoding reads better for mostly-Latin text, B is shorter for other scripts (as MailComposer chooses). */
function wordEncoding(value: string): 'Q' | 'B' {
  let ascii = 0;
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) < 0x80) ascii++;
  return ascii >= value.length - ascii ? 'Q' : 'B';
}

function header(name: string, value: string): string {
  const text = oneLine(value);
  // encodeAll: once a value needs encoding, encode all of it — some clients drop the spaces
  // between plain and encoded words. 52 keeps each encoded word within the 76-column line.
  const encoded = encodeAllWords(text, wordEncoding(text), 52, true);
  return foldLines(`${name}: ${encoded}`, MAX_LINE);
}

/** A text part: CRLF line ends, UTF-8, quoted-printable (readable, and 7-bit safe for SES). */
function textPart(boundary: string, type: 'text/plain' | 'text/html', body: string): string {
  const crlf = body.replace(/\r\n|\r|\n/g, '\r\n');
  return [
    `--${boundary}`,
    `Content-Type: ${type}; charset=utf-8`,
    'Content-Transfer-Encoding: quoted-printable',
    '',
    wrapQuotedPrintable(encodeQuotedPrintable(Buffer.from(crlf, 'utf8')), MAX_LINE),
  ].join('\r\n');
}

/**
 * The message as raw MIME bytes (multipart/alternative: plain text, then HTML).
 *
 * @throws MimeBuildError for an address that is not a plain `local@domain` or an extra header
 *   whose name is not a token or would replace one this module writes.
 * @example
 * const raw = buildMime({ from: 'cities@example.org', to: ['a@example.org'], subject: 'Hi', text: 'Hi', html: '<p>Hi</p>' });
 */
export function buildMime(message: EmailMessage & { from: string }, date = new Date()): Buffer {
  if (message.to.length === 0) throw new MimeBuildError('An email needs at least one recipient.');
  const from = address(message.from, 'From');
  const lines = [
    `From: ${from}`,
    foldLines(`To: ${message.to.map((to) => address(to, 'To')).join(', ')}`, MAX_LINE),
  ];
  if (message.replyTo !== undefined) lines.push(`Reply-To: ${address(message.replyTo, 'Reply-To')}`);
  lines.push(
    header('Subject', message.subject),
    `Date: ${date.toUTCString().replace(/GMT$/, '+0000')}`,
    `Message-ID: <${randomUUID()}@${from.slice(from.lastIndexOf('@') + 1)}>`,
    'MIME-Version: 1.0',
  );
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (!HEADER_NAME.test(name) || OWN_HEADERS.has(name.toLowerCase())) throw new MimeBuildError(`Cannot add a header named ${JSON.stringify(name)}.`);
    lines.push(header(name, value));
  }
  // "=_" never occurs in quoted-printable output (a literal "=" is written "=3D"), so the
  // boundary cannot collide with a body whatever the user wrote.
  const boundary = `=_csc_${randomBytes(12).toString('hex')}`;
  lines.push(`Content-Type: multipart/alternative; boundary="${boundary}"`);
  const body = [textPart(boundary, 'text/plain', message.text), textPart(boundary, 'text/html', message.html), `--${boundary}--`, ''];
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body.join('\r\n')}`, 'utf8');
}
