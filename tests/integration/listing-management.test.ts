/**
 * A city manages its own listing, end to end through the local stack: the signed manage link
 * in the emails to its contact, `GET`/`PUT /api/cities/{id}/listing` and
 * `POST /api/cities/{id}/partner-found`, the change public at once, and the coordinator told
 * exactly once through `CityListingChanged` / `CityPartnerFound` and their consumer.
 */
import { describe, expect, it } from 'vitest';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../shared/aws/dynamodb';
import { config } from '../../shared/config';
import { rollOver } from '../../shared/digest/rollover';
import { sweepOutbox } from '../../shared/events/outbox';
import { busPublisher } from '../../shared/runtime/publisher';
import { table } from '../../shared/runtime/table';
import { signToken } from '../../shared/tokens';
import { approvedCity, COORDINATOR_TOKEN, registration, useTestStack, type MailboxEmail } from '../support/stack';

const stack = useTestStack({ coordinatorToken: COORDINATOR_TOKEN });
const COORDINATOR = 'coordinator@example.org';

interface Managed {
  id: string;
  contact: string;
  /** The manage link as emailed. */
  link: string;
  /** `?token=…` of the link. */
  query: string;
}

const MANAGE_LINK = /http:\/\/[^\s"<>]+\/cities\/(\w+)\/manage\?token=[\w.%-]+/;

function manageLinkIn(email: MailboxEmail | undefined): string {
  const link = email?.body.text?.match(MANAGE_LINK)?.[0];
  if (!link) throw new Error(`no manage link in ${email?.subject}`);
  return link;
}

/** An approved city of its own, and the manage link from its approval email. */
async function managedCity(name: string, country = 'VN', overrides: Record<string, unknown> = {}): Promise<Managed> {
  const domain = name.normalize('NFKD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const contact = `intl@${domain}.example.org`;
  const id = await approvedCity(stack, { name, country, contact: { name: `Contact of ${name}`, email: contact, title: 'Officer' }, ...overrides });
  await stack.settle();
  const approval = (await stack.mailbox()).find((email) => email.destination.to.includes(contact) && email.subject.startsWith('Listed in City Search: '));
  const link = manageLinkIn(approval);
  await fetch(`${stack.urls.mailbox}/clear-store`, { method: 'POST' });
  return { id, contact, link, query: new URL(link).search };
}

const listing = (city: Managed, query = city.query) => `/api/cities/${city.id}/listing${query}`;
const partnerFound = (city: Managed, query = city.query) => `/api/cities/${city.id}/partner-found${query}`;

async function storedCity(id: string): Promise<Record<string, unknown>> {
  const result = await documentClient().send(new GetCommand({ TableName: config().TABLE_NAME, Key: { pk: `CITY#${id}`, sk: 'CITY' }, ConsistentRead: true }));
  return result.Item!;
}

async function toCoordinator(subjectStart: string): Promise<MailboxEmail[]> {
  return (await stack.mailbox()).filter((email) => email.destination.to.includes(COORDINATOR) && email.subject.startsWith(subjectStart));
}

async function searchIds(query: string): Promise<string[]> {
  const page = await stack.api(`/api/cities?${query}&limit=100`);
  return page.body.items.map((item: { id: string }) => item.id);
}

describe('the manage link', () => {
  it('is in the approval email and in the listing reminder, the same link in both', async () => {
    // Prepare
    const city = await managedCity('Hội An');
    await documentClient().send(
      new UpdateCommand({
        TableName: config().TABLE_NAME,
        Key: { pk: `CITY#${city.id}`, sk: 'CITY' },
        UpdateExpression: 'SET reviewedAt = :long',
        ExpressionAttributeValues: { ':long': new Date(Date.now() - 400 * 86_400_000).toISOString() },
      }),
    );

    // Act
    await rollOver(busPublisher(), '2033-01');
    await stack.settle();
    const reminder = (await stack.mailbox()).find((email) => email.destination.to.includes(city.contact) && email.subject === 'Still seeking a U.S. sister city?');

    // Assess
    expect(city.link).toMatch(new RegExp(`^http://[^/]+/cities/${city.id}/manage\\?token=`));
    expect(manageLinkIn(reminder)).toBe(city.link);
    expect(reminder?.body.html).toContain(`href="${city.link}"`);
  });
});

describe('GET and PUT /api/cities/{id}/listing', () => {
  it('answers the editable fields with the read-only ones beside them', async () => {
    // Prepare
    const city = await managedCity('Huế', 'VN', { region: 'Thừa Thiên Huế', population: 652572, website: 'https://hue.example.org' });

    // Act
    const response = await stack.api(listing(city));

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.body).toEqual({
      city: { id: city.id, name: 'Huế', country: 'VN', countryName: 'Vietnam', seeking: true, partnerFound: null },
      contactEmail: city.contact,
      listing: {
        description: expect.any(String),
        interests: ['arts-culture', 'economic-development', 'best-practices'],
        website: 'https://hue.example.org',
        region: 'Thừa Thiên Huế',
        population: 652572,
        contact: { name: 'Contact of Huế', title: 'Officer', phone: null },
      },
    });
  });

  it('makes a change public at once, in the city page and City Search', async () => {
    // Prepare
    const city = await managedCity('Đà Lạt');
    const current = (await stack.api(listing(city))).body.listing;

    // Act
    const response = await stack.api(listing(city), {
      method: 'PUT',
      body: { ...current, description: 'The city of eternal spring, in the Central Highlands.', population: 425000, interests: ['education', 'tourism'], region: null, website: 'https://dalat.example.org' },
    });
    const page = await stack.api(`/api/cities/${city.id}`);

    // Assess
    expect(response.status).toBe(200);
    expect(response.body.changed).toEqual(['description', 'interests', 'website', 'region', 'population']);
    expect(response.body.listing).toMatchObject({ population: 425000, region: null, interests: ['education', 'tourism'] });
    expect(page.body).toMatchObject({ description: 'The city of eternal spring, in the Central Highlands.', population: 425000, region: null, website: 'https://dalat.example.org' });
    expect(await searchIds('interest=education&seeking=true')).toContain(city.id);
    expect(await searchIds('interest=arts-culture')).not.toContain(city.id);
    const found = (await stack.api(`/api/cities?q=${encodeURIComponent('Đà Lạt')}`)).body.items.find((item: { id: string }) => item.id === city.id);
    expect(found).toMatchObject({ description: 'The city of eternal spring, in the Central Highlands.', population: 425000 });
    // Contact details never reach the public directory.
    expect(JSON.stringify(found)).not.toContain(city.contact);
  });

  it('tells the coordinator once what changed, before → after, even when the event is delivered again', async () => {
    // Prepare
    const city = await managedCity('Nha Trang');
    const published = stack.bus.published().length;

    // Act
    const response = await stack.api(listing(city), {
      method: 'PUT',
      body: { description: 'Beaches <b>and</b> islands & a bay.', population: 535000, contact: { name: 'Lê Văn Nam', phone: '+84 258 382 2222' } },
    });
    await stack.settle();
    const event = stack.bus.published().slice(published).find((candidate) => candidate['detail-type'] === 'CityListingChanged')!;
    const notify = stack.handlers['notify-listing-managed']!;
    await notify(event);
    await Promise.allSettled([notify(event), notify(event)]);
    await stack.settle();

    // Assess
    expect(response.status).toBe(200);
    const emails = await toCoordinator('Listing changed: Nha Trang, Vietnam');
    expect(emails).toHaveLength(1);
    const email = emails[0]!;
    expect(email.replyTo).toEqual([city.contact]);
    expect(email.body.text).toContain('Population: 783,000 → 535,000');
    expect(email.body.text).toContain('Contact name: Contact of Nha Trang → Lê Văn Nam');
    expect(email.body.text).toContain('Contact phone: (empty) → +84 258 382 2222');
    expect(email.body.text).toContain('Description\n  Capital of Laos on the Mekong');
    expect(email.body.text).toContain('→\n  Beaches <b>and</b> islands & a bay.');
    expect(email.body.text).not.toContain('Contact title');
    // User text is escaped in HTML.
    expect(email.body.html).toContain('Beaches &lt;b&gt;and&lt;/b&gt; islands &amp; a bay.');
    expect(email.body.html).not.toContain('<b>and</b>');
    expect(stack.bus.deadLetters()).toEqual([]);
  });

  it('clears an emptied optional field, and saving the same values again changes nothing and tells nobody', async () => {
    // Prepare
    const city = await managedCity('Cần Thơ');
    const cleared = await stack.api(listing(city), { method: 'PUT', body: { website: '', contact: { title: null } } });
    await stack.settle();
    const before = await storedCity(city.id);
    await fetch(`${stack.urls.mailbox}/clear-store`, { method: 'POST' });

    // Act
    const again = await stack.api(listing(city), { method: 'PUT', body: cleared.body.listing });
    const empty = await stack.api(listing(city), { method: 'PUT', body: {} });
    await stack.settle();

    // Assess
    expect(cleared.status).toBe(200);
    expect(cleared.body.changed).toEqual(['website', 'contact.title']);
    expect(cleared.body.listing).toMatchObject({ website: null, contact: { name: 'Contact of Cần Thơ', title: null } });
    expect(before).not.toHaveProperty('website');
    expect(before['contact']).toEqual({ name: 'Contact of Cần Thơ', email: city.contact });
    expect([again.status, again.body.changed, empty.status, empty.body.changed]).toEqual([200, [], 200, []]);
    expect(await storedCity(city.id)).toEqual(before);
    expect(await stack.mailbox()).toEqual([]);
  });

  it('refuses a forged, foreign, other-purpose or missing token with a 400 and changes nothing', async () => {
    // Prepare
    const city = await managedCity('Vinh');
    const other = await managedCity('Quy Nhơn');
    const token = new URLSearchParams(city.query).get('token')!;
    const altered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const queries = [
      `?token=${encodeURIComponent(altered)}`,
      other.query,
      `?token=${encodeURIComponent(await signToken('listing-confirm', city.id))}`,
      `?token=${encodeURIComponent(await signToken('member-manage', city.id))}`,
      '',
      '?token=',
    ];
    const before = await storedCity(city.id);

    // Act
    const answers = [];
    for (const query of queries) {
      answers.push(await stack.api(listing(city, query)));
      answers.push(await stack.api(listing(city, query), { method: 'PUT', body: { description: 'Forged change' } }));
      answers.push(await stack.api(partnerFound(city, query), { body: {} }));
    }
    await stack.settle();

    // Assess
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: 'ValidationError', issues: [{ path: 'token', message: expect.stringContaining('not a valid link') }] });
      expect(JSON.stringify(answer.body)).not.toContain(city.contact);
    }
    expect(await storedCity(city.id)).toEqual(before);
    expect(await stack.mailbox()).toEqual([]);
  });

  it('answers bad values with a 400 at each field, read-only fields included, and changes nothing', async () => {
    // Prepare
    const city = await managedCity('Buôn Ma Thuột');
    const before = await storedCity(city.id);

    // Act
    const bad = await stack.api(listing(city), {
      method: 'PUT',
      body: { description: '', interests: ['space-travel'], website: 'ftp://files.example.org', population: 'many', region: 'Line\nbreak', contact: { name: '', phone: 'call us' } },
    });
    const readOnly = await stack.api(listing(city), {
      method: 'PUT',
      body: { description: 'Coffee capital of Vietnam.', name: 'Ban Me Thuot', country: 'LA', seeking: false, contact: { email: 'someone-else@example.org' } },
    });
    const notJson = await stack.api(listing(city), { method: 'PUT', body: '{"description":', headers: { 'content-type': 'application/json' } });
    await stack.settle();

    // Assess
    expect(bad.status).toBe(400);
    expect(Object.fromEntries(bad.body.issues.map((issue: { path: string; message: string }) => [issue.path, issue.message]))).toEqual({
      description: 'must not be empty',
      'interests.0': expect.stringContaining('must be one of'),
      website: 'must be a web address starting with http:// or https://',
      population: 'must be a number',
      region: 'must be a single line without control characters',
      'contact.name': 'must not be empty',
      'contact.phone': 'must be a phone number, such as +856 21 123 456',
    });
    expect(readOnly.status).toBe(400);
    expect(readOnly.body.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['contact.email', 'country', 'name', 'seeking']);
    expect(readOnly.body.issues.find((issue: { path: string }) => issue.path === 'contact.email').message).toMatch(/^cannot be changed here/);
    expect(notJson.status).toBe(400);
    expect(await storedCity(city.id)).toEqual(before);
    expect(await stack.mailbox()).toEqual([]);
  });

  it('answers 404 for a city that is not listed, even with a genuine token', async () => {
    // Prepare: a registration never approved, with a token signed for it.
    const created = await stack.api('/api/cities', { body: registration({ name: 'Pleiku' }) });
    const query = `?token=${encodeURIComponent(await signToken('listing-manage', created.body.id))}`;

    // Act
    const read = await stack.api(`/api/cities/${created.body.id}/listing${query}`);
    const write = await stack.api(`/api/cities/${created.body.id}/listing${query}`, { method: 'PUT', body: { population: 1 } });
    const found = await stack.api(`/api/cities/${created.body.id}/partner-found${query}`, { body: {} });

    // Assess
    expect([read.status, write.status, found.status]).toEqual([404, 404, 404]);
    expect((await storedCity(created.body.id))['population']).toBe(783000);
  });

  it('keeps every change whose event could not be published, and the sweep tells the coordinator of each once', async () => {
    // Prepare
    const city = await managedCity('Hải Phòng');
    stack.bus.faults.unavailable = true;

    // Act: two changes while the bus is down; the second must carry the first's event along.
    const first = await stack.api(listing(city), { method: 'PUT', body: { population: 1000001 } });
    const second = await stack.api(listing(city), { method: 'PUT', body: { population: 1000002 } });
    await stack.settle();
    const whileDown = await toCoordinator('Listing changed: Hải Phòng');
    stack.bus.faults.unavailable = false;
    const later = new Date(Date.now() + 5 * 60_000);
    await sweepOutbox({ ...table(), publisher: busPublisher() }, later);
    await stack.settle();
    await sweepOutbox({ ...table(), publisher: busPublisher() }, later);
    await stack.settle();

    // Assess
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(whileDown).toEqual([]);
    const emails = await toCoordinator('Listing changed: Hải Phòng');
    expect(emails.map((email) => email.body.text?.match(/Population: .*/)?.[0]).sort()).toEqual([
      'Population: 1,000,001 → 1,000,002',
      'Population: 783,000 → 1,000,001',
    ]);
    expect(await storedCity(city.id)).not.toHaveProperty('outbox');
  });
});

describe('POST /api/cities/{id}/partner-found', () => {
  it('takes the city out of seeking at once and tells the coordinator once, however often it is pressed or delivered', async () => {
    // Prepare
    const city = await managedCity('Đà Nẵng');
    const published = stack.bus.published().length;

    // Act
    const first = await stack.api(partnerFound(city), { body: { partner: 'Springfield, Massachusetts' } });
    const second = await stack.api(partnerFound(city), { body: { partner: 'Someone else' } });
    const bare = await stack.api(partnerFound(city), { method: 'POST' });
    await stack.settle();
    const events = stack.bus.published().slice(published).filter((event) => event['detail-type'] === 'CityPartnerFound');
    await Promise.allSettled([stack.handlers['notify-listing-managed']!(events[0]), stack.handlers['notify-listing-managed']!(events[0])]);
    await stack.settle();

    // Assess
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ outcome: 'recorded', city: { seeking: false, partnerFound: { partner: 'Springfield, Massachusetts' } } });
    expect([second.status, second.body.outcome, bare.status, bare.body.outcome]).toEqual([200, 'unchanged', 200, 'unchanged']);
    expect(events).toHaveLength(1);
    expect((await stack.api(`/api/cities/${city.id}`)).body.seeking).toBe(false);
    expect(await searchIds('seeking=true')).not.toContain(city.id);
    expect(await searchIds('country=VN')).toContain(city.id);
    const emails = await toCoordinator('Partner found: Đà Nẵng, Vietnam');
    expect(emails).toHaveLength(1);
    expect(emails[0]!.body.text).toContain('has found a U.S. sister city: Springfield, Massachusetts.');
    expect(emails[0]!.replyTo).toEqual([city.contact]);
    // The listing reads the same afterwards: still editable, now not seeking.
    expect((await stack.api(listing(city))).body.city).toMatchObject({ seeking: false, partnerFound: { partner: 'Springfield, Massachusetts' } });
  });

  it('refuses a partner name that is not one line of text', async () => {
    // Prepare
    const city = await managedCity('Vũng Tàu');

    // Act
    const response = await stack.api(partnerFound(city), { body: { partner: 'Springfield\r\nBcc: x@example.org', extra: true } });
    await stack.settle();

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['extra', 'partner']);
    expect((await storedCity(city.id))['seeking']).toBe(true);
    expect(await stack.mailbox()).toEqual([]);
  });
});
