/**
 * A city's contact manages its listing in Chromium: the manage link from the approval email
 * opens a prefilled form; a change is saved ("Saved") and shows on the city page at once; an
 * error sits at its field; "We found a partner" needs its box ticked; a forged link shows a
 * clear message and none of the listing; the token never leaves in a Referer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { approvedCity } from '../support/stack';
import { axeViolations, clearMailbox, mailTo, screenshot, startE2E, textOf, unlabelledControls, type E2E } from './support';

const CONTACT = 'intl@luangprabang.example.org';
const DESCRIPTION = 'Former royal capital at the meeting of the Mekong and Nam Khan rivers.';

let e2e: E2E;
let cityId: string;
let manageLink: string;

beforeAll(async () => {
  e2e = await startE2E();
  cityId = await approvedCity(e2e.stack, {
    name: 'Luang Prabang',
    country: 'LA',
    region: 'Luang Prabang Province',
    population: 56000,
    description: DESCRIPTION,
    interests: ['arts-culture', 'tourism'],
    contact: { name: 'Khamla Phommachanh', email: CONTACT, title: 'Head of External Relations' },
  });
  await e2e.stack.settle();
  const approval = (await mailTo(e2e.stack, CONTACT)).find((email) => email.subject.startsWith('Listed in City Search: '));
  manageLink = approval?.body.text?.match(/http:\/\/\S+\/cities\/\w+\/manage\?token=[\w.%-]+/)?.[0] ?? '';
  await clearMailbox(e2e.stack);
});
afterAll(async () => {
  await e2e?.stop();
});

/** Every request the page makes, with its Referer (if any). */
function watchRequests(page: Page): Array<{ url: string; referer?: string }> {
  const requests: Array<{ url: string; referer?: string }> = [];
  page.on('request', (request) => requests.push({ url: request.url(), referer: request.headers()['referer'] }));
  return requests;
}

describe('Managing a listing', () => {
  it('opens the link from the approval email prefilled, saves a change and shows it on the city page', async () => {
    // Prepare
    const page = await e2e.page();
    const requests = watchRequests(page);

    // Act
    await page.goto(manageLink);
    await page.locator('#manage').waitFor({ state: 'visible' });
    const prefilled = {
      heading: await textOf(page, 'h1'),
      description: await page.getByLabel('About your city').inputValue(),
      population: await page.getByLabel('Population').inputValue(),
      name: await page.getByLabel('Full name').inputValue(),
      email: await textOf(page, '#manage-email'),
      interests: await page.locator('#f-interests input:checked').evaluateAll((boxes) => boxes.map((box) => (box as HTMLInputElement).value)),
    };
    const unlabelled = await unlabelledControls(page);
    const violations = await axeViolations(page);
    await page.getByLabel('About your city').fill('Former royal capital of Laos, a UNESCO World Heritage town on the Mekong.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForFunction(() => /Saved/.test(document.getElementById('listing-status')?.textContent ?? ''));
    const saved = await textOf(page, '#listing-status');
    await screenshot(page, 'city-manage');
    const onManagePage = [...requests];
    await page.goto(`/cities/${cityId}`);
    await page.locator('#city').waitFor({ state: 'visible' });
    await e2e.stack.settle();

    // Assess
    expect(manageLink).toContain(`/cities/${cityId}/manage?token=`);
    expect(prefilled).toEqual({
      heading: 'Manage the listing of Luang Prabang',
      description: DESCRIPTION,
      population: '56,000',
      name: 'Khamla Phommachanh',
      email: CONTACT,
      interests: ['arts-culture', 'tourism'],
    });
    expect(unlabelled).toEqual([]);
    expect(violations).toEqual([]);
    expect(saved).toBe('Saved. Your changes are public in City Search now.');
    expect(await textOf(page, '#city-description')).toBe('Former royal capital of Laos, a UNESCO World Heritage town on the Mekong.');
    expect((await mailTo(e2e.stack, 'coordinator@example.org')).map((email) => email.subject)).toEqual(['Listing changed: Luang Prabang, Laos']);
    // The token never leaves in a Referer, and nothing is loaded from elsewhere.
    expect(onManagePage.length).toBeGreaterThan(3);
    // (Module chunks name the script that imports them; nothing names the page.)
    expect(requests.filter((request) => request.referer?.includes(`/cities/${cityId}/manage`) || request.referer?.includes('token='))).toEqual([]);
    expect(onManagePage.filter((request) => !request.url.startsWith(e2e.url('/')))).toEqual([]);
  });

  it('shows an error at its field, with the focus on it, and saves nothing', async () => {
    // Prepare
    const page = await e2e.page();
    await page.goto(manageLink);
    await page.locator('#manage').waitFor({ state: 'visible' });

    // Act
    await page.getByLabel('Full name').fill('');
    await page.getByLabel('Website').fill('www.luangprabang');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('#f-contact-name-error').waitFor({ state: 'visible' });

    // Assess
    expect(await textOf(page, '#f-website-error')).toBe('Website must be a web address starting with http:// or https://.');
    expect(await textOf(page, '#f-contact-name-error')).toBe('Full name must not be empty.');
    expect(await page.locator('.message.error').count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-website');
    const stored = await e2e.stack.api(`/api/cities/${cityId}`);
    expect(stored.body.website).toBe('https://vientiane.example.org');
  });

  it('takes the city out of seeking only once the box is ticked, and says so', async () => {
    // Prepare
    const page = await e2e.page();
    await page.goto(manageLink);
    await page.locator('#manage').waitFor({ state: 'visible' });

    // Act
    await page.getByLabel('The U.S. community').fill('Springfield, Massachusetts');
    await page.getByRole('button', { name: 'We found a partner' }).click();
    await page.locator('#f-confirm-error').waitFor({ state: 'visible' });
    const unticked = { error: await textOf(page, '#f-confirm-error'), seeking: (await e2e.stack.api(`/api/cities/${cityId}`)).body.seeking };
    await page.getByLabel('Yes, our city has found a U.S. sister city and is no longer seeking one.').check();
    await page.getByRole('button', { name: 'We found a partner' }).click();
    await page.locator('#partner-done').waitFor({ state: 'visible' });
    const done = await textOf(page, '#partner-done');
    await page.goto(`/cities/${cityId}`);
    await page.locator('#city').waitFor({ state: 'visible' });

    // Assess
    expect(unticked).toEqual({ error: 'Please tick the box to confirm that Luang Prabang has found a partner.', seeking: true });
    expect(done).toContain('Thank you, and congratulations!');
    expect(done).toContain('Your U.S. partner: Springfield, Massachusetts');
    expect(await textOf(page, '#city-badge')).toBe('Has found a partner');
  });

  it('shows a forged link a clear message and none of the listing', async () => {
    // Prepare
    const page = await e2e.page();
    const forged = manageLink.replace(/token=[^&]+/, `token=${cityId}.${'A'.repeat(43)}`);

    // Act
    await page.goto(forged);
    await page.getByRole('heading', { name: 'This link does not work' }).waitFor();

    // Assess
    expect(await page.locator('#manage').isHidden()).toBe(true);
    expect(await page.getByLabel('About your city').inputValue()).toBe('');
    const content = await page.content();
    expect(content).not.toContain(CONTACT);
    expect(content).not.toContain('UNESCO');
    expect(await page.title()).toBe('This link does not work · Cities Seeking Cities');
  });
});
