/**
 * Signed link tokens: what lets a link in an email act for one subscriber, member or city
 * without a password or a stored token.
 *
 *   token = <id> "." base64url(HMAC-SHA256(key, "cities-seeking-cities/<purpose>/v1\n<id>"))
 *
 * The purpose is inside the MAC, so an unsubscribe token can never confirm and vice versa. The
 * token is URL-safe (base64url and a dot) and about 66 characters. Tokens do not expire: an
 * unsubscribe link in a years-old digest must still work (RFC 8058), and the confirmation
 * domain decides on its own when a confirm link stops counting (only while pending).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from './zod';
import { tokenSecret, tokenSecretArn } from './config';
import { perContainer } from './runtime/container';

/**
 * What a token may do, and so whose id it signs: `confirm` and `unsubscribe` a subscriber's,
 * `member-confirm` and `member-manage` a member's (`shared/members`), `listing-confirm` a city's
 * (a ULID: the link asking a city's contact whether it still seeks, `shared/freshness`), and
 * `listing-manage` a city's too (the link to the page where its contact edits the listing,
 * `shared/cities/listing-links.ts`).
 */
export type TokenPurpose = 'confirm' | 'unsubscribe' | 'member-confirm' | 'member-manage' | 'listing-confirm' | 'listing-manage';

/** Every id a token signs: subscriber and member ids are base64url digests, city ids ULIDs. */
const SIGNED_ID = /^[A-Za-z0-9_-]{16,64}$/;
/** A SHA-256 MAC is 32 bytes: exactly 43 base64url characters without padding. */
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;
/** Far above a real token; refuses giant inputs before any work. */
const MAX_TOKEN_LENGTH = 200;

/**
 * The key used when neither TOKEN_SECRET nor TOKEN_SECRET_ARN is set, i.e. on a developer's
 * machine and in the tests. Anyone reading this file can forge links with it, which is
 * acceptable only where every subscriber and every mailbox is local test data. `signingKey`
 * refuses to use it inside AWS Lambda, so a deployment without a secret fails closed.
 */
const DEVELOPMENT_KEY = 'cities-seeking-cities/local-development-only/not-a-secret';

const secretStringSchema = /* @__PURE__ */ (() =>
  z.string().check(z.minLength(32, { error: 'the token secret must be at least 32 characters' })))();

/** One Secrets Manager read per container; a failed read is forgotten so the next call retries. */
const fetched = /* @__PURE__ */ perContainer((): { secret?: { arn: string; key: Promise<string> } } => ({}));

async function fetchSecret(arn: string): Promise<string> {
  // Loaded only here: functions that run with TOKEN_SECRET (locally, in tests) never load the
  // Secrets Manager client, and esbuild keeps it out of their cold start.
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const client = new SecretsManagerClient({});
  try {
    const result = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    return secretStringSchema.parse(result.SecretString);
  } finally {
    client.destroy();
  }
}

async function signingKey(): Promise<string> {
  const secret = tokenSecret();
  if (secret) return secret;
  const arn = tokenSecretArn();
  if (arn) {
    const cache = fetched();
    if (cache.secret?.arn !== arn) {
      const key = fetchSecret(arn);
      const entry = { arn, key };
      cache.secret = entry;
      key.catch(() => {
        if (cache.secret === entry) cache.secret = undefined;
      });
    }
    return cache.secret.key;
  }
  if (process.env.AWS_LAMBDA_FUNCTION_NAME) {
    throw new Error('TOKEN_SECRET_ARN (or TOKEN_SECRET) must be set in AWS: refusing to sign links with the development key.');
  }
  return DEVELOPMENT_KEY;
}

function signature(key: string, purpose: TokenPurpose, id: string): string {
  return createHmac('sha256', key).update(`cities-seeking-cities/${purpose}/v1\n${id}`).digest('base64url');
}

/**
 * Signs a link token for `purpose` and the subscriber, member or city `id`.
 *
 * @throws Error when `id` is not an id this program signs (a programming error)
 * @example
 * const token = await signToken('confirm', subscriber.id);
 * const link = `${publicUrl}/api/subscriptions/confirm?token=${token}`;
 */
export async function signToken(purpose: TokenPurpose, id: string): Promise<string> {
  if (!SIGNED_ID.test(id)) throw new Error(`Not an id this program signs: ${JSON.stringify(id)}`);
  return `${id}.${signature(await signingKey(), purpose, id)}`;
}

/**
 * Checks a token for `purpose`.
 *
 * @returns the id it was signed for, or `undefined` for anything forged, altered,
 * of the other purpose, malformed or empty
 * @example
 * const subscriberId = await verifyToken('unsubscribe', event.queryStringParameters?.token ?? '');
 * if (!subscriberId) return invalidLinkPage();
 */
export async function verifyToken(purpose: TokenPurpose, token: string): Promise<string | undefined> {
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) return undefined;
  const parts = token.split('.');
  if (parts.length !== 2) return undefined;
  const [id, given] = parts as [string, string];
  if (!SIGNED_ID.test(id) || !SIGNATURE.test(given)) return undefined;
  const expected = signature(await signingKey(), purpose, id);
  // Compare the text, not decoded bytes: base64url decoding ignores the last character's spare
  // bits, so a decoded comparison would accept some altered tokens. Both are 43 ASCII bytes.
  return timingSafeEqual(Buffer.from(given, 'ascii'), Buffer.from(expected, 'ascii')) ? id : undefined;
}
