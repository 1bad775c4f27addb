/**
 * The month's check of every seeking listing: what `MonthRolledOver` causes besides the digest.
 *
 * Candidates come from the SEEKING directory listing, page by page (never a Scan), and are
 * decided on their city items, read strongly consistent; progress is checkpointed per month
 * (`checkpoint-store.ts`). Every email is a delivery record keyed on its cause
 * (`listing-reminder/<city>/<month>`, `listing-expired/<city>/<reminder month>`), and every
 * change to a city is one conditional update on the fields it was decided on, so a
 * confirmation that lands meanwhile always wins.
 */
import { seekingCityIds, syncDirectory } from '../cities/directory-repository';
import { getCities, updateCityIfUnchanged } from '../cities/repository';
import type { City } from '../cities/schema';
import type { PageKey, Table } from '../data/table';
import { deliverOnce, type DeliveryLease } from '../email/deliveries';
import type { Mailer } from '../email/mailer';
import { pacedSender, type PacedSend } from '../email/paced-sender';
import { listingExpiredEmail, listingReminderEmail } from '../email/templates/listing-freshness';
import { logger } from '../logger';
import { recordMetric } from '../metrics';
import { listingCheckpoints, type ListingCheckpoints } from './checkpoint-store';
import { listingManageLink } from '../cities/listing-links';
import { listingConfirmLink } from './links';
import { confirmDeadline, lastConfirmedAt, listingAction } from './policy';

/** Cities per checkpointed page. */
const PAGE_SIZE = 25;
/** Reminder emails per second: the digest goes out at the same hour and needs SES's quota most. */
const DEFAULT_SEND_RATE = 5;

export interface FreshnessDeps extends Table {
  mailer: Mailer;
  coordinatorEmail: string;
  publicUrl: string;
  now?: () => Date;
  /** Messages per second (default 5). */
  sendRate?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** What the check reads and writes, as interfaces: the table in production, fakes in unit tests. */
export interface ListingCheckPorts {
  checkpoints: ListingCheckpoints;
  /** One page of the ids of approved, seeking cities, by name. */
  seekingPage(startKey: PageKey | undefined): Promise<{ ids: string[]; nextKey?: PageKey }>;
  getCities(ids: string[]): Promise<City[]>;
  /** A conditional update of a city still as it was read (`undefined`: it changed). */
  updateIfUnchanged(city: City, set: Record<string, unknown>): Promise<City | undefined>;
  /** Re-syncs the city's directory listings after it stopped seeking. */
  syncListings(city: City): Promise<void>;
  /** Sends once per cause (a delivery record). */
  deliver(cause: string, send: (lease: DeliveryLease) => Promise<{ messageId: string }>): Promise<'sent' | 'duplicate'>;
  send: PacedSend;
  coordinatorEmail: string;
  publicUrl: string;
}

export interface CheckOutcome {
  checked: number;
  reminded: number;
  expired: number;
}

async function sendReminder(ports: ListingCheckPorts, city: City, month: string): Promise<'sent' | 'duplicate'> {
  const sentAt = city.listingReminderSentAt ?? new Date().toISOString();
  const message = listingReminderEmail(city, {
    confirmUrl: await listingConfirmLink(ports.publicUrl, city.id),
    manageUrl: await listingManageLink(ports.publicUrl, city.id),
    deadline: confirmDeadline(sentAt),
    lastConfirmedAt: lastConfirmedAt(city),
    replyTo: ports.coordinatorEmail,
  });
  return ports.deliver(`listing-reminder/${city.id}/${month}`, (lease) => ports.send(message, lease));
}

async function sendExpiredNotice(ports: ListingCheckPorts, city: City): Promise<'sent' | 'duplicate'> {
  const sentAt = city.listingReminderSentAt!;
  // Reminders before `listingReminderMonth` existed cannot be: both are written together.
  const reminderMonth = city.listingReminderMonth ?? sentAt.slice(0, 7);
  const message = listingExpiredEmail(city, { to: ports.coordinatorEmail, reminderSentAt: sentAt, publicUrl: ports.publicUrl });
  return ports.deliver(`listing-expired/${city.id}/${reminderMonth}`, (lease) => ports.send(message, lease));
}

/** Acts on one city; a lost race (the city changed meanwhile) decides it again, on fresh data. */
async function checkCity(ports: ListingCheckPorts, read: City, month: string, now: Date, outcome: CheckOutcome): Promise<void> {
  let city: City | undefined = read;
  for (let round = 0; city && round < 3; round++) {
    const action = listingAction(city, month, now);
    switch (action.kind) {
      case 'none':
        return;
      case 'ensure-reminder':
        await sendReminder(ports, city, month);
        return;
      case 'ensure-expired-notice':
        await sendExpiredNotice(ports, city);
        return;
      case 'remind': {
        const marked = await ports.updateIfUnchanged(city, { listingReminderSentAt: now.toISOString(), listingReminderMonth: month });
        if (!marked) break;
        if ((await sendReminder(ports, marked, month)) === 'sent') {
          outcome.reminded++;
          recordMetric('ListingRemindersSent');
        }
        logger.info('listing confirmation requested', { cityId: city.id, month });
        return;
      }
      case 'expire': {
        const expired = await ports.updateIfUnchanged(city, { seeking: false, listingExpiredAt: now.toISOString(), updatedAt: now.toISOString() });
        if (!expired) break;
        // As setSeeking(…, false): the SEEKING listings and the featuring queue drop the city.
        await ports.syncListings(expired);
        logger.info('listing no longer seeking: confirmation request unanswered', { cityId: city.id, reminderMonth: expired.listingReminderMonth });
        outcome.expired++;
        recordMetric('ListingsExpired');
        await sendExpiredNotice(ports, expired);
        return;
      }
    }
    city = (await ports.getCities([read.id]))[0];
  }
}

/**
 * The month's check, on any ports, resumed from its checkpoint.
 *
 * @throws when some city could not be handled (SES down, another invocation mid-send): the
 *   checkpoint stays on that page, so the event's retry handles the page again, sending only
 *   what is missing
 * @example
 * await runListingCheck(fakePorts, '2031-01', new Date('2031-01-01T14:00:00Z'));
 */
export async function runListingCheck(ports: ListingCheckPorts, month: string, now: Date): Promise<CheckOutcome | 'already-checked'> {
  const outcome: CheckOutcome = { checked: 0, reminded: 0, expired: 0 };
  for (let first = true; ; first = false) {
    const progress = await ports.checkpoints.read(month);
    if (progress.done) return first ? 'already-checked' : outcome;
    let ids = progress.page?.ids;
    let next = progress.page?.next;
    if (!ids) {
      const page = await ports.seekingPage(progress.cursor);
      ids = page.ids;
      next = page.nextKey;
      if (!(await ports.checkpoints.claimPage(month, progress, ids, next, now))) continue;
    }
    let unfinished: unknown;
    for (const city of await ports.getCities(ids)) {
      try {
        await checkCity(ports, city, month, now, outcome);
        outcome.checked++;
      } catch (error) {
        // Keep going for the others; the page is retried as a whole, and repeats nothing.
        logger.warn('listing not checked yet', { cityId: city.id, month, error: String(error) });
        unfinished ??= error;
      }
    }
    if (unfinished) throw unfinished;
    await ports.checkpoints.advance(month, progress, next, now);
  }
}

/**
 * The ports of the check on the program's table and mailer.
 *
 * @example
 * const ports = tableListingCheckPorts({ ...table(), ...mailing() });
 */
export function tableListingCheckPorts(deps: FreshnessDeps): ListingCheckPorts {
  return {
    checkpoints: listingCheckpoints(deps),
    seekingPage: (startKey) => seekingCityIds(deps, PAGE_SIZE, startKey),
    getCities: (ids) => getCities(deps, ids),
    updateIfUnchanged: (city, set) => updateCityIfUnchanged(deps, city, set),
    syncListings: (city) => syncDirectory(deps, city),
    deliver: (cause, send) => deliverOnce(deps, cause, send),
    send: pacedSender(deps.mailer, { perSecond: deps.sendRate ?? DEFAULT_SEND_RATE, sleep: deps.sleep }),
    coordinatorEmail: deps.coordinatorEmail,
    publicUrl: deps.publicUrl,
  };
}

/**
 * The month's check of every seeking listing, on the table.
 *
 * @example
 * await checkListings({ ...table(), ...mailing() }, '2031-01');
 */
export function checkListings(deps: FreshnessDeps, month: string): Promise<CheckOutcome | 'already-checked'> {
  return runListingCheck(tableListingCheckPorts(deps), month, (deps.now ?? (() => new Date()))());
}
