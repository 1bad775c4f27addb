import { describe, expect, it } from 'vitest';
import { confirmDeadline, listingAction } from '../../shared/freshness/policy';
import type { City } from '../../shared/cities/schema';
import { isoWeek } from '../../shared/alerts/week';

const NOW = new Date('2032-03-01T14:00:00.000Z');

function city(overrides: Partial<City> = {}): City {
  return {
    id: '01JABCDEFGHJKMNPQRSTVWXYZ0',
    name: 'Kandy',
    nameKey: 'kandy',
    country: 'LK',
    population: 125_000,
    description: 'Hill capital.',
    interests: ['arts-culture'],
    contact: { name: 'Contact', email: 'intl@kandy.example.org' },
    status: 'approved',
    seeking: true,
    registeredAt: '2030-01-01T00:00:00.000Z',
    reviewedAt: '2030-01-02T00:00:00.000Z',
    ...overrides,
  };
}

describe('listingAction', () => {
  it.each<[string, Partial<City>, string]>([
    ['approved over a year ago, never confirmed', {}, 'remind'],
    ['confirmed 11 months ago', { listingConfirmedAt: '2031-04-01T00:00:00.000Z' }, 'none'],
    ['confirmed 13 months ago', { listingConfirmedAt: '2031-02-01T00:00:00.000Z' }, 'remind'],
    ['approved 11 months ago', { reviewedAt: '2031-04-01T00:00:00.000Z' }, 'none'],
    ['confirmed exactly 12 months ago', { listingConfirmedAt: '2031-03-01T14:00:00.000Z' }, 'none'],
    ['confirmed 12 months and a minute ago', { listingConfirmedAt: '2031-03-01T13:59:00.000Z' }, 'remind'],
    ['registered 13 months ago, with no review time', { registeredAt: '2031-02-01T00:00:00.000Z', reviewedAt: undefined }, 'remind'],
    ['rejected', { status: 'rejected' }, 'none'],
    ['pending', { status: 'pending', reviewedAt: undefined }, 'none'],
    ['not seeking', { seeking: false }, 'none'],
    ['asked 59 days ago in another month', { listingReminderSentAt: '2032-01-02T14:00:00.000Z', listingReminderMonth: '2032-01' }, 'none'],
    ['asked earlier in this very month', { listingReminderSentAt: '2032-03-01T13:00:00.000Z', listingReminderMonth: '2032-03' }, 'ensure-reminder'],
    ['asked 60 days ago, no answer', { listingReminderSentAt: '2031-12-31T14:00:00.000Z', listingReminderMonth: '2031-12' }, 'expire'],
    ['asked 90 days ago, confirmed since', { listingReminderSentAt: '2031-12-01T14:00:00.000Z', listingReminderMonth: '2031-12', listingConfirmedAt: '2031-12-05T00:00:00.000Z' }, 'none'],
    ['expired and not seeking', { seeking: false, listingReminderSentAt: '2031-11-01T14:00:00.000Z', listingReminderMonth: '2031-11', listingExpiredAt: '2032-01-01T14:00:00.000Z' }, 'ensure-expired-notice'],
    ['expired, then set seeking again by a coordinator', { listingReminderSentAt: '2031-11-01T14:00:00.000Z', listingReminderMonth: '2031-11', listingExpiredAt: '2032-01-01T14:00:00.000Z' }, 'remind'],
  ])('%s → %s', (_label, overrides, kind) => {
    expect(listingAction(city(overrides), '2032-03', NOW).kind).toBe(kind);
  });

  it('gives 60 days from the request', () => {
    expect(confirmDeadline('2032-01-01T14:00:00.000Z')).toBe('2032-03-01T14:00:00.000Z');
  });
});

describe('isoWeek', () => {
  it.each([
    ['2031-01-06T19:00:00.000Z', '2031-W02'],
    ['2031-01-06T03:00:00.000Z', '2031-W01'],
    ['2030-12-30T19:00:00.000Z', '2031-W01'],
    ['2027-01-01T12:00:00.000Z', '2026-W53'],
    ['2024-12-30T15:00:00.000Z', '2025-W01'],
  ])('%s is in %s (New York)', (at, week) => {
    expect(isoWeek(new Date(at))).toBe(week);
  });
});
