import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registration, startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

async function clearMailbox() {
  await fetch(`${stack.urls.mailbox}/clear-store`, { method: 'POST' });
}

describe('POST /api/cities', () => {
  beforeEach(clearMailbox);

  it('stores a valid registration as pending and emails the coordinator and the contact once each', async () => {
    // Prepare
    const body = registration({ name: 'Luang Prabang', population: 56000, description: 'Old royal capital <b>&</b> "temples".' });

    // Act
    const response = await stack.api('/api/cities', { body });
    await stack.settle();

    // Assess
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ id: expect.any(String), status: 'pending' });
    const emails = await stack.mailbox();
    const toCoordinator = emails.filter((email) => email.destination.to.includes('coordinator@example.org'));
    const toContact = emails.filter((email) => email.destination.to.includes('intl@vientiane.example.org'));
    expect(toCoordinator).toHaveLength(1);
    expect(toContact).toHaveLength(1);
    expect(emails).toHaveLength(2);
    const coordinatorEmail = toCoordinator[0]!;
    expect(coordinatorEmail.subject).toContain('Luang Prabang');
    expect(coordinatorEmail.subject).toContain('Laos');
    for (const value of ['Luang Prabang', 'Laos', 'Vientiane Prefecture', '56,000', 'Best practices exchange', 'Somsak Vongsa', 'International Relations Officer', 'intl@vientiane.example.org', 'https://vientiane.example.org']) {
      expect(coordinatorEmail.body.text).toContain(value);
    }
    expect(coordinatorEmail.body.html).toContain('Old royal capital &lt;b&gt;&amp;&lt;/b&gt; &quot;temples&quot;.');
    expect(coordinatorEmail.body.html).not.toContain('<b>&</b>');
    expect(toContact[0]!.subject).toContain('Luang Prabang');
  });

  it('keeps the city pending with its outbox cleared once the bus accepted the event', async () => {
    // Prepare
    const body = registration({ name: 'Savannakhet' });

    // Act
    const response = await stack.api('/api/cities', { body });

    // Assess
    const city = (await stack.items()).find((item) => item.id === response.body.id);
    expect(city).toMatchObject({ status: 'pending', seeking: true, country: 'LA', name: 'Savannakhet' });
    expect(city).not.toHaveProperty('outbox');
  });

  it('gives 409 with the existing id to a second registration of the same city, whatever its case and accents', async () => {
    // Prepare
    const first = await stack.api('/api/cities', { body: registration({ name: 'São Tomé', country: 'ST' }) });
    await stack.settle();
    await clearMailbox();

    // Act
    const second = await stack.api('/api/cities', { body: registration({ name: '  sao TOME ', country: 'st' }) });
    await stack.settle();

    // Assess
    expect(first.status).toBe(201);
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ error: 'Conflict', existingId: first.body.id });
    expect(await stack.mailbox()).toHaveLength(0);
  });

  it('lets exactly one of twelve identical concurrent registrations win, and emails the coordinator once', async () => {
    // Prepare
    const body = registration({ name: 'Pakse', country: 'LA' });

    // Act
    const responses = await Promise.all(Array.from({ length: 12 }, () => stack.api('/api/cities', { body })));
    await stack.settle();

    // Assess
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(11);
    const winner = responses.find((response) => response.status === 201)!;
    for (const loser of responses.filter((response) => response.status === 409)) {
      expect(loser.body.existingId).toBe(winner.body.id);
    }
    const coordinatorEmails = (await stack.mailbox()).filter((email) => email.destination.to.includes('coordinator@example.org'));
    expect(coordinatorEmails).toHaveLength(1);
  });
});

describe('POST /api/cities with bad input', () => {
  const cases: Array<{ name: string; send: () => Promise<{ status: number; body: any }>; status: number; paths?: string[] }> = [
    { name: 'missing fields', send: () => stack.api('/api/cities', { body: {} }), status: 400, paths: ['name', 'country', 'population', 'description', 'interests', 'contact'] },
    { name: 'an invalid contact email', send: () => stack.api('/api/cities', { body: registration({ contact: { name: 'A', email: 'not-an-email' } }) }), status: 400, paths: ['contact.email'] },
    { name: 'an unknown interest', send: () => stack.api('/api/cities', { body: registration({ interests: ['education', 'space-travel'] }) }), status: 400, paths: ['interests.1'] },
    { name: 'no interests', send: () => stack.api('/api/cities', { body: registration({ interests: [] }) }), status: 400, paths: ['interests'] },
    { name: 'a U.S. city', send: () => stack.api('/api/cities', { body: registration({ country: 'us' }) }), status: 400, paths: ['country'] },
    { name: 'an unknown country code', send: () => stack.api('/api/cities', { body: registration({ country: 'QQ' }) }), status: 400, paths: ['country'] },
    { name: 'a fractional population', send: () => stack.api('/api/cities', { body: registration({ population: 1.5 }) }), status: 400, paths: ['population'] },
    { name: 'a population over 50 million', send: () => stack.api('/api/cities', { body: registration({ population: 50_000_001 }) }), status: 400, paths: ['population'] },
    { name: 'a name of 121 characters', send: () => stack.api('/api/cities', { body: registration({ name: 'x'.repeat(121) }) }), status: 400, paths: ['name'] },
    { name: 'a description of 3001 characters', send: () => stack.api('/api/cities', { body: registration({ description: 'x'.repeat(3001) }) }), status: 400, paths: ['description'] },
    { name: 'CR/LF in a one-line field', send: () => stack.api('/api/cities', { body: registration({ name: 'Vientiane\r\nBcc: victim@example.com' }) }), status: 400, paths: ['name'] },
    { name: 'CR/LF in the contact name', send: () => stack.api('/api/cities', { body: registration({ contact: { name: 'Eve\nBcc: x@example.com', email: 'eve@example.org' } }) }), status: 400, paths: ['contact.name'] },
    { name: 'a non-web website', send: () => stack.api('/api/cities', { body: registration({ website: 'javascript:alert(1)' }) }), status: 400, paths: ['website'] },
    { name: 'a JSON array body', send: () => stack.api('/api/cities', { body: '[1,2]' }), status: 400, paths: [''] },
    { name: 'malformed JSON', send: () => stack.api('/api/cities', { body: '{"name": ' }), status: 400 },
    { name: 'a form-encoded body', send: () => stack.api('/api/cities', { body: 'name=Vientiane', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), status: 415 },
    { name: 'no content type', send: () => fetch(`${stack.urls.api}/api/cities`, { method: 'POST', body: new Blob([JSON.stringify(registration())]) }).then(async (r) => ({ status: r.status, body: await r.json() })), status: 415 },
    { name: 'a body over 64 KiB', send: () => stack.api('/api/cities', { body: registration({ description: 'x'.repeat(70 * 1024) }) }), status: 413 },
  ];

  it.each(cases)('answers $status for $name and changes nothing', async ({ send, status, paths }) => {
    // Prepare
    await clearMailbox();
    const before = await stack.items();

    // Act
    const response = await send();
    await stack.settle();

    // Assess
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ error: expect.any(String), message: expect.any(String) });
    if (paths) {
      expect(response.body.error).toBe('ValidationError');
      const reported = response.body.issues.map((issue: { path: string }) => issue.path);
      expect(reported).toEqual(expect.arrayContaining(paths));
      for (const issue of response.body.issues) expect(issue.message).toMatch(/\w{3}/);
    }
    expect(await stack.items()).toHaveLength(before.length);
    expect(await stack.mailbox()).toHaveLength(0);
  });
});

describe('GET /api/interests and /api/health', () => {
  it('lists the twelve interests in the program order with labels', async () => {
    // Act
    const response = await stack.api('/api/interests');

    // Assess
    expect(response.status).toBe(200);
    expect(response.body.map((interest: { id: string }) => interest.id)).toEqual([
      'arts-culture', 'economic-development', 'business-trade', 'education', 'youth', 'best-practices',
      'technology', 'environment', 'health', 'tourism', 'sports', 'agriculture',
    ]);
    expect(response.body[0]).toEqual({ id: 'arts-culture', label: 'Arts & culture' });
  });

  it('reports ok while every local service answers', async () => {
    // Act
    const response = await stack.api('/api/health');

    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('answers an unknown route with 404 as API Gateway does', async () => {
    // Act
    const response = await stack.api('/api/nowhere');

    // Assess
    expect(response.status).toBe(404);
  });
});
