/**
 * Building raw MIME with nodemailer's MailComposer: a maintained builder that encodes
 * non-ASCII names and subjects (RFC 2047), folds long headers and neutralises CR/LF in header
 * values, so user text can never inject a header.
 */
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { EmailMessage } from './message';

/**
 * The message as raw MIME bytes (multipart/alternative: plain text, then HTML).
 *
 * @example
 * const raw = await buildMime({ from: 'cities@example.org', to: ['a@example.org'], subject: 'Hi', text: 'Hi', html: '<p>Hi</p>' });
 */
export function buildMime(message: EmailMessage & { from: string }): Promise<Buffer> {
  const composer = new MailComposer({
    from: message.from,
    to: message.to,
    replyTo: message.replyTo,
    subject: message.subject,
    text: message.text,
    html: message.html,
    headers: message.headers,
    textEncoding: 'quoted-printable',
  });
  return new Promise((resolve, reject) => {
    composer.compile().build((error, raw) => (error ? reject(error) : resolve(raw)));
  });
}
