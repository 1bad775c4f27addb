import { describe, expect, it } from 'vitest';
import { nextFiring, rateMs, toFiveFieldCron } from '../../infra/local/schedule';

describe('local schedules', () => {
  it.each([
    ['rate(5 minutes)', 300_000],
    ['rate(1 minute)', 60_000],
    ['rate(2 hours)', 7_200_000],
    ['rate(1 day)', 86_400_000],
    ['cron(0 9 1 * ? *)', undefined],
  ])('reads %s as %s ms', (expression, ms) => {
    expect(rateMs(expression)).toBe(ms);
  });

  it.each([
    ['cron(0 9 1 * ? *)', '0 9 1 * *'],
    ['cron(15 10 ? * 2 *)', '15 10 * * 1'],
    ['cron(0 12 ? * MON-FRI *)', '0 12 * * MON-FRI'],
  ])('converts %s to %s', (aws, five) => {
    expect(toFiveFieldCron(aws)).toBe(five);
  });

  it('fires the monthly cron at 09:00 New York time on the 1st, across daylight saving', () => {
    // Act
    const december = nextFiring('cron(0 9 1 * ? *)', 'America/New_York', new Date('2026-11-28T00:00:00Z'));
    const july = nextFiring('cron(0 9 1 * ? *)', 'America/New_York', new Date('2027-06-15T00:00:00Z'));

    // Assess
    expect(december.toISOString()).toBe('2026-12-01T14:00:00.000Z');
    expect(july.toISOString()).toBe('2027-07-01T13:00:00.000Z');
  });

  it('refuses what is not an EventBridge cron', () => {
    expect(() => toFiveFieldCron('cron(0 9 1 *)')).toThrow('Not an EventBridge cron expression');
  });
});
