/**
 * Which month the console plans: the first month not yet assembled.
 *
 * The archive (`GET /api/digests`) lists every assembled month. The month planned is the later
 * of two:
 *
 * - the month after the newest assembled one, so a month already sent (a rollover run by hand
 *   ahead of time included) is never planned again;
 * - the month the next scheduled rollover assembles (09:00 New York time on the 1st): this
 *   month until then, next month after. So a fresh installation, or a month whose rollover found
 *   no eligible city (an empty digest is recorded but not archived) or never ran, plans the
 *   newsletter that will actually go out next, never one whose moment has passed.
 */

const ROLLOVER_HOUR = 9;
const PROGRAM_TIME_ZONE = 'America/New_York';

/** "2031-12" + 1 → "2032-01". */
export function addMonths(month: string, count: number): string {
  const [year, index] = month.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, index - 1 + count, 1));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The month the next scheduled rollover assembles, at `now`. */
export function nextRolloverMonth(now: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: PROGRAM_TIME_ZONE,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(now);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const current = `${part('year')}-${String(part('month')).padStart(2, '0')}`;
  return part('day') === 1 && part('hour') < ROLLOVER_HOUR ? current : addMonths(current, 1);
}

/**
 * @example
 * // December 3, 2026, with January 2027 already sent by hand:
 * plannedMonth(['2027-01', '2026-12'], new Date('2026-12-03T15:00:00Z')) // '2027-02'
 */
export function plannedMonth(assembled: string[], now: Date): string {
  const next = nextRolloverMonth(now);
  // "YYYY-MM" strings sort chronologically.
  const newest = [...assembled].sort().pop();
  const afterNewest = newest ? addMonths(newest, 1) : next;
  return afterNewest > next ? afterNewest : next;
}
