/**
 * Sending email. The domain depends on the `Mailer` port; SES v2 implements it.
 *
 * SES v2 `SendEmail` with `Content.Raw` is used for every message: we build the full MIME
 * ourselves, so custom headers (Reply-To, List-Unsubscribe…) are exactly what we wrote, and
 * the local stack can keep the very bytes it sent as an `.eml` file.
 */
import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { randomUUID } from 'node:crypto';
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
  /** Locally: also keep each raw message as `<dir>/<time>-<unique>-<message id>.eml`. */
  outboxDir?: string;
}

/**
 * A mailer backed by SES v2.
 *
 * @example
 * const mailer = sesMailer(sesClient(), { sender: senderEmail() });
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
      if (options.outboxDir) await keepInOutbox(options.outboxDir, messageId, raw);
      return { messageId };
    },
  };
}

/**
 * Writes one sent message to the local outbox as its own file, never replacing another:
 * aws-ses-v2-local's message ids are only `ses-` and 9 random digits, so two messages can share
 * one. The name starts with the time sent, so a directory listing is in sending order.
 */
async function keepInOutbox(dir: string, messageId: string, raw: Uint8Array): Promise<void> {
  await mkdir(dir, { recursive: true });
  const sentAt = new Date().toISOString().replace(/[:.]/g, '-');
  const name = `${sentAt}-${randomUUID().slice(0, 8)}-${messageId.replace(/[^\w.@-]/g, '_')}.eml`;
  // 'wx': fail rather than overwrite, however unlikely a repeated name is.
  await writeFile(join(dir, name), raw, { flag: 'wx' });
}
