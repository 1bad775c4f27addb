/**
 * A city's page: its public profile, and a U.S. community sending an inquiry that reaches the
 * coordinators' mailbox. An unknown id is a friendly "not found".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedCity } from '../support/stack';
import { mailTo, screenshot, startE2E, textOf, type E2E } from './support';

let e2e: E2E;
let cityId: string;
beforeAll(async () => {
  e2e = await startE2E();
  cityId = await approvedCity(e2e.stack, {
    name: 'Huế',
    country: 'VN',
    region: 'Thừa Thiên Huế',
    population: 652572,
    description: 'Former imperial capital on the Perfume River.\nKnown for its citadel, royal tombs and cuisine.',
    interests: ['arts-culture', 'tourism'],
    website: 'https://hue.example.org',
  });
});
afterAll(async () => {
  await e2e?.stop();
});

describe('City page', () => {
  it('shows the profile and sends an inquiry the coordinators receive', async () => {
    const page = await e2e.page();
    await page.goto(`/cities/${cityId}`);
    await page.locator('#city').waitFor({ state: 'visible' });
    expect(await textOf(page, 'h1')).toBe('Huế');
    expect(await page.title()).toBe('Huế, Vietnam · Cities Seeking Cities');
    expect(await textOf(page, '#city-place')).toBe('Thừa Thiên Huế, Vietnam');
    expect(await textOf(page, '#city-population')).toBe('652,572');
    expect(await page.locator('#city .tags li').allTextContents()).toEqual(['Arts & culture', 'Tourism']);
    expect(await textOf(page, '#city-badge')).toBe('Seeking a sister city');
    expect(await page.locator('#city-website').getAttribute('href')).toBe('https://hue.example.org/');
    // Line breaks of the description are kept, as text.
    expect(await page.locator('#city-description').innerText()).toBe('Former imperial capital on the Perfume River.\nKnown for its citadel, royal tombs and cuisine.');
    expect(await textOf(page, '#inquiry-heading')).toBe('Interested in Huế?');
    await screenshot(page, 'city-page');

    // Sending without the required fields: issues at each field, focus on the first.
    await page.getByRole('button', { name: 'Send inquiry' }).click();
    await page.locator('#f-name-error').waitFor({ state: 'visible' });
    expect(await textOf(page, '#f-name-error')).toBe('Your name must not be empty.');
    expect(await textOf(page, '#f-email-error')).toBe('Email must be an email address such as name@example.org.');
    expect(await page.locator('#inquiry-form [aria-invalid=true]').count()).toBe(4);
    // One banner, naming the fields by their labels.
    expect(await page.locator('.message.error').count()).toBe(1);
    expect(await textOf(page, '#inquiry-status')).toBe('Please check the 4 fields marked below: “Your name”, “Email”, “Organization or community” and “Message”.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-name');

    await page.getByLabel('Your name').fill('Dana Whitfield');
    await page.getByLabel('Email').fill('dana@springfield.example.gov');
    await page.getByLabel('Organization or community').fill('Springfield Sister Cities Association');
    await page.getByLabel('U.S. state').selectOption({ label: 'Massachusetts' });
    await page.getByLabel('Message').fill('Springfield would love to explore a cultural exchange with Huế.');
    await page.getByRole('button', { name: 'Send inquiry' }).click();
    await page.locator('#inquiry-done').waitFor({ state: 'visible' });
    expect(await textOf(page, '#inquiry-done')).toMatch(/Thank you\. Your inquiry was sent\..*about Huế.*dana@springfield\.example\.gov/);
    expect(await page.locator('[aria-invalid=true]').count()).toBe(0);

    await e2e.stack.settle();
    const toCoordinator = await mailTo(e2e.stack, 'coordinator@example.org');
    const inquiry = toCoordinator.find((mail) => mail.subject.startsWith('Inquiry about Huế'));
    expect(inquiry?.subject).toContain('Springfield Sister Cities Association');
    expect(inquiry?.replyTo).toEqual(['dana@springfield.example.gov']);
  });

  it('says "City not found" for an id nobody has, and for a malformed one', async () => {
    const page = await e2e.page();
    const response = await page.goto('/cities/01JZZZZZZZZZZZZZZZZZZZZZZZ');
    expect(response?.status()).toBe(200); // the page itself; the API answered 404
    await page.getByRole('heading', { name: 'City not found' }).waitFor();
    expect(await page.locator('#inquiry').isHidden()).toBe(true);
    expect(await page.title()).toBe('City not found · Cities Seeking Cities');

    await page.goto('/cities/not-a-real-id/');
    await page.getByRole('heading', { name: 'City not found' }).waitFor();
  });
});
