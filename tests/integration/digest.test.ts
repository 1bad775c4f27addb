/**
 * The monthly digest end to end through the local stack: subscribers who confirmed through
 * their emailed link, the rollover command, the bus, assembly, batches and SES.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { approvedCity, asCoordinator, COORDINATOR_TOKEN, startTestStack, type MailboxEmail, type TestStack } from '../support/stack';

const run = promisify(execFile);
let stack: TestStack;
const cities: Record<string, string> = {};
const confirmed = ['ana@member.example.org', 'ben@member.example.org', 'cy@member.example.org'];
const unconfirmed = 'dee@member.example.org';
const unsubscribed = 'eve@member.example.org';

function linkIn(email: MailboxEmail | undefined, pattern: RegExp): string {
  const match = email?.body.text?.match(pattern);
  if (!match) throw new Error(`no link matching ${pattern} in ${email?.subject}`);
  return match[0];
}

async function subscribe(email: string, confirm: boolean) {
  expect((await stack.api('/api/subscriptions', { body: { email, name: email.split('@')[0] } })).status).toBe(202);
  await stack.settle();
  if (!confirm) return;
  const message = (await stack.mailbox()).find((candidate) => candidate.destination.to.includes(email));
  const link = linkIn(message, /http:\/\/\S+\/api\/subscriptions\/confirm\?token=[\w.-]+/);
  // The link opens a page; its button POSTs to the same address.
  expect((await fetch(link)).status).toBe(200);
  expect((await fetch(link, { method: 'POST' })).status).toBe(200);
}

/** `npm run rollover -- --month …` against this stack's bus, as a person would run it. */
async function rollover(month: string) {
  const { stdout } = await run('npx', ['tsx', 'infra/rollover.ts', '--month', month, '--endpoint', stack.urls.events], { cwd: process.cwd() });
  await stack.settle();
  return stdout;
}

async function digestsFor(month: string) {
  return (await stack.mailbox()).filter((email) => email.subject.startsWith(`Cities Seeking Cities — ${month}`));
}

beforeAll(async () => {
  stack = await startTestStack({ coordinatorToken: COORDINATOR_TOKEN });
  const places: Array<[string, string, number]> = [
    ['Vientiane', 'LA', 783000],
    ['Luang Prabang', 'LA', 56000],
    ['Peshawar City', 'PK', 1755000],
    ['Tetovo', 'MK', 52915],
    ['Kumasi', 'GH', 3630000],
    ['Nairobi', 'KE', 4397000],
    ['Mombasa', 'KE', 1208000],
  ];
  for (const [name, country, population] of places) cities[name] = await approvedCity(stack, { name, country, population });
  for (const email of confirmed) await subscribe(email, true);
  await subscribe(unconfirmed, false);
  await subscribe(unsubscribed, true);
  const confirmation = (await stack.mailbox()).find((email) => email.destination.to.includes(unsubscribed))!;
  // Unsubscribe the way a mail client does (RFC 8058), using the link the digest would carry.
  const { unsubscribeLinks, subscriberIdOf } = await import('../../shared/subscribers');
  const links = await unsubscribeLinks(stack.urls.api, subscriberIdOf(unsubscribed));
  expect(confirmation).toBeDefined();
  const response = await fetch(links.oneClick, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
  expect(response.status).toBe(200);
  await fetch(`${stack.urls.mailbox}/clear-store`, { method: 'POST' });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe('the monthly digest', () => {
  it('sends exactly one digest to each confirmed, still-subscribed person, and none on a second rollover', async () => {
    // Act
    const output = await rollover('2031-01');
    const first = await digestsFor('January 2031');
    await rollover('2031-01');
    const afterSecond = await digestsFor('January 2031');

    // Assess
    expect(output).toContain('MonthRolledOver 2031-01 accepted');
    const recipients = first.flatMap((email) => email.destination.to).sort();
    expect(recipients).toEqual([...confirmed].sort());
    expect(afterSecond).toHaveLength(first.length);
  });

  it('features three cities from three different countries, the earliest registered first', async () => {
    // Act
    const archive = await stack.api('/api/digests');

    // Assess
    const january = archive.body.items.find((item: { month: string }) => item.month === '2031-01');
    expect(january.featured.map((city: { name: string }) => city.name)).toEqual(['Vientiane', 'Peshawar City', 'Tetovo']);
    expect(new Set(january.featured.map((city: { country: string }) => city.country)).size).toBe(3);
    expect((await stack.api(`/api/cities/${cities.Vientiane}`)).body.lastFeaturedMonth).toBe('2031-01');
  });

  it('carries both List-Unsubscribe headers and a visible unsubscribe page link in every digest', async () => {
    // Prepare
    const digests = await digestsFor('January 2031');
    const files = await readdir(stack.outboxDir);
    const raws = await Promise.all(files.map((file) => readFile(join(stack.outboxDir, file), 'utf8')));

    // Act
    const digestRaws = raws.filter((raw) => raw.includes('List-Unsubscribe-Post'));

    // Assess
    expect(digestRaws).toHaveLength(digests.length);
    for (const raw of digestRaws) {
      const headers = raw.split('\r\n\r\n')[0]!.replace(/\r\n[ \t]+/g, ' ');
      expect(headers).toMatch(/^List-Unsubscribe: <http:\/\/localhost:\d+\/api\/unsubscribe\?token=[\w.-]+>$/m);
      expect(headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    }
    for (const email of digests) {
      expect(email.body.text).toMatch(/\/unsubscribe\?token=[\w.-]+/);
      expect(email.body.html).toContain('What do Laos, Pakistan, and North Macedonia have in common?');
      expect(email.body.text).toContain('783,000');
    }
  });

  it('assembles a month once when the rollover arrives three times at once, and repeats no city of last month', async () => {
    // Act
    await Promise.all([rollover('2031-02'), rollover('2031-02'), rollover('2031-02')]);

    // Assess
    const february = await digestsFor('February 2031');
    expect(february.flatMap((email) => email.destination.to).sort()).toEqual([...confirmed].sort());
    const archive = await stack.api('/api/digests');
    const featured = archive.body.items.find((item: { month: string }) => item.month === '2031-02').featured;
    const names = featured.map((city: { name: string }) => city.name);
    expect(names).toHaveLength(3);
    for (const name of ['Vientiane', 'Peshawar City', 'Tetovo']) expect(names).not.toContain(name);
    expect(new Set(featured.map((city: { country: string }) => city.country)).size).toBe(3);
    expect(archive.body.items.map((item: { month: string }) => item.month).slice(0, 2)).toEqual(['2031-02', '2031-01']);
  });

  it('serves the web version without any subscriber token, and 404 for a month without a digest', async () => {
    // Act
    const page = await stack.api('/digests/2031-01');
    const missing = await stack.api('/digests/2030-01');
    const nonsense = await stack.api('/digests/not-a-month');

    // Assess
    expect(page.status).toBe(200);
    expect(page.body).toContain('Vientiane');
    expect(page.body).not.toMatch(/token=/);
    expect(missing.status).toBe(404);
    expect(nonsense.status).toBe(404);
  });
});

describe('planning a coming month', () => {
  it('pins a city and a spotlight, previews them without side effects, and the digest follows them', async () => {
    // Prepare
    const before = (await stack.api(`/api/cities/${cities.Kumasi}`)).body.lastFeaturedMonth;

    // Act
    const pins = await stack.api('/api/admin/digests/2031-05/pins', { method: 'PUT', headers: asCoordinator, body: { cityIds: [cities.Mombasa] } });
    const spotlight = await stack.api('/api/admin/digests/2031-05/spotlight', {
      method: 'PUT',
      headers: asCoordinator,
      body: { title: 'Start with <why>', body: 'Meet your library, your university & your chamber of commerce.' },
    });
    const preview = await stack.api('/api/admin/digests/2031-05/preview', { headers: asCoordinator });
    const after = (await stack.api(`/api/cities/${cities.Kumasi}`)).body.lastFeaturedMonth;
    await rollover('2031-05');

    // Assess
    expect(pins.status).toBe(200);
    expect(spotlight.status).toBe(200);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toContain('text/html');
    expect(preview.body).toContain('Mombasa');
    expect(preview.body).toContain('Start with &lt;why&gt;');
    expect(after).toBe(before);
    const may = (await stack.api('/api/digests')).body.items.find((item: { month: string }) => item.month === '2031-05');
    expect(may.featured[0].name).toBe('Mombasa');
    const email = (await digestsFor('May 2031'))[0]!;
    expect(email.body.html).toContain('Start with &lt;why&gt;');
  });

  it.each([
    ['more than three cities', { cityIds: ['01JABCDEFGHJKMNPQRSTVWXYZ0', '01JABCDEFGHJKMNPQRSTVWXYZ1', '01JABCDEFGHJKMNPQRSTVWXYZ2', '01JABCDEFGHJKMNPQRSTVWXYZ3'] }, 'cityIds'],
    ['an unknown city', { cityIds: ['01JABCDEFGHJKMNPQRSTVWXYZ0'] }, 'cityIds.0'],
    ['the same city twice', { cityIds: ['01JABCDEFGHJKMNPQRSTVWXYZ0', '01JABCDEFGHJKMNPQRSTVWXYZ0'] }, 'cityIds'],
    ['no list', {}, 'cityIds'],
  ])('refuses pins with %s (400)', async (_label, body, path) => {
    // Act
    const response = await stack.api('/api/admin/digests/2031-09/pins', { method: 'PUT', headers: asCoordinator, body });

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.issues.map((issue: { path: string }) => issue.path)).toContain(path);
  });

  it('refuses to change a month that is already assembled (409) or that is not a month (404)', async () => {
    // Act
    const pins = await stack.api('/api/admin/digests/2031-01/pins', { method: 'PUT', headers: asCoordinator, body: { cityIds: [] } });
    const spotlight = await stack.api('/api/admin/digests/2031-01/spotlight', { method: 'PUT', headers: asCoordinator, body: { title: 't', body: 'b' } });
    const badMonth = await stack.api('/api/admin/digests/2031-13/preview', { headers: asCoordinator });

    // Assess
    expect(pins.status).toBe(409);
    expect(spotlight.status).toBe(409);
    expect(badMonth.status).toBe(404);
  });
});
