/**
 * A city official registers through /register: a mistake is shown next to its field, fixing it
 * succeeds, the coordinator is emailed, and sending the same city again says so plainly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asCoordinator } from '../support/stack';
import { mailTo, screenshot, startE2E, textOf, type E2E } from './support';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.stop();
});

describe('Register your city', () => {
  it('shows an API issue next to its field, then registers once it is fixed', async () => {
    const page = await e2e.page();
    await page.goto('/register');
    await page.getByLabel('City or community name').fill('Luang Prabang');
    await page.getByLabel('Country').selectOption({ label: 'Laos' });
    await page.getByLabel('State, province or region').fill('Luang Prabang Province');
    await page.getByLabel('Population').fill('56,000');
    await page.getByLabel('About your city').fill('A UNESCO World Heritage town where the Nam Khan meets the Mekong.');
    await page.getByLabel('Arts & culture').check();
    await page.getByLabel('Tourism').check();
    await page.getByLabel('Full name').fill('Khamla Phommachanh');
    // A typo the API refuses: the issue must land next to the email field.
    await page.getByLabel('Email').fill('khamla at luangprabang.example.org');
    await page.getByRole('button', { name: 'Send registration' }).click();

    const error = page.locator('#f-contact-email-error');
    await error.waitFor({ state: 'visible' });
    expect(await error.textContent()).toMatch(/^Email must be an email address/);
    const email = page.locator('#f-contact-email');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect((await email.getAttribute('aria-describedby'))?.split(' ')).toContain('f-contact-email-error');
    // Focus moves to the first field that needs attention.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-contact-email');
    expect(await textOf(page, '#register-status')).toBe('Please check the field marked below: “Email”.');
    // Nothing else is marked.
    expect(await page.locator('[aria-invalid=true]').count()).toBe(1);
    await screenshot(page, 'register-error');

    await email.fill('intl@luangprabang.example.org');
    await page.getByRole('button', { name: 'Send registration' }).click();
    const done = page.locator('#register-done');
    await done.waitFor({ state: 'visible' });
    expect(await textOf(page, '#register-done')).toMatch(/Thank you\. Your registration was received\..*Luang Prabang is now waiting for review/);
    expect(await page.locator('#register-form').isHidden()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('register-done');

    // "56,000" typed by a person arrived as the number 56000, with the checked interests.
    const pending = await e2e.stack.api('/api/admin/cities?status=pending', { headers: asCoordinator });
    const city = pending.body.items.find((item: { name: string }) => item.name === 'Luang Prabang');
    expect(city).toMatchObject({
      country: 'LA',
      region: 'Luang Prabang Province',
      population: 56000,
      interests: ['arts-culture', 'tourism'],
      contact: { name: 'Khamla Phommachanh', email: 'intl@luangprabang.example.org' },
    });
    expect(city.contact.title).toBeUndefined();

    await e2e.stack.settle();
    const toCoordinator = await mailTo(e2e.stack, 'coordinator@example.org');
    expect(toCoordinator.some((mail) => mail.subject.includes('Luang Prabang'))).toBe(true);
  });

  it('says plainly that a city is already registered (409)', async () => {
    const page = await e2e.page();
    await page.goto('/register');
    await page.getByLabel('City or community name').fill('luang prabang');
    await page.getByLabel('Country').selectOption('LA');
    await page.getByLabel('Population').fill('56000');
    await page.getByLabel('About your city').fill('Registering twice by mistake.');
    await page.getByLabel('Tourism').check();
    await page.getByLabel('Full name').fill('Someone Else');
    await page.getByLabel('Email').fill('someone@example.org');
    await page.getByRole('button', { name: 'Send registration' }).click();
    await page.locator('#register-status .message.error').waitFor();
    expect(await textOf(page, '#register-status')).toMatch(/already registered/);
    expect(await page.locator('#register-form').isVisible()).toBe(true);
  });

  it('refuses a population it cannot read without sending anything, and accepts "1 200 000"', async () => {
    const page = await e2e.page();
    await page.goto('/register');
    let posts = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST') posts++;
    });
    await page.getByLabel('Population').fill('about 1.2 million');
    await page.getByRole('button', { name: 'Send registration' }).click();
    await page.locator('#f-population-error').waitFor({ state: 'visible' });
    expect(await textOf(page, '#f-population-error')).toBe('Population must be a whole number, for example 783,000 or 783000.');
    expect(posts).toBe(0);

    // Now a readable number: every other empty required field comes back from the API, each at its field.
    await page.getByLabel('Population').fill('1 200 000');
    const answer = page.waitForResponse((response) => response.url().endsWith('/api/cities') && response.request().method() === 'POST');
    await page.getByRole('button', { name: 'Send registration' }).click();
    expect((await answer).status()).toBe(400);
    await page.locator('#f-name-error').waitFor({ state: 'visible' });
    expect(await page.locator('#f-population-error').isHidden()).toBe(true);
    expect(await textOf(page, '#f-interests-error')).toMatch(/^Choose at least one interest\.$/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-name');
    expect(posts).toBe(1);
  });

  it('names every field by its label, in one banner and at each field, at every width', async () => {
    for (const width of [320, 375, 768, 1280]) {
      // Prepare
      const page = await e2e.page(width);
      await page.goto('/register');

      // Act: nothing filled in.
      await page.getByRole('button', { name: 'Send registration' }).click();

      // Assess
      await page.locator('#f-name-error').waitFor({ state: 'visible' });
      expect(await page.locator('.message.error').count(), `${width}px`).toBe(1);
      expect(await textOf(page, '#register-status')).toBe(
        'Please check the 7 fields marked below: “City or community name”, “Country”, “Population”, “About your city”, “What would you like to exchange?”, “Full name” and “Email”.',
      );
      expect(await page.locator('.field > .error:not([hidden])').allTextContents()).toEqual([
        'City or community name must not be empty.',
        'Please choose: Country.',
        'Population is required.',
        'About your city must not be empty.',
        'Choose at least one interest.',
        'Full name must not be empty.',
        'Email must be an email address such as name@example.org.',
      ]);
      // Nothing wider than the window, every message inside it.
      const outside = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        return [...document.querySelectorAll('#register-form input, #register-form select, #register-form textarea, #register-form .error:not([hidden]), #register-status')]
          .filter((element) => {
            const box = element.getBoundingClientRect();
            return box.left < 0 || box.right > width;
          })
          .map((element) => element.id || element.outerHTML.slice(0, 60));
      });
      expect(outside, `${width}px`).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), `${width}px`).toBe(0);
    }
  });

  it('sends one registration however fast the button is pressed twice', async () => {
    const page = await e2e.page();
    await page.goto('/register');
    await page.getByLabel('City or community name').fill('Pakse');
    await page.getByLabel('Country').selectOption('LA');
    await page.getByLabel('Population').fill('88,332');
    await page.getByLabel('About your city').fill('Gateway to the Bolaven Plateau.');
    await page.getByLabel('Agriculture').check();
    await page.getByLabel('Full name').fill('Bounmy Sisouk');
    await page.getByLabel('Email').fill('bounmy@pakse.example.org');
    let posts = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST') posts++;
    });
    // Two submits in the same task: the second must find the form already sending.
    await page.evaluate(() => {
      const form = document.getElementById('register-form') as HTMLFormElement;
      form.requestSubmit();
      form.requestSubmit();
    });
    await page.locator('#register-done').waitFor({ state: 'visible' });
    expect(posts).toBe(1);
  });
});
