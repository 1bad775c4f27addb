/**
 * The coordinator console: sign in (a wrong token is refused), approve a pending city (it then
 * appears in City Search), reject one with a reason, mark a city as no longer seeking, read its
 * inquiries, and plan the coming newsletter (spotlight, pins, preview).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { approvedCity, asCoordinator, registration } from '../support/stack';
import { COORDINATOR_TOKEN, screenshot, startE2E, textOf, type E2E } from './support';

let e2e: E2E;
let page: Page;
let vientiane: string;
let kandy: string;
let jaffna: string;

beforeAll(async () => {
  e2e = await startE2E();
  vientiane = await approvedCity(e2e.stack);
  await e2e.stack.api(`/api/cities/${vientiane}/inquiries`, {
    body: { name: 'Dana Whitfield', email: 'dana@springfield.example.gov', organization: 'City of Springfield', state: 'MA', message: 'We would like to talk.' },
  });
  const register = async (overrides: Record<string, unknown>) => (await e2e.stack.api('/api/cities', { body: registration(overrides) })).body.id as string;
  jaffna = await register({ name: 'Jaffna', country: 'LK', population: 88138, contact: { name: 'S. Kumar', email: 'intl@jaffna.example.org' } });
  kandy = await register({
    name: 'Kandy',
    country: 'LK',
    region: 'Central Province',
    population: 125400,
    description: 'Hill capital with the Temple of the Tooth.',
    interests: ['education', 'arts-culture'],
    contact: { name: 'Nimal Perera', email: 'intl@kandy.example.org', title: 'Mayor’s Office', phone: '+94 81 222 3333' },
    website: 'https://kandy.example.org',
  });
  page = await e2e.page();
});
afterAll(async () => {
  await e2e?.stop();
});

const pendingItem = (name: string) => page.locator('#pending > li').filter({ has: page.getByRole('heading', { name: new RegExp(`^${name},`) }) });

describe('Coordinator console', () => {
  it('refuses a wrong token, keeping it nowhere', async () => {
    await page.goto('/admin');
    await page.getByLabel('Coordinator token').fill('not-the-token-at-all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#f-token-error').waitFor({ state: 'visible' });
    expect(await textOf(page, '#f-token-error')).toMatch(/^Wrong token/);
    expect(await page.locator('#console').isHidden()).toBe(true);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(await page.getByLabel('Coordinator token').getAttribute('type')).toBe('password');
  });

  it('signs in and lists pending registrations with their full details and contact', async () => {
    await page.getByLabel('Coordinator token').fill(COORDINATOR_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#console').waitFor({ state: 'visible' });
    await page.waitForFunction(() => document.querySelectorAll('#approved tr').length === 1);
    expect(await page.locator('#signin').isHidden()).toBe(true);
    // Kept for this tab only.
    expect(await page.evaluate(() => [sessionStorage.getItem('coordinatorToken'), localStorage.length])).toEqual([COORDINATOR_TOKEN, 0]);
    // Newest first.
    expect(await page.locator('#pending > li h3').allTextContents()).toEqual(['Kandy, Sri Lanka', 'Jaffna, Sri Lanka']);
    const details = ((await pendingItem('Kandy').textContent()) ?? '').replace(/\s+/g, ' ');
    for (const expected of ['Central Province', '125,400', 'Arts & culture, Education', 'https://kandy.example.org', 'Nimal Perera, Mayor’s Office', 'intl@kandy.example.org', '+94 81 222 3333', 'Temple of the Tooth']) {
      expect(details).toContain(expected);
    }
    // Inquiries of all cities are listed at sign-in.
    await page.waitForFunction(() => /1 inquiry/.test(document.getElementById('inquiries-status')?.textContent ?? ''));
    await screenshot(page, 'admin-console');
  });

  it('approves a city: it leaves the queue and appears in City Search', async () => {
    await pendingItem('Kandy').getByRole('button', { name: 'Approve' }).click();
    await page.waitForFunction(() => /Approved Kandy/.test(document.getElementById('pending-status')?.textContent ?? ''));
    expect(await page.locator('#pending > li h3').allTextContents()).toEqual(['Jaffna, Sri Lanka']);
    // Focus moves on to the next registration.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Jaffna, Sri Lanka');
    await page.waitForFunction(() => document.querySelectorAll('#approved tr').length === 2);

    const search = await e2e.page();
    await search.goto('/cities?seeking=true&country=LK');
    await search.locator('#results h3 a').first().waitFor();
    expect(await search.locator('#results h3 a').allTextContents()).toEqual(['Kandy']);
  });

  it('rejects a city with a reason given in a dialog', async () => {
    await pendingItem('Jaffna').getByRole('button', { name: 'Reject…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reject Jaffna' });
    await dialog.waitFor({ state: 'visible' });
    // A reason is required.
    await dialog.getByRole('button', { name: 'Reject registration' }).click();
    await page.locator('#f-reason-error').waitFor({ state: 'visible' });
    expect(await textOf(page, '#f-reason-error')).toBe('Reason must not be empty.');
    await dialog.getByLabel('Reason').fill('Please register again with a description of Jaffna’s exchange goals.');
    await dialog.getByRole('button', { name: 'Reject registration' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.waitForFunction(() => /Rejected Jaffna/.test(document.getElementById('pending-status')?.textContent ?? ''));
    expect(await page.locator('#pending > li').count()).toBe(0);
    expect(await textOf(page, '#pending-status')).toMatch(/No more registrations are waiting/);
    const rejected = await e2e.stack.api('/api/admin/cities?status=rejected', { headers: asCoordinator });
    expect(rejected.body.items.map((city: { id: string; rejectionReason: string }) => [city.id, city.rejectionReason])).toEqual([
      [jaffna, 'Please register again with a description of Jaffna’s exchange goals.'],
    ]);
  });

  it('clears the seeking flag of a city that found a partner', async () => {
    const seeking = page.getByLabel('Seeking: Vientiane');
    expect(await seeking.isChecked()).toBe(true);
    await seeking.uncheck();
    await page.waitForFunction(() => /Vientiane is no longer marked as seeking/.test(document.getElementById('approved-status')?.textContent ?? ''));
    expect((await e2e.stack.api(`/api/cities/${vientiane}`)).body.seeking).toBe(false);
    // Pins offer seeking cities only.
    expect(await page.locator('#pin-1 option').allTextContents()).toEqual(['(none)', 'Kandy, Sri Lanka']);
  });

  it('shows the inquiries about one city', async () => {
    await page.getByRole('button', { name: 'Show inquiries about Vientiane' }).click();
    await page.waitForFunction(() => /1 inquiry about Vientiane/.test(document.getElementById('inquiries-status')?.textContent ?? ''));
    const text = ((await page.locator('#inquiries').textContent()) ?? '').replace(/\s+/g, ' ');
    expect(text).toContain('City of Springfield → Vientiane');
    expect(text).toContain('dana@springfield.example.gov');
    expect(text).toContain('We would like to talk.');
    expect(await page.getByLabel('City', { exact: true }).inputValue()).toBe(vientiane);
  });

  it('plans the coming newsletter: spotlight, pinned city and a script-free preview', async () => {
    const month = await page.locator('#coming-month').textContent();
    expect(month).toMatch(/^[A-Z][a-z]+ \d{4}$/);

    await page.getByLabel('Title', { exact: true }).fill('Youth orchestras across the Pacific');
    await page.getByLabel('Text', { exact: true }).fill('How two cities built a shared summer music school.');
    await page.getByRole('button', { name: 'Save spotlight' }).click();
    await page.waitForFunction(() => /Saved/.test(document.getElementById('spotlight-status')?.textContent ?? ''));

    await page.getByLabel('Featured city 1').selectOption({ label: 'Kandy, Sri Lanka' });
    await page.getByRole('button', { name: 'Save pinned cities' }).click();
    await page.waitForFunction(() => /Saved\. Kandy, Sri Lanka will come first/.test(document.getElementById('pins-status')?.textContent ?? ''));

    await page.getByRole('button', { name: 'Show preview of the newsletter' }).click();
    const preview = page.locator('#preview');
    await preview.waitFor({ state: 'visible' });
    expect(await preview.getAttribute('sandbox')).toBe('');
    const srcdoc = (await preview.getAttribute('srcdoc')) ?? '';
    expect(srcdoc).toContain('Kandy');
    expect(srcdoc).toContain('Youth orchestras across the Pacific');
    const frame = page.frameLocator('#preview');
    await frame.getByText('Youth orchestras across the Pacific').first().waitFor();
  });

  it('stays signed in on reload (same tab) and signs out', async () => {
    await page.reload();
    await page.locator('#console').waitFor({ state: 'visible' });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('#signin').waitFor({ state: 'visible' });
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-token');
  });
});
