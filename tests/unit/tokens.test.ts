import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { subscriberIdOf } from '../../shared/subscribers/identity';
import { signToken, verifyToken } from '../../shared/tokens';
import { resetRuntime } from '../../shared/runtime/container';

// Never Secrets Manager itself: the branch that reads the secret talks to this stand-in.
const secretsManager = vi.hoisted(() => ({
  getSecretValue: vi.fn(async (_input: { SecretId: string }) => ({ SecretString: 'a-secret-from-secrets-manager-0123456789' })),
}));
vi.mock('@aws-sdk/client-secrets-manager', () => ({
  SecretsManagerClient: class {
    send(command: { input: { SecretId: string } }) {
      return secretsManager.getSecretValue(command.input);
    }
    destroy() {}
  },
  GetSecretValueCommand: class {
    constructor(readonly input: { SecretId: string }) {}
  },
}));

const id = subscriberIdOf('dana@example.org');
const ENV_KEYS = ['TOKEN_SECRET', 'TOKEN_SECRET_ARN', 'AWS_LAMBDA_FUNCTION_NAME'] as const;
let saved: Record<string, string | undefined>;

beforeEach(() => {
  saved = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));
  for (const key of ENV_KEYS) delete process.env[key];
  resetRuntime();
  secretsManager.getSecretValue.mockClear();
});
afterEach(() => {
  for (const key of ENV_KEYS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  resetRuntime();
});

/** `text` with the character at `index` replaced by a different URL-safe one. */
function alter(text: string, index: number, replacement?: string): string {
  const current = text[index]!;
  const next = replacement ?? (current === 'A' ? 'B' : 'A');
  return text.slice(0, index) + next + text.slice(index + 1);
}

describe('signed link tokens', () => {
  it('verifies a token of the same purpose and returns the subscriber id', async () => {
    // Act
    const confirm = await signToken('confirm', id);
    const unsubscribe = await signToken('unsubscribe', id);

    // Assess
    expect(await verifyToken('confirm', confirm)).toBe(id);
    expect(await verifyToken('unsubscribe', unsubscribe)).toBe(id);
    expect(confirm).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(encodeURIComponent(confirm)).toBe(confirm);
    expect(confirm.length).toBeLessThanOrEqual(70);
  });

  it('never accepts a token for the other purpose', async () => {
    // Prepare
    const confirm = await signToken('confirm', id);
    const unsubscribe = await signToken('unsubscribe', id);

    // Act & Assess
    expect(confirm).not.toBe(unsubscribe);
    expect(await verifyToken('unsubscribe', confirm)).toBeUndefined();
    expect(await verifyToken('confirm', unsubscribe)).toBeUndefined();
  });

  it('rejects a token whose subscriber id was changed, or swapped for another subscriber\'s', async () => {
    // Prepare
    const token = await signToken('unsubscribe', id);
    const [, signature] = token.split('.') as [string, string];
    const other = subscriberIdOf('someone.else@example.org');

    // Act & Assess
    for (let index = 0; index < id.length; index += 1) {
      expect(await verifyToken('unsubscribe', alter(token, index))).toBeUndefined();
    }
    expect(await verifyToken('unsubscribe', `${other}.${signature}`)).toBeUndefined();
  });

  it('rejects a token whose signature was changed anywhere, including its last character\'s spare bits', async () => {
    // Prepare
    const token = await signToken('confirm', id);
    const start = token.indexOf('.') + 1;

    // Act & Assess
    for (let index = start; index < token.length; index += 1) {
      expect(await verifyToken('confirm', alter(token, index))).toBeUndefined();
    }
    // Base64url decoding ignores the low bits of the 43rd character: those variants too.
    const last = token.length - 1;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (const char of alphabet.replace(token[last]!, '')) {
      expect(await verifyToken('confirm', alter(token, last, char))).toBeUndefined();
    }
    expect(await verifyToken('confirm', token.slice(0, -1))).toBeUndefined();
    expect(await verifyToken('confirm', `${token}A`)).toBeUndefined();
  });

  it.each([
    ['empty', ''],
    ['a dot only', '.'],
    ['no signature', `${id}.`],
    ['no id', '.abc'],
    ['three parts', `${id}.abc.def`],
    ['plain text', 'hello world'],
    ['HTML', '<script>alert(1)</script>'],
    ['very long', 'A'.repeat(10_000)],
    ['padding', `${id}.${'A'.repeat(42)}=`],
  ])('rejects garbage: %s', async (_label, token) => {
    // Act & Assess
    expect(await verifyToken('confirm', token)).toBeUndefined();
    expect(await verifyToken('unsubscribe', token)).toBeUndefined();
  });

  it('rejects tokens signed with another key', async () => {
    // Prepare
    const developmentToken = await signToken('unsubscribe', id);
    process.env.TOKEN_SECRET = 'a-real-secret-of-at-least-32-characters!';
    resetRuntime();

    // Act
    const secretToken = await signToken('unsubscribe', id);

    // Assess
    expect(secretToken).not.toBe(developmentToken);
    expect(await verifyToken('unsubscribe', developmentToken)).toBeUndefined();
    expect(await verifyToken('unsubscribe', secretToken)).toBe(id);
  });

  it('reads the key from Secrets Manager once per container when TOKEN_SECRET_ARN is set', async () => {
    // Prepare
    process.env.TOKEN_SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:tokens';
    resetRuntime();

    // Act
    const tokens = await Promise.all([signToken('confirm', id), signToken('unsubscribe', id)]);
    const verified = await verifyToken('confirm', tokens[0]);

    // Assess
    expect(verified).toBe(id);
    expect(secretsManager.getSecretValue).toHaveBeenCalledTimes(1);
    expect(secretsManager.getSecretValue).toHaveBeenCalledWith({ SecretId: process.env.TOKEN_SECRET_ARN });
  });

  it('tries Secrets Manager again after a failed read instead of caching the failure', async () => {
    // Prepare
    process.env.TOKEN_SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:tokens';
    resetRuntime();
    secretsManager.getSecretValue.mockRejectedValueOnce(new Error('throttled'));

    // Act
    const first = signToken('confirm', id);
    await expect(first).rejects.toThrow('throttled');
    const second = await signToken('confirm', id);

    // Assess
    expect(await verifyToken('confirm', second)).toBe(id);
    expect(secretsManager.getSecretValue).toHaveBeenCalledTimes(2);
  });

  it('refuses the development key inside AWS Lambda', async () => {
    // Prepare
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'send-digest-batch';

    // Act & Assess
    await expect(signToken('confirm', id)).rejects.toThrow(/TOKEN_SECRET_ARN/);
  });

  it('refuses to sign something that is not a subscriber id', async () => {
    // Act & Assess
    await expect(signToken('confirm', 'dana@example.org')).rejects.toThrow();
  });
});

describe('subscriber ids', () => {
  it('maps the same address to the same URL-safe id whatever its case', () => {
    // Act
    const ids = ['dana@example.org', 'Dana@Example.ORG', '  dana@example.org '].map(subscriberIdOf);

    // Assess
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(subscriberIdOf('dana2@example.org')).not.toBe(ids[0]);
  });
});
