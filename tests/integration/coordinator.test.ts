import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../infra/manifest';
import { asCoordinator, COORDINATOR_TOKEN, registration, startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ coordinatorToken: COORDINATOR_TOKEN });
});
afterAll(async () => {
  await stack?.stop();
});
beforeEach(async () => {
  await fetch(`${stack.urls.mailbox}/clear-store`, { method: 'POST' });
});

const adminRoutes = FUNCTIONS.flatMap((spec) =>
  spec.trigger.kind === 'http' && 'auth' in spec.trigger && spec.trigger.auth === 'coordinator'
    ? [{ method: spec.trigger.method, path: spec.trigger.path.replace('{id}', '01JABCDEFGHJKMNPQRSTVWXYZ0') }]
    : [],
);

async function register(overrides: Record<string, unknown> = {}) {
  const response = await stack.api('/api/cities', { body: registration(overrides) });
  expect(response.status).toBe(201);
  await stack.settle();
  await fetch(`${stack.urls.mailbox}/clear-store`, { method: 'POST' });
  return response.body.id as string;
}

describe('coordinator authentication', () => {
  it('declares at least the five coordinator routes', () => {
    expect(adminRoutes.length).toBeGreaterThanOrEqual(5);
  });

  it.each([
    ['no Authorization header', {}],
    ['a wrong token', { authorization: 'Bearer wrong-token-wrong-token' }],
    ['the right token without Bearer', { authorization: COORDINATOR_TOKEN }],
    ['a different scheme', { authorization: `Basic ${COORDINATOR_TOKEN}` }],
  ])('refuses every coordinator route with 401 given %s', async (_label, headers) => {
    for (const route of adminRoutes) {
      // Act
      const response = await stack.api(route.path, { method: route.method, headers, body: route.method === 'GET' ? undefined : {} });

      // Assess
      expect(response.status, `${route.method} ${route.path}`).toBe(401);
      expect(response.body).toEqual({ error: 'Unauthorized' });
    }
  });
});

describe('reviewing registrations', () => {
  it('lists pending registrations with their contacts, newest first', async () => {
    // Prepare
    const older = await register({ name: 'Kandy', country: 'LK' });
    const newer = await register({ name: 'Galle', country: 'LK' });

    // Act
    const response = await stack.api('/api/admin/cities?status=pending', { headers: asCoordinator });

    // Assess
    expect(response.status).toBe(200);
    const ids = response.body.items.map((city: { id: string }) => city.id);
    expect(ids.indexOf(newer)).toBeLessThan(ids.indexOf(older));
    const kandy = response.body.items.find((city: { id: string }) => city.id === older);
    expect(kandy).toMatchObject({ status: 'pending', contact: { email: 'intl@vientiane.example.org' }, countryName: 'Sri Lanka' });
  });

  it('refuses an unknown status with 400', async () => {
    const response = await stack.api('/api/admin/cities?status=archived', { headers: asCoordinator });
    expect(response.status).toBe(400);
    expect(response.body.issues[0].path).toBe('status');
  });

  it('approves a pending city once: it becomes public and seeking, and its contact is emailed once', async () => {
    // Prepare
    const id = await register({ name: 'Jaffna', country: 'LK' });
    const before = await stack.api(`/api/cities/${id}`);

    // Act
    const first = await stack.api(`/api/admin/cities/${id}/approve`, { method: 'POST', headers: asCoordinator });
    const again = await stack.api(`/api/admin/cities/${id}/approve`, { method: 'POST', headers: asCoordinator });
    await stack.settle();

    // Assess
    expect(before.status).toBe(404);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ id, status: 'approved' });
    expect(again.status).toBe(200);
    const city = await stack.api(`/api/cities/${id}`);
    expect(city.status).toBe(200);
    expect(city.body).toMatchObject({ id, name: 'Jaffna', seeking: true, countryName: 'Sri Lanka' });
    expect(JSON.stringify(city.body)).not.toContain('intl@vientiane.example.org');
    const emails = await stack.mailbox();
    expect(emails).toHaveLength(1);
    expect(emails[0]!.destination.to).toEqual(['intl@vientiane.example.org']);
    expect(emails[0]!.subject).toContain('Jaffna');
    expect(emails[0]!.body.text).toContain(`/cities/${id}`);
  });

  it('rejects a pending city with a reason that reaches its contact, and frees the name', async () => {
    // Prepare
    const id = await register({ name: 'Trincomalee', country: 'LK' });

    // Act
    const rejected = await stack.api(`/api/admin/cities/${id}/reject`, {
      headers: asCoordinator,
      body: { reason: 'We could not confirm that <the contact> works for the city.' },
    });
    await stack.settle();
    const again = await stack.api('/api/cities', { body: registration({ name: 'Trincomalee', country: 'LK' }) });

    // Assess
    expect(rejected.status).toBe(200);
    expect(rejected.body).toEqual({ id, status: 'rejected' });
    expect((await stack.api(`/api/cities/${id}`)).status).toBe(404);
    const emails = (await stack.mailbox()).filter((email) => email.subject.includes('Trincomalee') && email.destination.to.includes('intl@vientiane.example.org'));
    expect(emails.some((email) => email.body.text?.includes('We could not confirm that <the contact> works for the city.'))).toBe(true);
    expect(emails.some((email) => email.body.html?.includes('&lt;the contact&gt;'))).toBe(true);
    expect(again.status).toBe(201);
  });

  it('answers 404 for an unknown city and 409 for approving a rejected one', async () => {
    // Prepare
    const id = await register({ name: 'Batticaloa', country: 'LK' });
    await stack.api(`/api/admin/cities/${id}/reject`, { headers: asCoordinator, body: { reason: 'Duplicate of another listing.' } });

    // Act
    const unknown = await stack.api('/api/admin/cities/01JABCDEFGHJKMNPQRSTVWXYZ0/approve', { method: 'POST', headers: asCoordinator });
    const malformed = await stack.api('/api/admin/cities/not-an-id/approve', { method: 'POST', headers: asCoordinator });
    const conflict = await stack.api(`/api/admin/cities/${id}/approve`, { method: 'POST', headers: asCoordinator });

    // Assess
    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(404);
    expect(conflict.status).toBe(409);
  });

  it('needs a reason to reject', async () => {
    // Prepare
    const id = await register({ name: 'Anuradhapura', country: 'LK' });

    // Act
    const response = await stack.api(`/api/admin/cities/${id}/reject`, { headers: asCoordinator, body: { reason: '' } });

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.issues).toEqual([{ path: 'reason', message: 'must not be empty' }]);
    const pending = await stack.api('/api/admin/cities?status=pending', { headers: asCoordinator });
    expect(pending.body.items.map((city: { id: string }) => city.id)).toContain(id);
  });

  it('marks a city as no longer seeking; it stays in the directory', async () => {
    // Prepare
    const id = await register({ name: 'Matara', country: 'LK' });
    await stack.api(`/api/admin/cities/${id}/approve`, { method: 'POST', headers: asCoordinator });

    // Act
    const patched = await stack.api(`/api/admin/cities/${id}`, { method: 'PATCH', headers: asCoordinator, body: { seeking: false } });
    const bad = await stack.api(`/api/admin/cities/${id}`, { method: 'PATCH', headers: asCoordinator, body: { seeking: 'no' } });
    const extra = await stack.api(`/api/admin/cities/${id}`, { method: 'PATCH', headers: asCoordinator, body: { seeking: true, status: 'pending' } });

    // Assess
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id, seeking: false, status: 'approved' });
    expect(bad.status).toBe(400);
    expect(extra.status).toBe(400);
    const all = await stack.api('/api/cities?country=LK&limit=100');
    expect(all.body.items.map((city: { id: string }) => city.id)).toContain(id);
    const seeking = await stack.api('/api/cities?country=LK&seeking=true&limit=100');
    expect(seeking.body.items.map((city: { id: string }) => city.id)).not.toContain(id);
    expect((await stack.api(`/api/cities/${id}`)).body.seeking).toBe(false);
  });
});
