/**
 * The month's listing check (`runListingCheck` in `shared/freshness/check.ts`) on in-memory
 * ports: who is asked to confirm, once; what 60 days without an answer do; and how the
 * checkpoint lets a failed or repeated check resume without asking or telling anyone twice.
 */
import { describe, expect, it } from 'vitest';
import type { City } from '../../shared/cities/schema';
import { runListingCheck } from '../../shared/freshness/check';
import { InMemoryListingCheckPorts } from '../support/fakes/listing-check-ports';
import { seekingCity } from '../support/fakes/city';

const MONTH = '2032-03';
const NOW = new Date('2032-03-01T14:00:00.000Z');
const REMINDER = 'Still seeking a U.S. sister city?';
const EXPIRY_NOTICE = 'Listing no longer seeking';

const monthsAgo = (months: number) => {
  const at = new Date(NOW.getTime());
  at.setUTCMonth(at.getUTCMonth() - months);
  return at.toISOString();
};
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

/** An approved, seeking city approved 30 months ago (stale unless told otherwise). */
function city(name: string, overrides: Partial<City> = {}): City {
  return seekingCity(name, { registeredAt: monthsAgo(31), reviewedAt: monthsAgo(30), ...overrides });
}

function portsWith(cities: City[], options: { pageSize?: number } = {}): InMemoryListingCheckPorts {
  const ports = new InMemoryListingCheckPorts({ now: () => NOW, ...options });
  for (const each of cities) ports.putCity(each);
  return ports;
}

const remindersTo = (ports: InMemoryListingCheckPorts, target: City) => ports.sentTo(target.contact.email).filter((message) => message.subject === REMINDER);
const expiryNotices = (ports: InMemoryListingCheckPorts) => ports.sentTo(ports.coordinatorEmail).filter((message) => message.subject.startsWith(EXPIRY_NOTICE));

describe('asking stale listings to confirm', () => {
  it('asks each listing last confirmed over 12 months ago to confirm, and records when it asked', async () => {
    // Prepare
    const confirmedLongAgo = city('Kandy', { listingConfirmedAt: monthsAgo(13) });
    const approvedLongAgo = city('Galle', { reviewedAt: monthsAgo(14) });
    const ports = portsWith([confirmedLongAgo, approvedLongAgo]);

    // Act
    const outcome = await runListingCheck(ports, MONTH, NOW);

    // Assess
    expect(outcome).toEqual({ checked: 2, reminded: 2, expired: 0 });
    for (const asked of [confirmedLongAgo, approvedLongAgo]) {
      const reminders = remindersTo(ports, asked);
      expect(reminders).toHaveLength(1);
      expect(reminders[0]!.replyTo).toBe(ports.coordinatorEmail);
      expect(reminders[0]!.text).toContain(`/api/cities/${asked.id}/confirm-listing?token=`);
      expect(ports.city(asked.id)).toMatchObject({ listingReminderSentAt: NOW.toISOString(), listingReminderMonth: MONTH, seeking: true });
    }
  });

  it('does not ask a listing confirmed within the last 12 months', async () => {
    // Prepare
    const confirmedRecently = city('Jaffna', { listingConfirmedAt: monthsAgo(11) });
    const ports = portsWith([confirmedRecently]);

    // Act
    const outcome = await runListingCheck(ports, MONTH, NOW);

    // Assess
    expect(outcome).toEqual({ checked: 1, reminded: 0, expired: 0 });
    expect(ports.sent).toEqual([]);
    expect(ports.city(confirmedRecently.id)?.listingReminderSentAt).toBeUndefined();
  });

  it('does not ask a listing approved within the last 12 months, however long ago it registered', async () => {
    // Prepare
    const approvedRecently = city('Matara', { registeredAt: monthsAgo(20), reviewedAt: monthsAgo(11) });
    const ports = portsWith([approvedRecently]);

    // Act
    await runListingCheck(ports, MONTH, NOW);

    // Assess
    expect(ports.sent).toEqual([]);
    expect(ports.city(approvedRecently.id)?.listingReminderSentAt).toBeUndefined();
  });

  it('asks no one again when the month is checked a second time', async () => {
    // Prepare
    const stale = city('Kandy');
    const ports = portsWith([stale]);
    await runListingCheck(ports, MONTH, NOW);
    const pagesReadBefore = ports.pageReads.length;

    // Act
    const again = await runListingCheck(ports, MONTH, NOW);

    // Assess
    expect(again).toBe('already-checked');
    expect(remindersTo(ports, stale)).toHaveLength(1);
    expect(ports.pageReads).toHaveLength(pagesReadBefore);
  });

  it('does not ask again the next month while the request is still open', async () => {
    // Prepare
    const stale = city('Kandy');
    const ports = portsWith([stale]);
    await runListingCheck(ports, MONTH, NOW);

    // Act
    const nextMonth = await runListingCheck(ports, '2032-04', new Date('2032-04-01T13:00:00.000Z'));

    // Assess
    expect(nextMonth).toEqual({ checked: 1, reminded: 0, expired: 0 });
    expect(remindersTo(ports, stale)).toHaveLength(1);
  });
});

describe('a request unanswered for 60 days', () => {
  it('takes the listing out of seeking and tells the coordinator; a request still open stays seeking', async () => {
    // Prepare
    const unanswered = city('Tetovo', { country: 'MK', listingReminderSentAt: daysAgo(60), listingReminderMonth: '2031-12' });
    const stillOpen = city('Ohrid', { country: 'MK', listingReminderSentAt: daysAgo(59), listingReminderMonth: '2032-01' });
    const ports = portsWith([unanswered, stillOpen]);

    // Act
    const outcome = await runListingCheck(ports, MONTH, NOW);

    // Assess
    expect(outcome).toEqual({ checked: 2, reminded: 0, expired: 1 });
    expect(ports.city(unanswered.id)).toMatchObject({ seeking: false, listingExpiredAt: NOW.toISOString() });
    expect(ports.seekingIds()).toEqual([stillOpen.id]);
    const notices = expiryNotices(ports);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.subject).toContain('Tetovo');
    expect(notices[0]!.text).toContain(unanswered.contact.email);
    expect(ports.city(stillOpen.id)?.seeking).toBe(true);
    expect(ports.sent).toHaveLength(1);
  });

  it('tells the coordinator once when the page is handled again after another city on it failed', async () => {
    // Prepare: the mailer fails for one stale city on the same page as the expiring one.
    const unanswered = city('Tetovo', { listingReminderSentAt: daysAgo(61), listingReminderMonth: '2031-12' });
    const unlucky = city('Bitola');
    const ports = portsWith([unanswered, unlucky]);
    ports.failingRecipients.add(unlucky.contact.email);
    await expect(runListingCheck(ports, MONTH, NOW)).rejects.toThrow('The mailer is failing');
    ports.failingRecipients.clear();

    // Act
    const retry = await runListingCheck(ports, MONTH, NOW);

    // Assess
    expect(retry).toMatchObject({ checked: 2, expired: 0 });
    expect(expiryNotices(ports)).toHaveLength(1);
    expect(remindersTo(ports, unlucky)).toHaveLength(1);
    expect(ports.city(unanswered.id)?.seeking).toBe(false);
  });

  it('lets a confirmation that lands during the check win over the expiry', async () => {
    // Prepare: the contact presses the button between the check's read and its update.
    const answering = city('Tetovo', { listingReminderSentAt: daysAgo(61), listingReminderMonth: '2031-12' });
    const ports = portsWith([answering]);
    ports.beforeNextUpdate = () => ports.confirm(answering.id, NOW);

    // Act
    const outcome = await runListingCheck(ports, MONTH, NOW);

    // Assess
    expect(outcome).toEqual({ checked: 1, reminded: 0, expired: 0 });
    expect(ports.city(answering.id)).toMatchObject({ seeking: true, listingConfirmedAt: NOW.toISOString() });
    expect(ports.city(answering.id)?.listingExpiredAt).toBeUndefined();
    expect(ports.sent).toEqual([]);
  });
});

describe('a city that changed during the check', () => {
  it('is decided again on fresh data: a reminder another attempt marked but never mailed is sent', async () => {
    // Prepare: a concurrent attempt of the month marks the city between this check's read and its update, then dies.
    const stale = city('Kandy');
    const ports = portsWith([stale]);
    ports.beforeNextUpdate = () => ports.setCity(stale.id, { listingReminderSentAt: NOW.toISOString(), listingReminderMonth: MONTH });

    // Act
    await runListingCheck(ports, MONTH, NOW);

    // Assess
    expect(remindersTo(ports, stale)).toHaveLength(1);
  });
});

describe('the checkpoint of the month', () => {
  it('resumes from the page in progress after a failure, without reading finished pages again or asking anyone twice', async () => {
    // Prepare: five stale cities, two a page; the mailer fails for the first city of page 2.
    const cities = ['Ampara', 'Badulla', 'Colombo', 'Dambulla', 'Ella'].map((name) => city(name));
    const ports = portsWith(cities, { pageSize: 2 });
    ports.failingRecipients.add(cities[2]!.contact.email);
    await expect(runListingCheck(ports, MONTH, NOW)).rejects.toThrow('The mailer is failing');
    const left = ports.checkpoints.stored(MONTH);
    ports.failingRecipients.clear();
    const pagesReadBefore = ports.pageReads.length;

    // Act
    const retry = await runListingCheck(ports, MONTH, NOW);

    // Assess
    expect(left).toMatchObject({ pages: 1, pageIds: [cities[2]!.id, cities[3]!.id] });
    expect(retry).toEqual({ checked: 3, reminded: 1, expired: 0 });
    for (const each of cities) expect(remindersTo(ports, each)).toHaveLength(1);
    // Only the page after the one in progress was read from the listing.
    expect(ports.pageReads.slice(pagesReadBefore)).toEqual([{ gsi1sk: `dambulla#${cities[3]!.id}` }]);
    expect(ports.checkpoints.stored(MONTH)).toMatchObject({ pages: 3, done: true });
  });

  it('finishes the page a crashed attempt named, even for a city it already took out of seeking', async () => {
    // Prepare: the crashed attempt expired the city (so it left the SEEKING listing) but told no one.
    const expired = city('Kumasi', {
      country: 'GH',
      seeking: false,
      listingReminderSentAt: daysAgo(70),
      listingReminderMonth: '2031-12',
      listingExpiredAt: daysAgo(0),
    });
    const ports = portsWith([expired]);
    ports.checkpoints.put(MONTH, { month: MONTH, pages: 0, pageIds: [expired.id], pageNext: null });

    // Act
    await runListingCheck(ports, MONTH, NOW);
    const again = await runListingCheck(ports, MONTH, NOW);

    // Assess
    expect(ports.seekingIds()).toEqual([]);
    const notices = expiryNotices(ports);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.subject).toContain('Kumasi, Ghana');
    expect(again).toBe('already-checked');
    expect(ports.checkpoints.stored(MONTH)).toMatchObject({ pages: 1, done: true });
  });
});
