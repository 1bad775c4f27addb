/**
 * The newsletter archive: empty at first, then each assembled month, newest first, with its
 * featured cities and a link to the month's web version (served by the API).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollOver } from '../../shared/digest/rollover';
import { approvedCity } from '../support/stack';
import { startE2E, textOf, type E2E } from './support';
import { busPublisher } from '../../shared/runtime/publisher';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.stop();
});

describe('Newsletter archive', () => {
  it('says so when no newsletter was sent yet', async () => {
    const page = await e2e.page();
    await page.goto('/digests');
    await page.waitForFunction(() => /No newsletter has been sent yet/.test(document.getElementById('digests-status')?.textContent ?? ''));
    expect(await page.locator('#digests > li').count()).toBe(0);
  });

  it('lists months newest first with their featured cities, linking to each web version', async () => {
    await approvedCity(e2e.stack, { name: 'Vientiane', country: 'LA' });
    await rollOver(busPublisher(), '2031-01');
    await e2e.stack.settle();
    await approvedCity(e2e.stack, { name: 'Kandy', country: 'LK', contact: { name: 'N. Perera', email: 'intl@kandy.example.org' } });
    await rollOver(busPublisher(), '2031-02');
    await e2e.stack.settle();

    const page = await e2e.page();
    await page.goto('/digests');
    await page.locator('#digests > li').first().waitFor();
    expect(await page.locator('#digests > li h2').allTextContents()).toEqual(['February 2031', 'January 2031']);
    expect(await textOf(page, '#digests > li:nth-child(1) p')).toBe('Featured: Kandy (Sri Lanka)');
    expect(await textOf(page, '#digests > li:nth-child(2) p')).toBe('Featured: Vientiane (Laos)');
    expect(await page.locator('#digests > li:nth-child(2) p a').getAttribute('href')).toMatch(/^\/cities\/[0-9A-Z]{26}$/);

    await page.getByRole('link', { name: 'January 2031' }).click();
    await page.waitForURL('**/digests/2031-01');
    expect(await page.locator('body').textContent()).toContain('Vientiane');
  });
});
