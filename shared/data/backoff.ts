/**
 * Waiting before a retry: full jitter on an exponential delay (AWS's advice for throttled
 * retries), so that many callers retrying at once spread out instead of colliding again.
 */

/** The longest wait between DynamoDB retries. */
const CEILING_MS = 2_000;

/**
 * Waits a random time up to `baseMs × 2^attempt`, capped at 2 s.
 *
 * @example
 * for (let attempt = 0; pending.length; attempt++) { if (attempt) await backoff(attempt); … }
 */
export function backoff(attempt: number, baseMs = 50): Promise<void> {
  const ceiling = Math.min(CEILING_MS, baseMs * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
