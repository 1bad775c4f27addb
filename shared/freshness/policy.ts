/**
 * Listing freshness, the rules: when a city's listing counts as confirmed, when it is asked to
 * confirm again, and when an unanswered request takes it out of "seeking". Pure functions; the
 * month's check (`check.ts`) acts on them.
 *
 * A city's listing is *last confirmed* at `listingConfirmedAt ?? reviewedAt ?? registeredAt`.
 * Each month, every approved, seeking city whose listing was last confirmed over 12 months ago
 * is asked once whether it is still seeking. A request unanswered for 60 days takes the
 * listing out of "seeking" and the coordinator is told, once.
 */
import type { City } from '../cities/schema';

/** A listing last confirmed longer ago than this many months is asked to confirm. */
export const CONFIRM_EVERY_MONTHS = 12;
/** Days a request to confirm stays open before the listing stops showing as seeking. */
export const CONFIRM_WITHIN_DAYS = 60;
const DAY_MS = 86_400_000;

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
