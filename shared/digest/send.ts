/**
 * Sending one batch of a month's digest (what `DigestBatchReady` causes).
 *
 * Each (month, subscriber) is delivered once through a delivery record, so a retried batch, a
 * batch announced twice, or a crash half-way neither skips nor repeats anyone. Sends are paced
 * to the configured rate; SES throttling is retried with backoff instead of dropping anyone,
 * and what still fails makes the batch fail, so the event is retried later.
 */
import type { Table } from '../data/table';
import { deliverOnce, type DeliveryLease } from '../email/deliveries';
import type { Mailer } from '../email/mailer';
import { isThrottlingOrOutage } from '../aws/failures';
import { logger } from '../logger';
import { getSubscribers, unsubscribeLinks } from '../subscribers';
import { digestMemberExtras } from './member-suggestions';
import { renderDigestEmail } from './render';
import { getDigest } from './repository';
import { recordMetric } from '../metrics';

export interface SendBatchDeps extends Table {
  mailer: Mailer;
  publicUrl: string;
  /** Messages per second for this invocation. */
  sendRate: number;
  /** Tries per message when SES throttles, counting the first. */
  attempts?: number;
  /** First backoff after a throttle, doubling on each retry. */
  retryBaseMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface BatchOutcome {
  sent: number;
  duplicate: number;
  skipped: number;
  throttled: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

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

/**
 * Sends the month's digest to each active subscriber of the batch who has not had it yet.
 *
 * @throws when a message could not be sent after retries, or another invocation is mid-send
 *   for a subscriber: the batch event is then retried, and only the missing ones are sent
 * @example
 * const outcome = await sendDigestBatch(deps, '2031-01', subscriberIds);
 */
export async function sendDigestBatch(deps: SendBatchDeps, month: string, subscriberIds: string[]): Promise<BatchOutcome> {
  const digest = await getDigest(deps, month);
  if (!digest || digest.status !== 'assembled') throw new Error(`No assembled digest for ${month}`);
  const sleep = deps.sleep ?? realSleep;
  const attempts = deps.attempts ?? 8;
  const pace = pacer(deps.sendRate, sleep);
  const outcome: BatchOutcome = { sent: 0, duplicate: 0, skipped: 0, throttled: 0 };
  let unfinished: unknown;

  const sendPaced = async (message: Parameters<Mailer['send']>[0], lease: DeliveryLease) => {
    for (let attempt = 1; ; attempt++) {
      // A retry chain can outlast the delivery lease (8 tries, backoff up to 30 s each): renew it
      // before each further try, so no other invocation can take it over and send the same email.
      if (attempt > 1) await lease.renew();
      await pace();
      try {
        return await deps.mailer.send(message);
      } catch (error) {
        if (!isThrottlingOrOutage(error) || attempt >= attempts) throw error;
        outcome.throttled++;
        // Back off exponentially with jitter; the subscriber is retried, never skipped.
        await sleep(Math.min(30_000, (deps.retryBaseMs ?? 200) * 2 ** (attempt - 1)) * (0.5 + Math.random()));
      }
    }
  };

  const subscribers = await getSubscribers(deps, subscriberIds);
  // Readers who also keep an active member profile get "Suggested for you" and their profile link.
  const memberExtras = await digestMemberExtras(deps, digest, subscribers.filter((subscriber) => subscriber.status === 'active'));
  for (const subscriber of subscribers) {
    // Status is read at send time: whoever unsubscribed or bounced since the plan is skipped.
    if (subscriber.status !== 'active') {
      outcome.skipped++;
      continue;
    }
    try {
      const links = await unsubscribeLinks(deps.publicUrl, subscriber.id);
      const extras = memberExtras.get(subscriber.id);
      const message = renderDigestEmail(
        digest,
        { publicUrl: deps.publicUrl, unsubscribePage: links.page, oneClickUnsubscribe: links.oneClick },
        subscriber.email,
        extras?.suggestions,
        extras?.profileUrl,
      );
      const result = await deliverOnce(deps, `digest/${month}/${subscriber.id}`, (lease) => sendPaced(message, lease));
      outcome[result === 'sent' ? 'sent' : 'duplicate']++;
    } catch (error) {
      // Keep going for the others; fail the batch at the end so the rest is retried.
      logger.warn('digest not sent to a subscriber yet', { month, subscriberId: subscriber.id, error: String(error) });
      unfinished ??= error;
    }
  }
  if (outcome.sent > 0) recordMetric('DigestsSent', outcome.sent);
  if (unfinished) throw unfinished;
  return outcome;
}
