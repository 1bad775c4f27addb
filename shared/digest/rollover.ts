/**
 * The monthly rollover: which month it is in the program's time zone, and the event that
 * starts a digest.
 */
import type { EventPublisher } from '../events/publisher';

/** The program runs on New York time: the digest goes out at 09:00 there on the 1st. */
export const PROGRAM_TIME_ZONE = 'America/New_York';

/**
 * The month (`YYYY-MM`) that `at` falls in, in `timeZone`.
 *
 * @example
 * monthAt(new Date('2031-01-01T14:00:00Z')) // '2031-01'
 * monthAt(new Date('2031-01-01T03:00:00Z')) // '2030-12' (still December in New York)
 */
export function monthAt(at: Date, timeZone = PROGRAM_TIME_ZONE): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(at);
  const year = parts.find((part) => part.type === 'year')?.value;
  const month = parts.find((part) => part.type === 'month')?.value;
  return `${year}-${month}`;
}

/**
 * Puts `MonthRolledOver` on the bus; resolves once the bus accepted it.
 *
 * @example
 * await rollOver(busPublisher(), '2031-01');
 */
export async function rollOver(publisher: EventPublisher, month: string): Promise<void> {
  await publisher.publish([{ detailType: 'MonthRolledOver', detail: { month } }]);
}
