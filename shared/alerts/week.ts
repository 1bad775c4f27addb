/**
 * The ISO 8601 week a moment falls in, in the program's time zone: the period of "at most one
 * alert email a week per member".
 */
import { PROGRAM_TIME_ZONE } from '../digest/rollover';

/**
 * `YYYY-Www` of the ISO week (weeks start on Monday; week 1 holds the year's first Thursday)
 * that `at` falls in, in `timeZone`.
 *
 * @example
 * isoWeek(new Date('2031-01-06T19:00:00Z')) // '2031-W02' (Monday 14:00 in New York)
 * isoWeek(new Date('2030-12-30T19:00:00Z')) // '2031-W01' (the week of the year's first Thursday)
 */
export function isoWeek(at: Date, timeZone = PROGRAM_TIME_ZONE): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const part = (type: string) => Number(parts.find((candidate) => candidate.type === type)?.value);
  const day = new Date(Date.UTC(part('year'), part('month') - 1, part('day')));
  // The Thursday of the same ISO week decides its year.
  day.setUTCDate(day.getUTCDate() + 4 - (day.getUTCDay() || 7));
  const year = day.getUTCFullYear();
  const week = Math.floor((day.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
