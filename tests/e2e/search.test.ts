/**
 * City Search: filters live in the URL (a link opens the same view), "More cities" pages on
 * with the same filters, and an empty result or a bad filter is explained.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { approvedCity, asCoordinator } from '../support/stack';
import { screenshot, startE2E, textOf, type E2E } from './support';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await approvedCity(e2e.stack, { name: 'Vientiane', country: 'LA', population: 783000 });
  const partnered = await approvedCity(e2e.stack, { name: 'Luang Prabang', country: 'LA', population: 56000, interests: ['tourism'] });
  await e2e.stack.api(`/api/admin/cities/${partnered}`, { method: 'PATCH', body: { seeking: false }, headers: asCoordinator });
  await approvedCity(e2e.stack, { name: 'Kandy', country: 'LK', population: 125400, interests: ['education', 'arts-culture'] });
  await approvedCity(e2e.stack, { name: 'Hội An', country: 'VN', population: 152160, interests: ['tourism', 'arts-culture'] });
});
afterAll(async () => {
  await e2e?.stop();
});

/** The city names listed, once the result status says the search finished. */
async function resultNames(page: Page): Promise<string[]> {
  await page.waitForFunction(() => {
    const status = document.getElementById('results-status')?.textContent ?? '';
    return /shown|No cities/.test(status) && document.getElementById('results')?.getAttribute('aria-busy') !== 'true';
  });
  return page.locator('#results h3 a').allTextContents();
}

describe('City Search', () => {
  it('filters by seeking and country, puts them in the URL, and a link to that URL shows the same', async () => {
    const page = await e2e.page();
    await page.goto('/cities');
    expect(await resultNames(page)).toEqual(['Hội An', 'Kandy', 'Luang Prabang', 'Vientiane']);

    await page.getByLabel('Only show cities seeking cities').check();
    await page.getByLabel('Country').selectOption({ label: 'Laos' });
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL('**/cities?country=LA&seeking=true');
    expect(await resultNames(page)).toEqual(['Vientiane']);
    expect(await textOf(page, '#results-status')).toBe('1 city shown.');

    // One result, as a person sees it.
    const card = page.locator('#results > li').first();
    expect(await card.locator('a').getAttribute('href')).toMatch(/^\/cities\/[0-9A-Z]{26}$/);
    const cardText = ((await card.textContent()) ?? '').replace(/\s+/g, ' ');
    expect(cardText).toContain('Laos');
    expect(cardText).toContain('Population 783,000');
    expect(cardText).toContain('Seeking a sister city');
    expect(cardText).toContain('Best practices exchange');
    await screenshot(page, 'city-search');

    // The same URL opened directly shows the same view, with the form filled in.
    const direct = await e2e.page();
    await direct.goto('/cities?seeking=true&country=LA');
    expect(await resultNames(direct)).toEqual(['Vientiane']);
    expect(await direct.getByLabel('Only show cities seeking cities').isChecked()).toBe(true);
    expect(await direct.getByLabel('Country').inputValue()).toBe('LA');

    // Back restores the unfiltered search.
    await page.goBack();
    await page.waitForURL(/\/cities$/);
    expect(await resultNames(page)).toEqual(['Hội An', 'Kandy', 'Luang Prabang', 'Vientiane']);
    expect(await page.getByLabel('Only show cities seeking cities').isChecked()).toBe(false);
  });

  it('searches by name without accents, interest and population typed with separators', async () => {
    const page = await e2e.page();
    await page.goto('/cities');
    await resultNames(page);
    await page.getByLabel('City name').fill('hoi');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL('**/cities?q=hoi');
    expect(await resultNames(page)).toEqual(['Hội An']);

    await page.getByLabel('City name').fill('');
    await page.getByLabel('Interest', { exact: true }).selectOption({ label: 'Arts & culture' });
    await page.getByLabel('Population from').fill('130,000');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL('**/cities?interest=arts-culture&minPopulation=130000');
    expect(await resultNames(page)).toEqual(['Hội An', 'Vientiane']);
  });

  it('explains an empty result and shows the API’s issues at their fields', async () => {
    const page = await e2e.page();
    await page.goto('/cities?q=zzz');
    expect(await resultNames(page)).toEqual([]);
    expect(await textOf(page, '#results-status')).toMatch(/No cities match this search/);

    // The API refuses a range that ends before it starts (400 issue on maxPopulation).
    await page.goto('/cities?minPopulation=500000&maxPopulation=1000');
    await page.locator('#f-maxPopulation-error').waitFor({ state: 'visible' });
    expect(await textOf(page, '#f-maxPopulation-error')).toBe('Population up to must not be less than “Population from”.');
    expect(await page.getByLabel('Population up to').getAttribute('aria-invalid')).toBe('true');

    // A population nobody can read is reported without asking the API.
    await page.getByLabel('Population from').fill('lots');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('#f-minPopulation-error').waitFor({ state: 'visible' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-minPopulation');
  });

  it('names a bad "Population from" by its label, in one banner and at the field, at every width without breaking the grid', async () => {
    for (const width of [320, 375, 768, 1280]) {
      // Prepare
      const page = await e2e.page(width);
      await page.goto('/cities');
      await resultNames(page);
      await page.getByLabel('Population from').fill('lots');

      // Act
      await page.getByRole('button', { name: 'Search' }).click();

      // Assess: one banner, naming the field by its label; the field's own message.
      await page.locator('#f-minPopulation-error').waitFor({ state: 'visible' });
      expect(await page.locator('.message.error').count(), `${width}px`).toBe(1);
      expect(await textOf(page, '#search-status')).toBe('Please check the field marked below: “Population from”.');
      expect(await textOf(page, '#f-minPopulation-error')).toBe('Population from must be a whole number, for example 10,000.');
      expect(await page.getByLabel('Population from').getAttribute('aria-invalid')).toBe('true');
      // The grid holds: nothing wider than the window, controls side by side share a row,
      // and the message sits under its own control without covering another.
      const boxes = await page.evaluate(() => {
        const box = (element: Element | null) => {
          if (!element) throw new Error('an element of the search form is missing');
          const rect = element.getBoundingClientRect();
          return { left: rect.left, right: rect.right, top: rect.top, bottom: rect.bottom };
        };
        return {
          viewport: document.documentElement.clientWidth,
          scrollWidth: document.documentElement.scrollWidth,
          controls: [...document.querySelectorAll('#search-form input, #search-form select, #search-form button, #search-form .error:not([hidden])')].map(box),
          q: box(document.getElementById('f-q')),
          country: box(document.getElementById('f-country')),
          interest: box(document.getElementById('f-interest')),
          from: box(document.getElementById('f-minPopulation')),
          upTo: box(document.getElementById('f-maxPopulation')),
          error: box(document.getElementById('f-minPopulation-error')),
        };
      });
      expect(boxes.scrollWidth, `${width}px`).toBe(boxes.viewport);
      for (const control of boxes.controls) expect(control.left >= 0 && control.right <= boxes.viewport, `${width}px`).toBe(true);
      const { q, country, interest, from, upTo, error } = boxes;
      if (width < 640) {
        // One column: every control as wide as the name, one under another.
        for (const control of [country, interest, from, upTo]) expect([control.left, control.right], `${width}px`).toEqual([q.left, q.right]);
        expect(country.top).toBeGreaterThan(q.bottom);
        expect(upTo.top).toBeGreaterThan(error.bottom);
      } else {
        // Two columns: pairs on one row, even with the message under "Population from".
        expect(interest.top, `${width}px`).toBe(country.top);
        expect(upTo.top, `${width}px`).toBe(from.top);
        expect(upTo.left).toBeGreaterThan(from.right);
        expect(error.top).toBeGreaterThanOrEqual(from.bottom);
        expect(error.right).toBeLessThanOrEqual(upTo.left);
      }
    }
  });

  it('shows the API’s own refusal of a population by the field’s label, in one banner', async () => {
    // Prepare: a population the page lets through but the API refuses (answered by the real
    // API, which names its parameter: "minPopulation must be a whole number").
    const page = await e2e.page();
    await page.goto('/cities');
    await resultNames(page);
    await page.route('**/api/cities?*', async (route) => {
      const url = route.request().url().replace(/minPopulation=\d+/, 'minPopulation=5e4');
      await route.fulfill({ response: await route.fetch({ url }) });
    });
    await page.getByLabel('Population from').fill('50,000');

    // Act
    await page.getByRole('button', { name: 'Search' }).click();

    // Assess
    await page.locator('#f-minPopulation-error').waitFor({ state: 'visible' });
    expect(await textOf(page, '#f-minPopulation-error')).toBe('Population from must be a whole number.');
    expect(await page.locator('.message.error').count()).toBe(1);
    expect(await textOf(page, '#search-status')).toBe('Please check the field marked below: “Population from”.');
    // The results of no search are not left standing under it.
    expect(await page.locator('#results > li').count()).toBe(0);
    expect(await textOf(page, '#results-status')).toBe('');
  });

  it('reads a link as the form would: a population written with separators searches, a bad one is named at its field', async () => {
    // Prepare
    const page = await e2e.page();

    // Act
    await page.goto('/cities?interest=arts-culture&minPopulation=130,000');

    // Assess
    expect(await resultNames(page)).toEqual(['Hội An', 'Vientiane']);
    expect(page.url()).toMatch(/\/cities\?interest=arts-culture&minPopulation=130000$/);
    expect(await page.getByLabel('Population from').inputValue()).toBe('130,000');

    // Act
    await page.goto('/cities?maxPopulation=many');

    // Assess
    await page.locator('#f-maxPopulation-error').waitFor({ state: 'visible' });
    expect(await textOf(page, '#f-maxPopulation-error')).toBe('Population up to must be a whole number, for example 10,000.');
    expect(await page.locator('.message.error').count()).toBe(1);
    expect(await textOf(page, '#search-status')).toBe('Please check the field marked below: “Population up to”.');
  });

  it('pages with "More cities", keeping the filters', async () => {
    for (let n = 1; n <= 22; n++) {
      await approvedCity(e2e.stack, { name: `Sample Town ${String(n).padStart(2, '0')}`, country: 'TH', population: 1000 + n, contact: { name: 'A', email: `t${n}@example.org` } });
    }
    const page = await e2e.page();
    await page.goto('/cities?country=TH&seeking=true');
    const first = await resultNames(page);
    expect(first).toHaveLength(20);
    expect(await textOf(page, '#results-status')).toBe('20 cities shown; more are available.');
    await page.getByRole('button', { name: 'More cities' }).click();
    await page.waitForFunction(() => document.querySelectorAll('#results > li').length === 22);
    const all = await resultNames(page);
    expect(all).toEqual(Array.from({ length: 22 }, (_, i) => `Sample Town ${String(i + 1).padStart(2, '0')}`));
    expect(await page.getByRole('button', { name: 'More cities' }).isHidden()).toBe(true);
    // Focus continues at the first new result.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Sample Town 21');
    expect(page.url()).toMatch(/\/cities\?country=TH&seeking=true$/);
  });
});
