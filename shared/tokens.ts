/**
 * Signed link tokens: what lets a confirmation or unsubscribe link act for one subscriber
 * without a password or a stored token.
 *
 *   token = <subscriberId> "." base64url(HMAC-SHA256(key, "cities-seeking-cities/<purpose>/v1\n<subscriberId>"))
 *
 * The purpose is inside the MAC, so an unsubscribe token can never confirm and vice versa. The
 * token is URL-safe (base64url and a dot) and about 66 characters. Tokens do not expire: an
 * unsubscribe link in a years-old digest must still work (RFC 8058), and the confirmation
 * domain decides on its own when a confirm link stops counting (only while pending).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from './zod';
import { config } from './config';

/**
 * `member-confirm` and `member-manage` sign member ids (`shared/members`), not subscriber ids.
 * `listing-confirm` signs a city id (a ULID): the link asking a city's contact to confirm that
 * the city is still seeking (`shared/cities/freshness.ts`).
 */
export type TokenPurpose = 'confirm' | 'unsubscribe' | 'member-confirm' | 'member-manage' | 'listing-confirm';

/** Subscriber ids are base64url digests (see `subscriberIdOf`); anything else is not ours. */
const SUBSCRIBER_ID = /^[A-Za-z0-9_-]{16,64}$/;
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
let fetchedSecret: { arn: string; key: Promise<string> } | undefined;

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
  const settings = config();
  if (settings.TOKEN_SECRET) return settings.TOKEN_SECRET;
  const arn = settings.TOKEN_SECRET_ARN;
  if (arn) {
    if (fetchedSecret?.arn !== arn) {
      const key = fetchSecret(arn);
      const entry = { arn, key };
      fetchedSecret = entry;
      key.catch(() => {
        if (fetchedSecret === entry) fetchedSecret = undefined;
      });
    }
    return fetchedSecret.key;
  }
  if (process.env.AWS_LAMBDA_FUNCTION_NAME) {
    throw new Error('TOKEN_SECRET_ARN (or TOKEN_SECRET) must be set in AWS: refusing to sign links with the development key.');
  }
  return DEVELOPMENT_KEY;
}

function signature(key: string, purpose: TokenPurpose, subscriberId: string): string {
  return createHmac('sha256', key).update(`cities-seeking-cities/${purpose}/v1\n${subscriberId}`).digest('base64url');
}

/**
 * Signs a link token for `purpose` and `subscriberId`.
 *
 * @throws Error when `subscriberId` is not a subscriber id (a programming error)
 * @example
 * const token = await signToken('confirm', subscriber.id);
 * const link = `${publicUrl}/api/subscriptions/confirm?token=${token}`;
 */
export async function signToken(purpose: TokenPurpose, subscriberId: string): Promise<string> {
  if (!SUBSCRIBER_ID.test(subscriberId)) throw new Error(`Not a subscriber id: ${JSON.stringify(subscriberId)}`);
  return `${subscriberId}.${signature(await signingKey(), purpose, subscriberId)}`;
}

/**
 * Checks a token for `purpose`.
 *
 * @returns the subscriber id it was signed for, or `undefined` for anything forged, altered,
 * of the other purpose, malformed or empty
 * @example
 * const subscriberId = await verifyToken('unsubscribe', event.queryStringParameters?.token ?? '');
 * if (!subscriberId) return invalidLinkPage();
 */
export async function verifyToken(purpose: TokenPurpose, token: string): Promise<string | undefined> {
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) return undefined;
  const parts = token.split('.');
  if (parts.length !== 2) return undefined;
  const [subscriberId, given] = parts as [string, string];
  if (!SUBSCRIBER_ID.test(subscriberId) || !SIGNATURE.test(given)) return undefined;
  const expected = signature(await signingKey(), purpose, subscriberId);
  // Compare the text, not decoded bytes: base64url decoding ignores the last character's spare
  // bits, so a decoded comparison would accept some altered tokens. Both are 43 ASCII bytes.
  return timingSafeEqual(Buffer.from(given, 'ascii'), Buffer.from(expected, 'ascii')) ? subscriberId : undefined;
}

/** Forgets the fetched secret (tests switch configuration). */
export function resetTokenKey(): void {
  fetchedSecret = undefined;
}
