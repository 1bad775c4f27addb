/**
 * Sending in bulk at a set pace: every bulk sender (the digest, the listing reminders) goes
 * through this one pacer, which spaces sends to a rate and retries SES throttling and outages
 * with exponential backoff — the recipient is retried, never skipped.
 */
import { isThrottlingOrOutage } from '../aws/failures';
import type { DeliveryLease } from './deliveries';
import type { Mailer } from './mailer';
import type { EmailMessage } from './message';

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The longest wait after a throttle. */
const MAX_BACKOFF_MS = 30_000;

/**
 * A pacer: each call waits for the next send slot at `perSecond`.
 *
 * @example
 * const pace = pacer(14); await pace(); await ses.send(…);
 */
export function pacer(perSecond: number, sleep = realSleep, now = () => Date.now()): () => Promise<void> {
  const interval = 1000 / perSecond;
  let next = 0;
  return async () => {
    const at = Math.max(now(), next);
    next = at + interval;
    const wait = at - now();
    if (wait > 0) await sleep(wait);
  };
}

export interface PacedSenderOptions {
  /** Messages per second. */
  perSecond: number;
  /** Tries per message when SES throttles, counting the first (default 8). */
  attempts?: number;
  /** First backoff after a throttle, doubling on each retry (default 200 ms). */
  retryBaseMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Told of each throttled try (the digest counts them). */
  onThrottle?: () => void;
}

/** A send under a delivery lease, paced and retried. */
export type PacedSend = (message: EmailMessage, lease: DeliveryLease) => Promise<{ messageId: string }>;

/**
 * Wraps `mailer` so that its sends keep to `perSecond` and throttles are retried with backoff.
 *
 * @throws the last error when a message still fails after `attempts` tries, or at once for an
 *   error that is not a throttle or an outage
 * @example
 * const send = pacedSender(mailer, { perSecond: 7 });
 * await deliverOnce(ledger, cause, (lease) => send(message, lease));
 */
export function pacedSender(mailer: Mailer, options: PacedSenderOptions): PacedSend {
  const sleep = options.sleep ?? realSleep;
  const attempts = options.attempts ?? 8;
  const pace = pacer(options.perSecond, sleep);
  return async (message, lease) => {
    for (let attempt = 1; ; attempt++) {
      // A retry chain can outlast the delivery lease (8 tries, backoff up to 30 s each): renew it
      // before each further try, so no other invocation can take it over and send the same email.
      if (attempt > 1) await lease.renew();
      await pace();
      try {
        return await mailer.send(message);
      } catch (error) {
        if (!isThrottlingOrOutage(error) || attempt >= attempts) throw error;
        options.onThrottle?.();
        await sleep(Math.min(MAX_BACKOFF_MS, (options.retryBaseMs ?? 200) * 2 ** (attempt - 1)) * (0.5 + Math.random()));
      }
    }
  };
}
