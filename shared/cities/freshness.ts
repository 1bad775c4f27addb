/**
 * Fresh listings: what `MonthRolledOver` causes besides the digest, and the link it mails.
 *
 * A city's listing is *last confirmed* at `listingConfirmedAt ?? reviewedAt ?? registeredAt`.
 * Each month, every approved, seeking city whose listing was last confirmed over 12 months ago
 * is asked once whether it is still seeking (a signed link to a page with a button that POSTs).
 * A request unanswered for 60 days takes the listing out of "seeking" (as `setSeeking(…, false)`
 * does: the directory listings re-sync) and the coordinator is told, once.
 *
 * Candidates come from the SEEKING directory listing (a Query on `gsi1`, page by page, never a
 * Scan) and are decided on their city items, read strongly consistent. Progress is checkpointed
 * on a per-month item, which names the page in progress before acting on it:
 *
 *   pk LISTINGS#<month>  sk CHECK  { pages, cursor, pageIds?, pageNext?, done }
 *
 * so a retried, crashed or concurrent delivery of the month's rollover resumes with exactly that
 * page — even for cities that its first attempt already took out of the SEEKING listing — and a
 * second rollover of the month reads one item and sends nothing. Every email is also a delivery
 * record keyed on its cause (`listing-reminder/<city>/<month>`,
 * `listing-expired/<city>/<reminder month>`), and every change to a city is one conditional
 * update on the fields it was decided on, so a confirmation that lands meanwhile always wins.
 */
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from '../zod';
import { isThrottlingOrOutage } from '../aws/failures';
import { isConditionFailed, conditionally } from '../data/conditional';
import type { Table } from '../data/table';
import { deliverOnce, type DeliveryLease } from '../email/deliveries';
import type { Mailer } from '../email/mailer';
import type { EmailMessage } from '../email/message';
import { listingExpiredEmail, listingReminderEmail } from '../email/templates/listing-freshness';
import { logger } from '../logger';
import { recordMetric } from '../metrics';
import { signToken, verifyToken } from '../tokens';
import { syncDirectory } from './directory';
import { cityKey, getCities } from './repository';
import { storedCitySchema, type City } from './schema';

/** A listing last confirmed longer ago than this many months is asked to confirm. */
export const CONFIRM_EVERY_MONTHS = 12;
/** Days a request to confirm stays open before the listing stops showing as seeking. */
export const CONFIRM_WITHIN_DAYS = 60;
const DAY_MS = 86_400_000;

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

/**
 * The signed link of a city's confirmation page.
 *
 * @example
 * const confirmUrl = await listingConfirmLink(config().PUBLIC_URL, city.id);
 */
export async function listingConfirmLink(publicUrl: string, cityId: string): Promise<string> {
  return `${publicUrl}/api/cities/${encodeURIComponent(cityId)}/confirm-listing?token=${encodeURIComponent(await signToken('listing-confirm', cityId))}`;
}

/**
 * The city a confirmation link acts for: its token must be signed for `listing-confirm` and for
 * the very city of the path (ids are compared as stored, upper case).
 *
 * @returns the city id, or `undefined` for a forged, altered, foreign or missing token
 * @example
 * const cityId = await listingTokenCityId(event.pathParameters?.id, linkToken(event.queryStringParameters));
 */
export async function listingTokenCityId(pathId: string | undefined, token: string): Promise<string | undefined> {
  const cityId = await verifyToken('listing-confirm', token);
  return cityId !== undefined && cityId === pathId?.toUpperCase() ? cityId : undefined;
}

/** When a city's listing was last confirmed as seeking. */
export function lastConfirmedAt(city: Pick<City, 'listingConfirmedAt' | 'reviewedAt' | 'registeredAt'>): string {
  return city.listingConfirmedAt ?? city.reviewedAt ?? city.registeredAt;
}

/** The moment `months` calendar months before `at` (UTC). */
function monthsBefore(at: Date, months: number): Date {
  const before = new Date(at.getTime());
  before.setUTCMonth(before.getUTCMonth() - months);
  return before;
}

/** The date by which a request sent at `sentAt` should be answered. */
export function confirmDeadline(sentAt: string): string {
  return new Date(Date.parse(sentAt) + CONFIRM_WITHIN_DAYS * DAY_MS).toISOString();
}

/** What the month's check does to one city. */
export type ListingAction =
  | { kind: 'none' }
  /** Stale and not asked since its last confirmation: ask now. */
  | { kind: 'remind' }
  /** Asked in this very month (an earlier attempt of this rollover): make sure the email went. */
  | { kind: 'ensure-reminder' }
  /** Asked 60 days ago or more, no answer: stop showing it as seeking and tell the coordinator. */
  | { kind: 'expire' }
  /** Expired for want of an answer (possibly by an earlier attempt): make sure the coordinator knows. */
  | { kind: 'ensure-expired-notice' };

/**
 * Decides what the check of `month` at `now` does to `city`. Pure: the checkpoint, the
 * conditional writes and the delivery records make acting on it safe to repeat.
 *
 * @example
 * listingAction(city, '2031-01', new Date()) // { kind: 'remind' }
 */
export function listingAction(city: City, month: string, now: Date): ListingAction {
  if (city.status !== 'approved') return { kind: 'none' };
  const confirmed = lastConfirmedAt(city);
  const sent = city.listingReminderSentAt;
  // A request is open when it was sent after the last confirmation and has not expired yet.
  const asked = sent !== undefined && sent > confirmed;
  const expired = asked && city.listingExpiredAt !== undefined && city.listingExpiredAt >= sent;
  if (!city.seeking) return expired ? { kind: 'ensure-expired-notice' } : { kind: 'none' };
  if (asked && !expired) {
    if (now.getTime() >= Date.parse(confirmDeadline(sent))) return { kind: 'expire' };
    return city.listingReminderMonth === month ? { kind: 'ensure-reminder' } : { kind: 'none' };
  }
  // Never asked, confirmed since, or seeking again after an expiry (a coordinator's choice):
  // ask when the last confirmation is over a year old.
  return confirmed < monthsBefore(now, CONFIRM_EVERY_MONTHS).toISOString() ? { kind: 'remind' } : { kind: 'none' };
}

// ——— the per-month checkpoint ———

const checkKey = (month: string) => ({ pk: `LISTINGS#${month}`, sk: 'CHECK' });

const cursorSchema = /* @__PURE__ */ (() => z.optional(z.nullable(z.record(z.string(), z.unknown()))))();
const progressSchema = /* @__PURE__ */ (() =>
  z.object({
    pages: z._default(z.number().check(z.int(), z.gte(0)), 0),
    cursor: cursorSchema,
    pageIds: z.optional(z.nullable(z.array(z.string()))),
    pageNext: cursorSchema,
    done: z._default(z.boolean(), false),
  }))();
type Progress = z.infer<typeof progressSchema>;

async function readProgress(table: Table, month: string): Promise<Progress> {
  const read = await table.documents.send(new GetCommand({ TableName: table.tableName, Key: checkKey(month), ConsistentRead: true }));
  return progressSchema.parse(read.Item ?? {});
}


/** Records the page about to be processed; false when another invocation moved on first. */
function claimPage(table: Table, month: string, progress: Progress, ids: string[], next: Record<string, unknown> | undefined, now: Date) {
  return conditionally(
    table.documents.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: checkKey(month),
        UpdateExpression: 'SET pageIds = :ids, pageNext = :next, pages = if_not_exists(pages, :zero), #month = :month, startedAt = if_not_exists(startedAt, :now)',
        ConditionExpression: '(attribute_not_exists(pages) OR pages = :current) AND (attribute_not_exists(pageIds) OR pageIds = :null)',
        ExpressionAttributeNames: { '#month': 'month' },
        ExpressionAttributeValues: {
          ':ids': ids,
          ':next': next ?? null,
          ':zero': 0,
          ':month': month,
          ':now': now.toISOString(),
          ':current': progress.pages,
          ':null': null,
        },
      }),
    ),
  );
}

/** Moves the checkpoint past the page just processed; false when another invocation did. */
function advance(table: Table, month: string, progress: Progress, next: Record<string, unknown> | undefined, now: Date) {
  return conditionally(
    table.documents.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: checkKey(month),
        UpdateExpression: 'SET pages = :pages, #cursor = :cursor, done = :done, updatedAt = :now REMOVE pageIds, pageNext',
        ConditionExpression: 'pages = :current',
        ExpressionAttributeNames: { '#cursor': 'cursor' },
        ExpressionAttributeValues: { ':pages': progress.pages + 1, ':cursor': next ?? null, ':done': next === undefined, ':now': now.toISOString(), ':current': progress.pages },
      }),
    ),
  );
}

// ——— reads ———

const seekingPageSchema = /* @__PURE__ */ (() =>
  z.object({
    Items: z._default(z.array(z.object({ id: z.string() })), []),
    LastEvaluatedKey: z.optional(z.record(z.string(), z.unknown())),
  }))();

/** One page of the SEEKING directory listing (approved, seeking cities by name): their ids. */
async function seekingPage(table: Table, startKey: Record<string, unknown> | undefined) {
  const result = await table.documents.send(
    new QueryCommand({
      TableName: table.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :listing',
      ExpressionAttributeValues: { ':listing': 'DIR#SEEKING' },
      ProjectionExpression: 'id',
      Limit: PAGE_SIZE,
      ExclusiveStartKey: startKey,
    }),
  );
  const page = seekingPageSchema.parse(result);
  return { ids: page.Items.map((item) => item.id), nextKey: page.LastEvaluatedKey };
}

// ——— acting on one city ———

/**
 * The conditions that `city` is still as it was read: approved and seeking, not confirmed and
 * not asked since. Whatever changed meanwhile (a confirmation above all) makes the write fail,
 * and the city is decided again.
 */
function unchanged(city: City) {
  const conditions = ['#status = :approved', 'seeking = :true'];
  const values: Record<string, unknown> = { ':approved': 'approved', ':true': true };
  for (const [name, value] of [
    ['listingConfirmedAt', city.listingConfirmedAt],
    ['listingReminderSentAt', city.listingReminderSentAt],
  ] as const) {
    if (value === undefined) conditions.push(`attribute_not_exists(${name})`);
    else {
      conditions.push(`${name} = :was_${name}`);
      values[`:was_${name}`] = value;
    }
  }
  return { condition: conditions.join(' AND '), values };
}

async function updateCity(table: Table, city: City, set: Record<string, unknown>): Promise<City | undefined> {
  const { condition, values } = unchanged(city);
  const names: Record<string, string> = { '#status': 'status' };
  const assignments: string[] = [];
  for (const [name, value] of Object.entries(set)) {
    names[`#${name}`] = name;
    values[`:${name}`] = value;
    assignments.push(`#${name} = :${name}`);
  }
  try {
    const result = await table.documents.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: cityKey(city.id),
        UpdateExpression: `SET ${assignments.join(', ')}`,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return storedCitySchema.parse(result.Attributes);
  } catch (error) {
    if (isConditionFailed(error)) return undefined;
    throw error;
  }
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Paced sends that retry SES throttling with backoff (the digest may be using the quota). */
function pacedSender(deps: FreshnessDeps) {
  const sleep = deps.sleep ?? realSleep;
  const interval = 1000 / (deps.sendRate ?? DEFAULT_SEND_RATE);
  let next = 0;
  return async (message: EmailMessage, lease: DeliveryLease) => {
    for (let attempt = 1; ; attempt++) {
      // The retry chain can outlast the delivery lease: renew it before each further try.
      if (attempt > 1) await lease.renew();
      const at = Math.max(Date.now(), next);
      next = at + interval;
      if (at > Date.now()) await sleep(at - Date.now());
      try {
        return await deps.mailer.send(message);
      } catch (error) {
        if (!isThrottlingOrOutage(error) || attempt >= 8) throw error;
        await sleep(Math.min(30_000, 200 * 2 ** (attempt - 1)) * (0.5 + Math.random()));
      }
    }
  };
}

type Send = ReturnType<typeof pacedSender>;

export interface CheckOutcome {
  checked: number;
  reminded: number;
  expired: number;
}

async function sendReminder(deps: FreshnessDeps, send: Send, city: City, month: string): Promise<'sent' | 'duplicate'> {
  const sentAt = city.listingReminderSentAt ?? new Date().toISOString();
  const message = listingReminderEmail(city, {
    confirmUrl: await listingConfirmLink(deps.publicUrl, city.id),
    deadline: confirmDeadline(sentAt),
    lastConfirmedAt: lastConfirmedAt(city),
    replyTo: deps.coordinatorEmail,
  });
  return deliverOnce(deps, `listing-reminder/${city.id}/${month}`, (lease) => send(message, lease));
}

async function sendExpiredNotice(deps: FreshnessDeps, send: Send, city: City): Promise<'sent' | 'duplicate'> {
  const sentAt = city.listingReminderSentAt!;
  // Reminders before `listingReminderMonth` existed cannot be: both are written together.
  const reminderMonth = city.listingReminderMonth ?? sentAt.slice(0, 7);
  const message = listingExpiredEmail(city, { to: deps.coordinatorEmail, reminderSentAt: sentAt, publicUrl: deps.publicUrl });
  return deliverOnce(deps, `listing-expired/${city.id}/${reminderMonth}`, (lease) => send(message, lease));
}

/** Acts on one city; a lost race (the city changed meanwhile) decides it again, on fresh data. */
async function checkCity(deps: FreshnessDeps, send: Send, read: City, month: string, now: Date, outcome: CheckOutcome): Promise<void> {
  let city: City | undefined = read;
  for (let round = 0; city && round < 3; round++) {
    const action = listingAction(city, month, now);
    switch (action.kind) {
      case 'none':
        return;
      case 'ensure-reminder':
        await sendReminder(deps, send, city, month);
        return;
      case 'ensure-expired-notice':
        await sendExpiredNotice(deps, send, city);
        return;
      case 'remind': {
        const marked = await updateCity(deps, city, { listingReminderSentAt: now.toISOString(), listingReminderMonth: month });
        if (!marked) break;
        if ((await sendReminder(deps, send, marked, month)) === 'sent') {
          outcome.reminded++;
          recordMetric('ListingRemindersSent');
        }
        logger.info('listing confirmation requested', { cityId: city.id, month });
        return;
      }
      case 'expire': {
        const expired = await updateCity(deps, city, { seeking: false, listingExpiredAt: now.toISOString(), updatedAt: now.toISOString() });
        if (!expired) break;
        // As setSeeking(…, false): the SEEKING listings and the featuring queue drop the city.
        await syncDirectory(deps, expired);
        logger.info('listing no longer seeking: confirmation request unanswered', { cityId: city.id, reminderMonth: expired.listingReminderMonth });
        outcome.expired++;
        recordMetric('ListingsExpired');
        await sendExpiredNotice(deps, send, expired);
        return;
      }
    }
    city = (await getCities(deps, [read.id]))[0];
  }
}

/**
 * The month's check of every seeking listing, resumed from its checkpoint.
 *
 * @throws when some city could not be handled (SES down, another invocation mid-send): the
 *   checkpoint stays on that page, so the event's retry handles the page again, sending only
 *   what is missing
 * @example
 * await checkListings({ ...table(), ...mailing() }, '2031-01');
 */
export async function checkListings(deps: FreshnessDeps, month: string): Promise<CheckOutcome | 'already-checked'> {
  const now = (deps.now ?? (() => new Date()))();
  const send = pacedSender(deps);
  const outcome: CheckOutcome = { checked: 0, reminded: 0, expired: 0 };
  for (let first = true; ; first = false) {
    const progress = await readProgress(deps, month);
    if (progress.done) return first ? 'already-checked' : outcome;
    let ids = progress.pageIds ?? undefined;
    let next = (progress.pageNext ?? undefined) as Record<string, unknown> | undefined;
    if (!ids) {
      const page = await seekingPage(deps, (progress.cursor ?? undefined) as Record<string, unknown> | undefined);
      ids = page.ids;
      next = page.nextKey;
      if (!(await claimPage(deps, month, progress, ids, next, now))) continue;
    }
    let unfinished: unknown;
    for (const city of await getCities(deps, ids)) {
      try {
        await checkCity(deps, send, city, month, now, outcome);
        outcome.checked++;
      } catch (error) {
        // Keep going for the others; the page is retried as a whole, and repeats nothing.
        logger.warn('listing not checked yet', { cityId: city.id, month, error: String(error) });
        unfinished ??= error;
      }
    }
    if (unfinished) throw unfinished;
    await advance(deps, month, progress, next, now);
  }
}

// ——— the confirmation link ———

/**
 * - `confirmed`: the listing stays seeking; confirmed now
 * - `not-seeking`: the city is approved but no longer shown as seeking; nothing changed
 * - `unknown`: no such public city
 */
export type ConfirmListingOutcome = { outcome: 'confirmed' | 'not-seeking'; city: City } | { outcome: 'unknown' };

/**
 * What the button on the confirmation page does: records that the city is still seeking.
 * Repeating it only moves the confirmation time.
 *
 * @example
 * const result = await confirmListing(table(), cityId);
 */
export async function confirmListing(table: Table, cityId: string, now: Date = new Date()): Promise<ConfirmListingOutcome> {
  try {
    const result = await table.documents.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: cityKey(cityId),
        UpdateExpression: 'SET listingConfirmedAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND #status = :approved AND seeking = :true',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':now': now.toISOString(), ':approved': 'approved', ':true': true },
        ReturnValues: 'ALL_NEW',
      }),
    );
    logger.info('listing confirmed', { cityId });
    recordMetric('ListingsConfirmed');
    return { outcome: 'confirmed', city: storedCitySchema.parse(result.Attributes) };
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
  const city = (await getCities(table, [cityId]))[0];
  return city?.status === 'approved' ? { outcome: 'not-seeking', city } : { outcome: 'unknown' };
}
