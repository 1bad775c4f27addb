import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { approvedCity, asCoordinator, COORDINATOR_TOKEN, registration, startTestStack, type TestStack } from '../support/stack';
import { resetRuntime } from '../../shared/runtime/container';

let stack: TestStack;
let cityId = '';

beforeAll(async () => {
  stack = await startTestStack({ coordinatorToken: COORDINATOR_TOKEN });
  cityId = await approvedCity(stack, {
    name: 'Vientiane',
    country: 'LA',
    contact: { name: 'Somsak Vongsa', email: 'intl@vientiane.example.org', phone: '+856 21 123 456' },
  });
  await stack.settle();
});
afterAll(async () => {
  await stack?.stop();
});
beforeEach(async () => {
  delete process.env.COORDINATOR_ROUTES;
  resetRuntime();
  await fetch(`${stack.urls.mailbox}/clear-store`, { method: 'POST' });
});

function inquiry(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Pat Jones',
    email: 'pat@boston.example.gov',
    organization: 'City of Boston',
    state: 'ma',
    message: `We would like to explore a smart-cities exchange with Vientiane. (${randomUUID()})`,
    ...overrides,
  };
}

describe('POST /api/cities/{id}/inquiries', () => {
  it('accepts an inquiry and emails the coordinator once, replying to the inquirer, and acknowledges it', async () => {
    // Prepare
    const body = inquiry();

    // Act
    const response = await stack.api(`/api/cities/${cityId}/inquiries`, { body });
    await stack.settle();

    // Assess
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ id: expect.any(String) });
    const emails = await stack.mailbox();
    const toCoordinator = emails.filter((email) => email.destination.to.includes('coordinator@example.org'));
    const toInquirer = emails.filter((email) => email.destination.to.includes('pat@boston.example.gov'));
    expect(toCoordinator).toHaveLength(1);
    expect(toInquirer).toHaveLength(1);
    const email = toCoordinator[0]!;
    expect(email.replyTo).toEqual(['pat@boston.example.gov']);
    expect(email.subject).toContain('Vientiane');
    for (const value of ['City of Boston', body.message, 'MA', 'Laos', '783,000', 'Somsak Vongsa', 'intl@vientiane.example.org', '+856 21 123 456']) {
      expect(email.body.text).toContain(value);
    }
  });

  it('sends one set of emails when the same inquiry is submitted twice (a double click)', async () => {
    // Prepare
    const body = inquiry();

    // Act
    const [first, second] = await Promise.all([
      stack.api(`/api/cities/${cityId}/inquiries`, { body }),
      stack.api(`/api/cities/${cityId}/inquiries`, { body }),
    ]);
    await stack.settle();

    // Assess
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.body.id).toBe(first.body.id);
    expect((await stack.mailbox()).filter((email) => email.destination.to.includes('coordinator@example.org'))).toHaveLength(1);
  });

  it('sends each email once however often InquirySubmitted is delivered', async () => {
    // Prepare
    const response = await stack.api(`/api/cities/${cityId}/inquiries`, { body: inquiry() });
    await stack.settle();
    const event = stack.bus.published().find((published) => (published.detail as { inquiryId?: string }).inquiryId === response.body.id)!;

    // Act
    await stack.handlers['notify-inquiry-submitted']!(event);
    await Promise.allSettled([stack.handlers['notify-inquiry-submitted']!(event), stack.handlers['notify-inquiry-submitted']!(event)]);

    // Assess
    const emails = await stack.mailbox();
    expect(emails.filter((email) => email.destination.to.includes('coordinator@example.org'))).toHaveLength(1);
    expect(emails.filter((email) => email.destination.to.includes('pat@boston.example.gov'))).toHaveLength(1);
  });

  it('escapes HTML and keeps CR/LF in user text from injecting headers', async () => {
    // Prepare
    const body = inquiry({
      organization: '<img src=x onerror=alert(1)> Town & Co',
      message: 'Hello\r\nBcc: victim@example.com\r\n\r\n<script>alert("x")</script>',
    });

    // Act
    const response = await stack.api(`/api/cities/${cityId}/inquiries`, { body });
    await stack.settle();

    // Assess
    expect(response.status).toBe(202);
    const email = (await stack.mailbox()).find((candidate) => candidate.destination.to.includes('coordinator@example.org'))!;
    expect(email.body.html).not.toContain('<script>');
    expect(email.body.html).not.toContain('<img src=x');
    expect(email.body.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(email.body.html).toContain('&lt;img src=x onerror=alert(1)&gt; Town &amp; Co');
    expect(email.destination.bcc ?? []).toEqual([]);
    const files = await readdir(stack.outboxDir);
    const raws = await Promise.all(files.map((file) => readFile(join(stack.outboxDir, file), 'utf8')));
    for (const raw of raws) expect(raw.split('\r\n\r\n')[0]).not.toMatch(/^Bcc:/im);
  });

  it('routes the coordinator email by the city\'s world region when a routing table is set', async () => {
    // Prepare
    process.env.COORDINATOR_ROUTES = JSON.stringify({ asia: 'asia-desk@example.org' });
    resetRuntime();

    // Act
    await stack.api(`/api/cities/${cityId}/inquiries`, { body: inquiry() });
    await stack.settle();

    // Assess
    const emails = await stack.mailbox();
    expect(emails.filter((email) => email.destination.to.includes('asia-desk@example.org'))).toHaveLength(1);
    expect(emails.filter((email) => email.destination.to.includes('coordinator@example.org'))).toHaveLength(0);
  });

  it('answers 404 for a city that is not public, and stores nothing', async () => {
    // Prepare
    const pending = await stack.api('/api/cities', { body: registration({ name: 'Not Yet', country: 'LA' }) });
    await stack.settle();
    await fetch(`${stack.urls.mailbox}/clear-store`, { method: 'POST' });

    // Act
    const toPending = await stack.api(`/api/cities/${pending.body.id}/inquiries`, { body: inquiry() });
    const toUnknown = await stack.api('/api/cities/01JABCDEFGHJKMNPQRSTVWXYZ0/inquiries', { body: inquiry() });
    await stack.settle();

    // Assess
    expect(toPending.status).toBe(404);
    expect(toUnknown.status).toBe(404);
    expect(await stack.mailbox()).toHaveLength(0);
  });

  it.each([
    ['a missing organization', () => inquiry({ organization: undefined }), 400, 'organization'],
    ['a bad email', () => inquiry({ email: 'pat' }), 400, 'email'],
    ['an unknown state', () => inquiry({ state: 'ZZ' }), 400, 'state'],
    ['an empty message', () => inquiry({ message: '   ' }), 400, 'message'],
    ['a message of 5001 characters', () => inquiry({ message: 'x'.repeat(5001) }), 400, 'message'],
    ['CR/LF in the name', () => inquiry({ name: 'Pat\r\nBcc: victim@example.com' }), 400, 'name'],
  ])('answers %s with 400 naming the field', async (_label, body, status, path) => {
    // Act
    const response = await stack.api(`/api/cities/${cityId}/inquiries`, { body: body() });

    // Assess
    expect(response.status).toBe(status);
    expect(response.body.issues.map((issue: { path: string }) => issue.path)).toContain(path);
  });

  it('answers 415 for a form body and 413 past 64 KiB', async () => {
    // Act
    const form = await stack.api(`/api/cities/${cityId}/inquiries`, { body: 'name=Pat', headers: { 'content-type': 'text/plain' } });
    const large = await stack.api(`/api/cities/${cityId}/inquiries`, { body: inquiry({ message: 'x'.repeat(66 * 1024) }) });

    // Assess
    expect(form.status).toBe(415);
    expect(large.status).toBe(413);
  });
});

describe('GET /api/admin/inquiries', () => {
  it('lists a city\'s inquiries newest first', async () => {
    // Prepare
    const first = await stack.api(`/api/cities/${cityId}/inquiries`, { body: inquiry({ organization: 'Town of First' }) });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await stack.api(`/api/cities/${cityId}/inquiries`, { body: inquiry({ organization: 'Town of Second' }) });

    // Act
    const response = await stack.api(`/api/admin/inquiries?cityId=${cityId}`, { headers: asCoordinator });
    const bad = await stack.api('/api/admin/inquiries?cityId=nope', { headers: asCoordinator });

    // Assess
    expect(response.status).toBe(200);
    const ids = response.body.items.map((item: { id: string }) => item.id);
    expect(ids.indexOf(second.body.id)).toBeLessThan(ids.indexOf(first.body.id));
    expect(response.body.items[0]).toMatchObject({ cityId, organization: 'Town of Second', email: 'pat@boston.example.gov' });
    expect(bad.status).toBe(400);
  });
});
