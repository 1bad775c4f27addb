/**
 * Configuration from the environment, validated once per container.
 *
 * The CDK stack sets these on every function; the local stack sets them for its in-process
 * handlers. AWS endpoints are not configuration here: locally the standard
 * `AWS_ENDPOINT_URL_<SERVICE>` variables point the SDK clients at the local services.
 */
import * as z from './zod';
import { EVENT_BUS_NAME } from './events/contracts';
import { WORLD_REGIONS } from './cities/world-regions';

const emailAddress = /* @__PURE__ */ (() => z.email({ error: 'must be an email address' }))();

export const configSchema = /* @__PURE__ */ (() =>
  z.object({
    TABLE_NAME: z._default(z.string().check(z.minLength(1)), 'cities-seeking-cities'),
    EVENT_BUS_NAME: z._default(z.string().check(z.minLength(1)), EVENT_BUS_NAME),
    SENDER_EMAIL: z._default(emailAddress, 'cities@example.org'),
    COORDINATOR_EMAIL: z._default(emailAddress, 'coordinator@example.org'),
    PUBLIC_URL: z.pipe(
      z._default(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }), 'http://localhost:3000'),
      z.transform((url: string) => url.replace(/\/+$/, '')),
    ),
    /**
     * Optional routing of inquiries by the city's world region, as JSON:
     * `{"asia":"asia@example.org","africa":"africa@example.org"}`. Regions not listed go to
     * COORDINATOR_EMAIL.
     */
    COORDINATOR_ROUTES: z.pipe(
      z.pipe(
        z.optional(z.string()),
        z.transform((text: string | undefined, ctx) => {
          if (!text?.trim()) return {};
          try {
            return JSON.parse(text) as unknown;
          } catch {
            ctx.issues.push({ code: 'custom', message: 'must be JSON, e.g. {"asia":"asia@example.org"}', input: text });
            return z.NEVER;
          }
        }),
      ),
      z.partialRecord(z.enum(WORLD_REGIONS), emailAddress),
    ),
    /**
     * The key that signs subscription and unsubscribe links. Locally a fixed development value;
     * in AWS unset, and TOKEN_SECRET_ARN names the Secrets Manager secret that holds it.
     */
    TOKEN_SECRET: z.optional(z.string().check(z.minLength(32, { error: 'must be at least 32 characters' }))),
    TOKEN_SECRET_ARN: z.optional(z.string().check(z.startsWith('arn:'))),
    /** Digest emails one send-batch invocation may send per second (SES counts recipients). */
    DIGEST_SEND_RATE: z._default(z.coerce.number().check(z.positive(), z.lte(1000)), 10),
    /** First backoff after SES throttles a digest send, doubling on each retry. */
    DIGEST_RETRY_BASE_MS: z._default(z.coerce.number().check(z.int(), z.gte(0), z.lte(10_000)), 200),
    /** Subscribers per DigestBatchReady event. */
    DIGEST_BATCH_SIZE: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 50),
    /** Locally, every raw message sent is also written here as `<message id>.eml`. Unset in AWS. */
    MAIL_OUTBOX_DIR: z.optional(z.string().check(z.minLength(1))),
  }))();

export type Config = z.infer<typeof configSchema>;

let cached: Config | undefined;

/**
 * The validated configuration. A bad value fails the container's first invocation loudly,
 * naming the variable, rather than misbehaving later.
 *
 * @example
 * const { TABLE_NAME } = config();
 */
export function config(env: NodeJS.ProcessEnv = process.env): Config {
  if (env !== process.env) return configSchema.parse(env);
  cached ??= configSchema.parse(env);
  return cached;
}

/** Forgets the cached configuration (the local stack and tests change the environment). */
export function resetConfig(): void {
  cached = undefined;
}
