/**
 * What `CityApproved` causes for members: every active member whose profile the city fits (at
 * least `FIT_THRESHOLD`) and who has not opted out gets the city queued for their weekly alert.
 *
 * Members are read page by page from the active-members index (a Query, never a Scan) and
 * scored in memory. Queuing is idempotent and a city already mailed to a member is never
 * queued again, so a repeated or late `CityApproved` adds nothing.
 */
import { NotFoundError } from '../errors';
import type { Table } from '../data/table';
import { getCity } from '../cities/repository';
import { listActiveMembers } from '../members';
import { FIT_THRESHOLD, scoreMatch } from '../matching/score';
import { logger } from '../logger';
import { queueCityAlert } from './repository';

/** Members per Query (each profile ~0.3 KB). */
const MEMBER_PAGE_SIZE = 500;

export interface MatchOutcome {
  considered: number;
  queued: number;
  alreadyAlerted: number;
}

/**
 * @returns how many members were considered and queued, or `not-seeking` when the city is not
 *   (or no longer) approved and seeking
 * @example
 * await matchApprovedCity(table(), detail.cityId);
 */
export async function matchApprovedCity(table: Table, cityId: string, now: Date = new Date()): Promise<MatchOutcome | 'not-seeking'> {
  const city = await getCity(table, cityId, true);
  if (!city) throw new NotFoundError(`City ${cityId} does not exist`);
  if (city.status !== 'approved' || !city.seeking) return 'not-seeking';
  const outcome: MatchOutcome = { considered: 0, queued: 0, alreadyAlerted: 0 };
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await listActiveMembers(table, MEMBER_PAGE_SIZE, startKey);
    for (const member of page.members) {
      outcome.considered++;
      if (member.alertsOptOut || scoreMatch(member, city).score < FIT_THRESHOLD) continue;
      outcome[(await queueCityAlert(table, member.id, city.id, now)) === 'queued' ? 'queued' : 'alreadyAlerted']++;
    }
    startKey = page.nextKey;
  } while (startKey);
  logger.info('approved city matched to members', { cityId, ...outcome });
  return outcome;
}
