/**
 * The local installation's own key for signing links (confirmation, unsubscribe, manage,
 * listing). A key written in the source would let anyone compute a valid link for any address
 * of any local installation; so the first `npm start` draws a random key, keeps it in the data
 * directory, readable by its owner only, and every later start uses it. (In AWS the key lives
 * in Secrets Manager, and signing fails closed without it.)
 */
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const KEY_FILE = 'signing-key';
/** 32 random bytes: as strong as the HMAC-SHA256 it keys. */
const KEY_BYTES = 32;

/**
 * The key kept in `dataDir`, created (mode 0600) if there is none yet.
 *
 * @example
 * process.env.TOKEN_SECRET = await localSigningKey('.data');
 */
export async function localSigningKey(dataDir: string): Promise<string> {
  const path = join(dataDir, KEY_FILE);
  const fresh = randomBytes(KEY_BYTES).toString('base64url');
  try {
    // 'wx' fails if the file exists: two starts racing on one directory end with one key.
    await writeFile(path, `${fresh}\n`, { mode: 0o600, flag: 'wx' });
    return fresh;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const kept = (await readFile(path, 'utf8')).trim();
  if (kept.length < 32) throw new Error(`${path} does not hold a signing key (at least 32 characters); delete it to have a new one made`);
  return kept;
}

/** A key for a stack whose data lives in memory only: its links die with it anyway. */
export function ephemeralSigningKey(): string {
  return randomBytes(KEY_BYTES).toString('base64url');
}
