/**
 * Sending email. The domain depends on the `Mailer` port; SES v2 implements it.
 *
 * SES v2 `SendEmail` with `Content.Raw` is used for every message: we build the full MIME
 * ourselves, so custom headers (Reply-To, List-Unsubscribe…) are exactly what we wrote, and
 * the local stack can keep the very bytes it sent as an `.eml` file.
 */
import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildMime } from './mime';
import type { EmailMessage } from './message';

/** Port: anything that can send one email. */
export interface Mailer {
  send(message: EmailMessage): Promise<{ messageId: string }>;
}

export interface SesMailerOptions {
  sender: string;
  configurationSetName?: string;
  /** Locally: also write each raw message to `<dir>/<message id>.eml`. */
  outboxDir?: string;
}

/**
 * A mailer backed by SES v2.
 *
 * @example
 * const mailer = sesMailer(sesClient(), { sender: config().SENDER_EMAIL });
 * await mailer.send({ to: ['coordinator@example.org'], subject, text, html });
 */
export function sesMailer(client: SESv2Client, options: SesMailerOptions): Mailer {
  return {
    async send(message) {
      const raw = await buildMime({ ...message, from: message.from ?? options.sender });
      const result = await client.send(
        new SendEmailCommand({
          Content: { Raw: { Data: raw } },
          ConfigurationSetName: options.configurationSetName,
        }),
      );
      const messageId = result.MessageId ?? 'unknown';
      if (options.outboxDir) {
        await mkdir(options.outboxDir, { recursive: true });
        await writeFile(join(options.outboxDir, `${messageId.replace(/[^\w.@-]/g, '_')}.eml`), raw);
      }
      return { messageId };
    },
  };
}
