/**
 * Sending one batch of a month's digest (what `DigestBatchReady` causes).
 *
 * Each (month, subscriber) is delivered once through a delivery record, so a retried batch, a
 * batch announced twice, or a crash half-way neither skips nor repeats anyone. Sends are paced
 * to the configured rate; SES throttling is retried with backoff instead of dropping anyone,
 * and what still fails makes the batch fail, so the event is retried later.
 */
import type { Table } from '../data/table';
import { deliverOnce } from '../email/deliveries';
import type { Mailer } from '../email/mailer';
import { pacedSender } from '../email/paced-sender';
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
  const outcome: BatchOutcome = { sent: 0, duplicate: 0, skipped: 0, throttled: 0 };
  const sendPaced = pacedSender(deps.mailer, {
    perSecond: deps.sendRate,
    attempts: deps.attempts,
    retryBaseMs: deps.retryBaseMs,
    sleep: deps.sleep,
    onThrottle: () => outcome.throttled++,
  });
  let unfinished: unknown;

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
