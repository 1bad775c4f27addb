/**
 * Configuration from the environment: each setting read and validated on its first use, once
 * per container.
 *
 * The CDK stack sets these on every function; the local stack sets them for its in-process
 * handlers (with each function's manifest environment). AWS endpoints are not configuration
 * here: locally the standard `AWS_ENDPOINT_URL_<SERVICE>` variables point the SDK clients at
 * the local services.
 *
 * One accessor per setting (`tableName()`, `publicUrl()`, …) rather than one object: a function
 * bundles and checks only the settings it reads (the table name alone is ~150 bytes; the whole
 * schema with its URL, email and JSON checks is several KB in every bundle). A bad value still
 * fails loudly, naming the variable, at the first invocation that reads it.
 */
import * as z from './zod';
import { EVENT_BUS_NAME } from './events/contracts';
import { WORLD_REGIONS } from './cities/world-regions';
import { containerEnvironment, perContainer } from './runtime/container';

/** A setting the environment has wrong: the message names the variable. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/** Declares one setting: its variable and the builder of its schema (built on first use). */
function setting<S extends z.core.$ZodType>(variable: string, schema: () => S): () => z.output<S> {
  return perContainer(() => {
    const result = z.safeParse(schema(), containerEnvironment()[variable]);
    if (!result.success) throw new ConfigurationError(`${variable} ${result.error.issues[0]?.message ?? 'is not valid'}`);
    return result.data;
  });
}

const nonEmpty = (fallback: string) => z._default(z.string().check(z.minLength(1)), fallback);
const emailAddress = (fallback: string) => z._default(z.email({ error: 'must be an email address' }), fallback);
const number = (fallback: number, ...checks: Parameters<ReturnType<typeof z.number>['check']>) =>
  z._default(z.coerce.number().check(...checks), fallback);

const tableNameSchema = () => nonEmpty('cities-seeking-cities');
const busNameSchema = () => nonEmpty(EVENT_BUS_NAME);
const senderEmailSchema = () => emailAddress('cities@example.org');
const coordinatorEmailSchema = () => emailAddress('coordinator@example.org');
const publicUrlSchema = () =>
  z.pipe(
    z._default(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }), 'http://localhost:3000'),
    z.transform((url: string) => url.replace(/\/+$/, '')),
  );
/**
 * Optional routing of inquiries by the city's world region, as JSON:
 * `{"asia":"asia@example.org","africa":"africa@example.org"}`. Regions not listed go to
 * COORDINATOR_EMAIL.
 */
const coordinatorRoutesSchema = () =>
  z.pipe(
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
    z.partialRecord(z.enum(WORLD_REGIONS), z.email({ error: 'must be an email address' })),
  );
/**
 * The key that signs links. Locally the installation's own; in AWS unset, and TOKEN_SECRET_ARN
 * names the Secrets Manager secret that holds it.
 */
const tokenSecretSchema = () => z.optional(z.string().check(z.minLength(32, { error: 'must be at least 32 characters' })));
const tokenSecretArnSchema = () => z.optional(z.string().check(z.startsWith('arn:')));
/** Digest emails one send-batch invocation may send per second (SES counts recipients). */
const digestSendRateSchema = () => number(10, z.positive(), z.lte(1000));
/** First backoff after SES throttles a digest send, doubling on each retry. */
const digestRetryBaseMsSchema = () => number(200, z.int(), z.gte(0), z.lte(10_000));
/** Subscribers per DigestBatchReady event. */
const digestBatchSizeSchema = () => number(50, z.int(), z.gte(1), z.lte(100));
/** Locally, every raw message sent is also written here as an `.eml` file. Unset in AWS. */
const mailOutboxDirSchema = () => z.optional(z.string().check(z.minLength(1)));

export const tableName = /* @__PURE__ */ setting('TABLE_NAME', tableNameSchema);
export const busName = /* @__PURE__ */ setting('EVENT_BUS_NAME', busNameSchema);
export const senderEmail = /* @__PURE__ */ setting('SENDER_EMAIL', senderEmailSchema);
export const coordinatorEmail = /* @__PURE__ */ setting('COORDINATOR_EMAIL', coordinatorEmailSchema);
export const publicUrl = /* @__PURE__ */ setting('PUBLIC_URL', publicUrlSchema);
export const coordinatorRoutes = /* @__PURE__ */ setting('COORDINATOR_ROUTES', coordinatorRoutesSchema);
export const tokenSecret = /* @__PURE__ */ setting('TOKEN_SECRET', tokenSecretSchema);
export const tokenSecretArn = /* @__PURE__ */ setting('TOKEN_SECRET_ARN', tokenSecretArnSchema);
export const digestSendRate = /* @__PURE__ */ setting('DIGEST_SEND_RATE', digestSendRateSchema);
export const digestRetryBaseMs = /* @__PURE__ */ setting('DIGEST_RETRY_BASE_MS', digestRetryBaseMsSchema);
export const digestBatchSize = /* @__PURE__ */ setting('DIGEST_BATCH_SIZE', digestBatchSizeSchema);
export const mailOutboxDir = /* @__PURE__ */ setting('MAIL_OUTBOX_DIR', mailOutboxDirSchema);

/** Every setting as one schema: for the deployment's own checks (infra/settings.ts) and tests. */
export const configSchema = /* @__PURE__ */ (() =>
  z.object({
    TABLE_NAME: tableNameSchema(),
    EVENT_BUS_NAME: busNameSchema(),
    SENDER_EMAIL: senderEmailSchema(),
    COORDINATOR_EMAIL: coordinatorEmailSchema(),
    PUBLIC_URL: publicUrlSchema(),
    COORDINATOR_ROUTES: coordinatorRoutesSchema(),
    TOKEN_SECRET: tokenSecretSchema(),
    TOKEN_SECRET_ARN: tokenSecretArnSchema(),
    DIGEST_SEND_RATE: digestSendRateSchema(),
    DIGEST_RETRY_BASE_MS: digestRetryBaseMsSchema(),
    DIGEST_BATCH_SIZE: digestBatchSizeSchema(),
    MAIL_OUTBOX_DIR: mailOutboxDirSchema(),
  }))();

export type Config = z.infer<typeof configSchema>;

/**
 * Every setting at once, validated together: for tests, scripts and the benchmark. Functions
 * read the one accessor per setting they need, so they bundle no other.
 *
 * @example
 * const { TABLE_NAME } = config();
 */
export function config(env: NodeJS.ProcessEnv = containerEnvironment()): Config {
  return configSchema.parse(env);
}
