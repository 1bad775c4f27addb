/**
 * Fresh listings end to end through the local stack: the month's rollover on the bus, the
 * check-listings consumer, the emailed confirmation link (GET page, POST button) and the
 * 60-day expiry with its notice to the coordinator.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../shared/aws/dynamodb';
import { config } from '../../shared/config';
import { rollOver } from '../../shared/digest/rollover';
import { signToken } from '../../shared/tokens';
import { approvedCity, asCoordinator, COORDINATOR_TOKEN, useTestStack, type MailboxEmail } from '../support/stack';
import { busPublisher } from '../../shared/runtime/publisher';

const REMINDER_SUBJECT = 'Still seeking a U.S. sister city?';
const stack = useTestStack({ coordinatorToken: COORDINATOR_TOKEN });

const monthsAgo = (months: number) => {
  const at = new Date();
  at.setUTCMonth(at.getUTCMonth() - months);
  return at.toISOString();
};
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/** An approved city with its own contact address. */
async function city(name: string, country: string): Promise<{ id: string; contact: string }> {
  const contact = `intl@${name.toLowerCase().replace(/\W+/g, '-')}.example.org`;
  const id = await approvedCity(stack, { name, country, contact: { name: `Contact of ${name}`, email: contact } });
  await stack.settle();
  return { id, contact };
}

/** Changes a city item directly in the table (its listings are left as they were). */
async function setCity(id: string, fields: Record<string, unknown>) {
  const names = Object.keys(fields);
  await documentClient().send(
    new UpdateCommand({
      TableName: config().TABLE_NAME,
      Key: { pk: `CITY#${id}`, sk: 'CITY' },
      UpdateExpression: `SET ${names.map((_, index) => `#f${index} = :f${index}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(names.map((name, index) => [`#f${index}`, name])),
      ExpressionAttributeValues: Object.fromEntries(names.map((name, index) => [`:f${index}`, fields[name]])),
    }),
  );
}

async function storedCity(id: string) {
  const result = await documentClient().send(new GetCommand({ TableName: config().TABLE_NAME, Key: { pk: `CITY#${id}`, sk: 'CITY' }, ConsistentRead: true }));
  return result.Item!;
}

/** The month's rollover, as the schedule puts it on the bus, delivered to every consumer. */
async function rollover(month: string) {
  await rollOver(busPublisher(), month);
  await stack.settle();
}

async function reminders(): Promise<MailboxEmail[]> {
  return (await stack.mailbox()).filter((email) => email.subject === REMINDER_SUBJECT);
}

async function expiryNotices(): Promise<MailboxEmail[]> {
  return (await stack.mailbox()).filter((email) => email.subject.startsWith('Listing no longer seeking'));
}

function confirmLinkIn(email: MailboxEmail | undefined): string {
  const link = email?.body.text?.match(/http:\/\/\S+\/api\/cities\/\w+\/confirm-listing\?token=[\w.%-]+/)?.[0];
  if (!link) throw new Error(`no confirmation link in ${email?.subject}`);
  return link;
}

async function seekingIds(): Promise<string[]> {
  const page = await stack.api('/api/cities?seeking=true&limit=100');
  return page.body.items.map((item: { id: string }) => item.id);
}

describe('asking stale listings to confirm', () => {
  it('asks each stale listing once, none of the fresh ones, and nothing more on a second rollover of the month', async () => {
    // Prepare
    const confirmedLongAgo = await city('Kandy', 'LK');
    const approvedLongAgo = await city('Galle', 'LK');
    const confirmedRecently = await city('Jaffna', 'LK');
    const approvedRecently = await city('Matara', 'LK');
    const notSeeking = await city('Negombo', 'LK');
    await setCity(confirmedLongAgo.id, { reviewedAt: monthsAgo(30), listingConfirmedAt: monthsAgo(13) });
    await setCity(approvedLongAgo.id, { reviewedAt: monthsAgo(14) });
    await setCity(confirmedRecently.id, { reviewedAt: monthsAgo(30), listingConfirmedAt: monthsAgo(11) });
    expect((await stack.api(`/api/admin/cities/${notSeeking.id}`, { method: 'PATCH', headers: asCoordinator, body: { seeking: false } })).status).toBe(200);
    await setCity(notSeeking.id, { reviewedAt: monthsAgo(30) });

    // Act
    await rollover('2032-01');
    const first = await reminders();
    await Promise.all([rollover('2032-01'), rollover('2032-01')]);
    const afterRepeats = await reminders();
    await rollover('2032-02');
    const nextMonth = await reminders();

    // Assess
    expect(first.flatMap((email) => email.destination.to).sort()).toEqual([approvedLongAgo.contact, confirmedLongAgo.contact].sort());
    expect(afterRepeats).toHaveLength(2);
    // An open request is not repeated the next month: the city has 60 days to answer.
    expect(nextMonth).toHaveLength(2);
    for (const email of first) {
      expect(email.replyTo).toEqual(['coordinator@example.org']);
      expect(confirmLinkIn(email)).toContain(`/api/cities/${email.destination.to[0] === confirmedLongAgo.contact ? confirmedLongAgo.id : approvedLongAgo.id}/confirm-listing?token=`);
    }
    const marked = await storedCity(confirmedLongAgo.id);
    expect(marked.listingReminderMonth).toBe('2032-01');
    expect(Date.now() - Date.parse(marked.listingReminderSentAt)).toBeLessThan(60_000);
    expect((await storedCity(approvedRecently.id)).listingReminderSentAt).toBeUndefined();
    expect((await storedCity(notSeeking.id)).listingReminderSentAt).toBeUndefined();
    expect(stack.bus.deadLetters()).toEqual([]);
  });
});

describe('the confirmation link', () => {
  let stale: { id: string; contact: string };
  let link: string;

  beforeAll(async () => {
    stale = await city('Luang Prabang', 'LA');
    await setCity(stale.id, { reviewedAt: monthsAgo(13) });
    await fetch(`${stack.urls.mailbox}/clear-store`, { method: 'POST' });
    await rollover('2032-03');
    link = confirmLinkIn((await reminders()).find((email) => email.destination.to.includes(stale.contact)));
  });

  it('shows a page with a button that POSTs, and a GET changes nothing', async () => {
    // Prepare
    const before = await storedCity(stale.id);

    // Act
    const response = await fetch(link);
    const page = await response.text();

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(page).toContain('Luang Prabang, Laos');
    const path = new URL(link).pathname + new URL(link).search;
    expect(page).toContain(`<form method="post" action="${path.replace(/&/g, '&amp;')}">`);
    expect(await storedCity(stale.id)).toEqual(before);
  });

  it.each([
    // The new last character always differs from the old one (one in 16 signatures ends in "A").
    ['an altered signature', (url: URL) => url.searchParams.set('token', url.searchParams.get('token')!.replace(/.$/, (last) => (last === 'A' ? 'E' : 'A')))],
    ['no token', (url: URL) => url.searchParams.delete('token')],
    ['an unsubscribe token for the same id', async (url: URL) => url.searchParams.set('token', await signToken('unsubscribe', url.pathname.split('/')[3]!))],
    ['the token of another city', (url: URL) => { url.pathname = url.pathname.replace(/cities\/\w+/, 'cities/01JABCDEFGHJKMNPQRSTVWXYZ0'); }],
  ])('answers 400 to %s, on the page and the button, and changes nothing', async (_label, forge) => {
    // Prepare
    const url = new URL(link);
    await forge(url);
    const before = await storedCity(stale.id);

    // Act
    const page = await fetch(url);
    const button = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });

    // Assess
    expect(page.status).toBe(400);
    expect(button.status).toBe(400);
    expect(await button.text()).toContain('This link is not valid');
    expect(await storedCity(stale.id)).toEqual(before);
  });

  it('confirms with the button: the listing stays seeking and is not asked again', async () => {
    // Act
    const response = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    const page = await response.text();
    await fetch(`${stack.urls.mailbox}/clear-store`, { method: 'POST' });
    await rollover('2032-04');

    // Assess
    expect(response.status).toBe(200);
    expect(page).toContain('Thank you, your listing stays in City Search');
    const stored = await storedCity(stale.id);
    expect(Date.now() - Date.parse(stored.listingConfirmedAt)).toBeLessThan(60_000);
    expect(stored.seeking).toBe(true);
    expect(await seekingIds()).toContain(stale.id);
    expect(await reminders()).toEqual([]);
  });
});

describe('a request unanswered for 60 days', () => {
  it('stops showing the listing as seeking and tells the coordinator once', async () => {
    // Prepare
    const unanswered = await city('Tetovo', 'MK');
    const stillOpen = await city('Ohrid', 'MK');
    await setCity(unanswered.id, { reviewedAt: monthsAgo(15), listingReminderSentAt: daysAgo(61), listingReminderMonth: '2031-11' });
    await setCity(stillOpen.id, { reviewedAt: monthsAgo(15), listingReminderSentAt: daysAgo(59), listingReminderMonth: '2031-12' });
    const link = `${stack.urls.api}/api/cities/${unanswered.id}/confirm-listing?token=${await signToken('listing-confirm', unanswered.id)}`;

    // Act
    await rollover('2032-05');
    await rollover('2032-05');
    await rollover('2032-06');
    const lateButton = await fetch(link, { method: 'POST' });

    // Assess
    const notices = await expiryNotices();
    expect(notices).toHaveLength(1);
    expect(notices[0]!.destination.to).toEqual(['coordinator@example.org']);
    expect(notices[0]!.subject).toContain('Tetovo, North Macedonia');
    expect(notices[0]!.body.text).toContain(unanswered.contact);
    expect((await stack.api(`/api/cities/${unanswered.id}`)).body.seeking).toBe(false);
    expect(await seekingIds()).not.toContain(unanswered.id);
    expect(await seekingIds()).toContain(stillOpen.id);
    expect((await storedCity(stillOpen.id)).seeking).toBe(true);
    expect(await reminders()).toEqual([]);
    // The listing stays in City Search, just not as seeking; a late click changes nothing.
    expect((await stack.api('/api/cities?limit=100')).body.items.map((item: { id: string }) => item.id)).toContain(unanswered.id);
    expect(lateButton.status).toBe(409);
    expect((await storedCity(unanswered.id)).listingConfirmedAt).toBeUndefined();
  });

  it('finishes the page a crashed attempt left half done: the coordinator still hears of a listing it already took out', async () => {
    // Prepare: the month's checkpoint names a page, and its city was expired before the crash.
    const expired = await city('Kumasi', 'GH');
    await setCity(expired.id, {
      reviewedAt: monthsAgo(15),
      listingReminderSentAt: daysAgo(70),
      listingReminderMonth: '2031-10',
      seeking: false,
      listingExpiredAt: daysAgo(0),
    });
    await documentClient().send(
      new PutCommand({ TableName: config().TABLE_NAME, Item: { pk: 'LISTINGS#2032-07', sk: 'CHECK', month: '2032-07', pages: 0, pageIds: [expired.id], pageNext: null } }),
    );

    // Act
    await rollover('2032-07');
    await rollover('2032-07');

    // Assess
    const notices = await expiryNotices();
    expect(notices).toHaveLength(1);
    expect(notices[0]!.subject).toContain('Kumasi, Ghana');
    const checkpoint = await documentClient().send(new GetCommand({ TableName: config().TABLE_NAME, Key: { pk: 'LISTINGS#2032-07', sk: 'CHECK' }, ConsistentRead: true }));
    expect(checkpoint.Item).toMatchObject({ done: true, pages: 1 });
  });
});
