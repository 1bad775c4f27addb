/**
 * Assembling a month's digest, once: what `MonthRolledOver` causes.
 */
import { syncDirectory } from '../cities/directory-repository';
import { markCityFeatured } from '../cities/repository';
import type { Table } from '../data/table';
import { deliverOnce } from '../email/deliveries';
import type { Mailer } from '../email/mailer';
import { emailLayout, escapeHtml } from '../email/html';
import { outboxAttributes, publishFromOutbox } from '../events/outbox';
import type { EventPublisher } from '../events/publisher';
import { logger } from '../logger';
import { DEFAULT_SPOTLIGHT } from './default-spotlight';
import { checkDigestDelivery } from './delivery-check';
import { digestKey, getDigest, getPins, getSpotlight, putDigestOnce } from './repository';
import { monthName, type Digest } from './schema';
import { selectFeatured, toFeaturedCity } from './selection';
import { recordMetric } from '../metrics';

export interface AssembleDeps extends Table {
  publisher: EventPublisher;
  mailer: Mailer;
  coordinatorEmail: string;
  /** Subscribers per `DigestBatchReady`, for resuming an interrupted delivery. */
  batchSize: number;
  now?: () => Date;
}

export type AssembleOutcome = 'assembled' | 'empty' | 'already-assembled';

/**
 * Records `lastFeaturedMonth` on each featured city (and its directory listings). Idempotent:
 * a later month is never overwritten by an earlier one, and repeating it changes nothing.
 */
async function markFeatured(table: Table, digest: Digest): Promise<void> {
  for (const city of digest.featured) {
    const marked = await markCityFeatured(table, city.id, digest.month);
    if (marked) await syncDirectory(table, marked);
  }
}

/**
 * Chooses and records the month's featured cities exactly once, then announces
 * `DigestAssembled` (through the outbox). A repeated or concurrent rollover for the same month
 * finds the recorded digest and sends nothing more. With no eligible city there is no digest,
 * and the coordinator is told once.
 *
 * @example
 * await assembleDigest(deps, '2031-01'); // 'assembled'
 */
export async function assembleDigest(deps: AssembleDeps, month: string): Promise<AssembleOutcome> {
  const recorded = await getDigest(deps, month);
  if (recorded) {
    // A crash may have left the featured cities unmarked: finishing is harmless.
    await markFeatured(deps, recorded);
    // A rollover run again for this month (by hand, or redelivered) finishes its delivery if
    // it was interrupted: the check publishes only what is missing, and nobody gets two.
    if (recorded.status === 'assembled') await checkDigestDelivery(deps, month, { graceMs: 0 });
    return 'already-assembled';
  }
  const now = (deps.now ?? (() => new Date()))();
  const { featured } = await selectFeatured(deps, month, await getPins(deps, month));
  const digest: Digest = {
    month,
    status: featured.length > 0 ? 'assembled' : 'empty',
    featured: featured.map(toFeaturedCity),
    spotlight: (await getSpotlight(deps, month)) ?? DEFAULT_SPOTLIGHT,
    assembledAt: now.toISOString(),
  };
  const outbox = digest.status === 'assembled' ? outboxAttributes([{ detailType: 'DigestAssembled', detail: { month } }], now) : undefined;
  if (!(await putDigestOnce(deps, digest, outbox))) {
    const winner = await getDigest(deps, month);
    if (winner) await markFeatured(deps, winner);
    return 'already-assembled';
  }
  logger.info('digest assembled', { month, featured: digest.featured.map((city) => city.id) });
  await markFeatured(deps, digest);
  if (digest.status === 'assembled') recordMetric('DigestsAssembled');
  if (outbox) {
    await publishFromOutbox(deps, digestKey(month), outbox);
    return 'assembled';
  }
  await deliverOnce(deps, `digest-empty/${month}`, () => deps.mailer.send(noDigestEmail(month, deps.coordinatorEmail)));
  return 'empty';
}

function noDigestEmail(month: string, to: string) {
  const text = `No city was eligible for the ${monthName(month)} digest (approved, seeking, and not featured last month), so no digest was sent. Approve pending registrations or pin cities for next month in the coordinator console.`;
  return {
    to: [to],
    subject: `No digest for ${monthName(month)}: no eligible city`,
    text,
    html: emailLayout({ title: `No digest for ${monthName(month)}`, bodyHtml: `<p style="margin:0">${escapeHtml(text)}</p>` }),
  };
}
