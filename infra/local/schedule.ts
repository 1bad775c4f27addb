/**
 * The local twin of EventBridge Scheduler: runs each declared schedule expression
 * (`rate(…)` or `cron(…)`, in its time zone) against the real handler.
 */
import { CronExpressionParser } from 'cron-parser';

/** EventBridge Scheduler's `rate(value unit)`, in milliseconds. */
export function rateMs(expression: string): number | undefined {
  const rate = /^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$/.exec(expression.trim());
  if (!rate) return undefined;
  const unit = (rate[2] as string).replace(/s$/, '');
  const unitMs = unit === 'minute' ? 60_000 : unit === 'hour' ? 3_600_000 : 86_400_000;
  return Number(rate[1]) * unitMs;
}

/**
 * Converts an EventBridge `cron(min hour day-of-month month day-of-week year)` to the
 * five-field form of cron-parser. AWS numbers weekdays 1–7 from Sunday, cron 0–6.
 *
 * @example
 * toFiveFieldCron('cron(0 9 1 * ? *)') // '0 9 1 * *'
 */
export function toFiveFieldCron(expression: string): string {
  const body = /^cron\((.+)\)$/.exec(expression.trim())?.[1];
  const fields = body?.trim().split(/\s+/);
  if (!fields || fields.length !== 6) throw new Error(`Not an EventBridge cron expression: ${expression}`);
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields as [string, string, string, string, string];
  const weekday = dayOfWeek.replace(/\b([1-7])\b/g, (digit) => String(Number(digit) - 1));
  return [minute, hour, dayOfMonth, month, weekday].map((field) => (field === '?' ? '*' : field)).join(' ');
}

/**
 * The first time after `from` at which the schedule fires.
 *
 * @example
 * nextFiring('cron(0 9 1 * ? *)', 'America/New_York', new Date('2026-11-28T00:00:00Z')) // 2026-12-01T14:00:00Z
 */
export function nextFiring(expression: string, timezone: string | undefined, from: Date): Date {
  const every = rateMs(expression);
  if (every !== undefined) return new Date(from.getTime() + every);
  return CronExpressionParser.parse(toFiveFieldCron(expression), { tz: timezone ?? 'UTC', currentDate: from })
    .next()
    .toDate();
}

export interface LocalSchedule {
  name: string;
  expression: string;
  timezone?: string;
  fire: (scheduledTime: Date) => Promise<unknown>;
}

/**
 * Starts timers for every schedule; returns a function that stops them all.
 *
 * @example
 * const stop = startSchedules(schedules, console.log);
 */
export function startSchedules(schedules: LocalSchedule[], log: (line: string) => void): () => void {
  const timers = new Map<string, NodeJS.Timeout>();
  let stopped = false;
  const arm = (schedule: LocalSchedule) => {
    const at = nextFiring(schedule.expression, schedule.timezone, new Date());
    // setTimeout cannot wait longer than ~24.8 days; re-arm until the time comes.
    const wait = Math.min(at.getTime() - Date.now(), 2 ** 31 - 1);
    const timer = setTimeout(async () => {
      if (stopped) return;
      if (Date.now() >= at.getTime() - 5) {
        try {
          await schedule.fire(at);
        } catch (error) {
          log(`schedule ${schedule.name} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      if (!stopped) arm(schedule);
    }, Math.max(0, wait));
    timer.unref();
    timers.set(schedule.name, timer);
  };
  schedules.forEach(arm);
  return () => {
    stopped = true;
    timers.forEach((timer) => clearTimeout(timer));
  };
}
