/**
 * The weekly member alerts: one email per member with queued cities, listing them with the
 * reasons they fit, keyed `member-alert/<memberId>/<ISO week>` — so at most one a week.
 *
 * Members with queued cities come from the sparse pending index (a Query). For each, the week's
 * email is first recorded as an intent on the pending item (which cities), then sent through a
 * delivery record, then exactly those cities are cleared; a retry after a crash finishes the
 * same email, and cities queued meanwhile wait for next week. Everything is read again at send
 * time: a member who opted out or left, or a city no longer seeking or no longer fitting the
 * (possibly edited) profile, is dropped from the queue without an email.
 */
import { getCities } from '../cities/repository';
import type { Table } from '../data/table';
import { deliverOnce } from '../email/deliveries';
import type { Mailer } from '../email/mailer';
import { memberAlertEmail, type AlertMatch } from '../email/templates/member-alert';
import { logger } from '../logger';
import { getMember, memberManageLink } from '../members';
import { FIT_THRESHOLD, scoreMatch } from '../matching/score';
import { recordMetric } from '../metrics';
import { finishWeeklyAlert, getPendingAlert, listPendingAlerts, startWeeklyAlert, unlistIfEmpty } from './repository';
import { isoWeek } from './week';

/** Members per Query of the pending index. */
const PAGE_SIZE = 25;
/** BatchGetItem's limit: a member's email lists at most this many cities (the rest wait a week). */
const MAX_CITIES_PER_EMAIL = 100;

export interface SendAlertsDeps extends Table {
  mailer: Mailer;
  publicUrl: string;
}

export type MemberAlertOutcome = 'sent' | 'duplicate' | 'dropped' | 'already-this-week' | 'nothing-pending';

export interface SendAlertsOutcome {
  week: string;
  sent: number;
  skipped: number;
}

/** The cities of `cityIds` to mail to `memberId` now, best first (empty: none, drop them all). */
async function matchesFor(deps: SendAlertsDeps, memberId: string, cityIds: string[]) {
  const member = await getMember(deps, memberId);
  if (!member || member.status !== 'active' || member.alertsOptOut) return { member, matches: [] as AlertMatch[] };
  const matches = (await getCities(deps, cityIds))
    .filter((city) => city.status === 'approved' && city.seeking)
    .map((city) => ({ city, ...scoreMatch(member, city) }))
    .filter((match) => match.score >= FIT_THRESHOLD)
    .sort((a, b) => b.score - a.score || a.city.name.localeCompare(b.city.name) || a.city.id.localeCompare(b.city.id));
  return { member, matches };
}

/**
 * Sends (at most) one member's alert of `week`.
 *
 * @example
 * await sendMemberAlert(deps, memberId, '2031-W02');
 */
export async function sendMemberAlert(deps: SendAlertsDeps, memberId: string, week: string, now: Date = new Date()): Promise<MemberAlertOutcome> {
  for (let round = 0; round < 3; round++) {
    const pending = await getPendingAlert(deps, memberId);
    if (!pending) return 'nothing-pending';
    let cityIds = pending.sendingWeek === week ? pending.sendingCityIds : undefined;
    if (!cityIds) {
      if (pending.sentWeek === week) return 'already-this-week';
      const queued = [...(pending.cityIds ?? [])].sort().slice(0, MAX_CITIES_PER_EMAIL);
      if (queued.length === 0) {
        await unlistIfEmpty(deps, memberId);
        return 'nothing-pending';
      }
      if (!(await startWeeklyAlert(deps, memberId, week, queued))) continue;
      cityIds = queued;
    }
    const { member, matches } = await matchesFor(deps, memberId, cityIds);
    let result: MemberAlertOutcome = 'dropped';
    if (member && matches.length > 0) {
      const manageUrl = await memberManageLink(deps.publicUrl, member.id);
      result = await deliverOnce(deps, `member-alert/${member.id}/${week}`, () =>
        deps.mailer.send(memberAlertEmail(member, matches, { publicUrl: deps.publicUrl, manageUrl })),
      );
    }
    await finishWeeklyAlert(deps, memberId, week, cityIds, matches.map((match) => match.city.id), now);
    return result;
  }
  throw new Error(`The pending alert of member ${memberId} kept changing; try again`);
}

/**
 * The week's alerts to every member with queued cities. Run by the weekly schedule; tests (or a
 * person) can call it, or the handler, at any time: repeating it in the same week sends nothing
 * more.
 *
 * @throws when some member's email could not be sent (the others are sent); the retry sends
 *   only what is missing
 * @example
 * await sendMemberAlerts({ ...table(), ...mailing() }, new Date());
 */
export async function sendMemberAlerts(deps: SendAlertsDeps, at: Date): Promise<SendAlertsOutcome> {
  const week = isoWeek(at);
  const outcome: SendAlertsOutcome = { week, sent: 0, skipped: 0 };
  let unfinished: unknown;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await listPendingAlerts(deps, PAGE_SIZE, startKey);
    for (const memberId of page.memberIds) {
      try {
        const result = await sendMemberAlert(deps, memberId, week);
        if (result === 'sent') outcome.sent++;
        else outcome.skipped++;
      } catch (error) {
        logger.warn('member alert not sent yet', { memberId, week, error: String(error) });
        unfinished ??= error;
      }
    }
    startKey = page.nextKey;
  } while (startKey);
  if (outcome.sent > 0) recordMetric('MemberAlertsSent', outcome.sent);
  logger.info('member alerts sent', { ...outcome });
  if (unfinished) throw unfinished;
  return outcome;
}
