/**
 * The coordinator console: sign in (a wrong token is refused), approve a pending city (it then
 * appears in City Search), reject one with a reason (then listed with it), mark a city as no
 * longer seeking, read its inquiries, list members, plan the first month not yet assembled
 * (spotlight, pins, preview), and reach every section from the console's own menu of tabs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { rollOver, monthAt } from '../../shared/digest/rollover';
import { addActiveMember } from '../../shared/members';
import { busPublisher } from '../../shared/runtime/publisher';
import { table } from '../../shared/runtime/table';
import { approvedCity, asCoordinator, registration } from '../support/stack';
import { COORDINATOR_TOKEN, screenshot, startE2E, textOf, type E2E } from './support';

/** "2031-12" + 1 → "2032-01". */
function addMonths(month: string, count: number): string {
  const [year, index] = month.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, index - 1 + count, 1));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** "2031-01" → "January 2031". */
function monthName(month: string): string {
  const [year, index] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, index - 1, 1)));
}

const SECTIONS = [
  { tab: 'Review queue', panel: '#review-panel', heading: 'Registrations waiting for review' },
  { tab: 'Approved', panel: '#approved-panel', heading: 'Approved cities' },
  { tab: 'Rejected', panel: '#rejected-panel', heading: 'Rejected cities' },
  { tab: 'Inquiries', panel: '#inquiries-panel', heading: 'Inquiries' },
  { tab: 'Members', panel: '#members-panel', heading: 'Members' },
  { tab: 'Next newsletter', panel: '#newsletter-panel', heading: /^Next newsletter: / },
] as const;

const tab = (name: string) => page.getByRole('tab', { name: new RegExp(`^${name}\\b`) });

/** Opens a section from the console's menu. */
async function open(name: string): Promise<void> {
  await tab(name).click();
  await page.locator(SECTIONS.find((section) => section.tab === name)?.panel ?? '').waitFor({ state: 'visible' });
}

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
  // An active member (consent collected elsewhere) and one who has not confirmed yet.
  await addActiveMember(table(), { email: 'intl@boston.example.gov', name: 'Boston', state: 'MA', population: 650000, interests: ['arts-culture'], regions: ['asia'] }, new Date());
  await e2e.stack.api('/api/members', {
    body: { email: 'mayor@salem.example.gov', name: 'Salem', state: 'OR', population: 175000, interests: ['education'], regions: [] },
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
    // The review queue is the section shown first, its count on its tab.
    expect(await tab('Review queue').getAttribute('aria-selected')).toBe('true');
    expect(await tab('Review queue').textContent()).toBe('Review queue, 2');
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

  it('lists rejected cities with the reason their contact person was sent', async () => {
    // Prepare: Jaffna was rejected just above, in this page.
    await page.waitForFunction(() => document.querySelectorAll('#rejected > li').length === 1);

    // Act
    await open('Rejected');

    // Assess
    expect(await tab('Rejected').textContent()).toBe('Rejected, 1');
    const item = page.locator('#rejected > li');
    expect(await item.getByRole('heading', { level: 3 }).textContent()).toBe('Jaffna, Sri Lanka');
    expect(await textOf(page, '#rejected > li .reason')).toBe('Please register again with a description of Jaffna’s exchange goals.');
    const details = ((await item.textContent()) ?? '').replace(/\s+/g, ' ');
    expect(details).toContain('intl@jaffna.example.org');
    // When, as a date.
    expect(await item.locator('dt', { hasText: /^Rejected$/ }).locator('xpath=following-sibling::dd').textContent()).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, /);
  });

  it('clears the seeking flag of a city that found a partner', async () => {
    await open('Approved');
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
    // The button opened the Inquiries section.
    expect(await tab('Inquiries').getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('#approved-panel').isHidden()).toBe(true);
  });

  it('lists active members, and pending ones on request', async () => {
    // Prepare
    await open('Members');
    await page.waitForFunction(() => /active member/.test(document.getElementById('members-status')?.textContent ?? ''));

    // Act / Assess: active ones first.
    expect(await textOf(page, '#members-status')).toBe('1 active member shown.');
    const boston = ((await page.locator('#members tr').textContent()) ?? '').replace(/\s+/g, ' ');
    for (const expected of ['Boston', 'MA', '650,000', 'Arts & culture', 'Asia', 'intl@boston.example.gov']) expect(boston).toContain(expected);

    // Act
    await page.getByLabel('Show', { exact: true }).selectOption({ label: 'Pending members' });
    await page.getByRole('button', { name: 'Show members' }).click();

    // Assess
    await page.waitForFunction(() => /pending member/.test(document.getElementById('members-status')?.textContent ?? ''));
    expect(await page.locator('#members tr th').allTextContents()).toEqual(['Salem']);
  });

  it('plans the coming newsletter: spotlight, pinned city and a script-free preview', async () => {
    await open('Next newsletter');
    // Nothing assembled yet: the month the next rollover (09:00 New York time on the 1st)
    // assembles, this month only before that moment on its 1st.
    const ny = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', day: 'numeric', hour: 'numeric', hourCycle: 'h23' })
        .formatToParts(new Date())
        .map((part) => [part.type, Number(part.value)]),
    );
    const thisMonth = monthAt(new Date());
    const nextRollover = ny.day === 1 && (ny.hour ?? 0) < 9 ? thisMonth : addMonths(thisMonth, 1);
    expect(await textOf(page, '#coming-month')).toBe(monthName(nextRollover));
    expect(await textOf(page, '#digest-plan')).toMatch(/No newsletter has been assembled yet\.$/);

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

  it('plans the first month not yet assembled, whatever the calendar says', async () => {
    // Prepare: this month's newsletter goes out, then next month's, sent ahead by hand.
    const thisMonth = monthAt(new Date());
    await rollOver(busPublisher(), thisMonth);
    await e2e.stack.settle();
    await page.reload();
    await open('Next newsletter');
    await page.waitForFunction(() => !/…/.test(document.getElementById('coming-month')?.textContent ?? '…'));
    expect(await textOf(page, '#coming-month')).toBe(monthName(addMonths(thisMonth, 1)));
    // Cities not featured this month, so next month's newsletter has some.
    await approvedCity(e2e.stack, { name: 'Hội An', country: 'VN', contact: { name: 'T. Mai', email: 'intl@hoian.example.org' } });
    await approvedCity(e2e.stack, { name: 'Chiang Mai', country: 'TH', contact: { name: 'S. Chai', email: 'intl@chiangmai.example.org' } });
    await rollOver(busPublisher(), addMonths(thisMonth, 1));
    await e2e.stack.settle();
    expect((await e2e.stack.api('/api/digests')).body.items.map((digest: { month: string }) => digest.month)).toEqual([addMonths(thisMonth, 1), thisMonth]);

    // Act
    await page.reload();
    await open('Next newsletter');
    await page.waitForFunction(() => !/…/.test(document.getElementById('coming-month')?.textContent ?? '…'));

    // Assess: the month after the newest assembled one, not the calendar's next month.
    expect(await textOf(page, '#digest-heading')).toBe(`Next newsletter: ${monthName(addMonths(thisMonth, 2))}`);
    expect(await textOf(page, '#digest-plan')).toContain(`The newest newsletter assembled is ${monthName(addMonths(thisMonth, 1))}.`);
    // What is saved goes to that month.
    await page.getByLabel('Title', { exact: true }).fill('Sister schools');
    await page.getByLabel('Text', { exact: true }).fill('Pen pals first, then exchanges.');
    await page.getByRole('button', { name: 'Save spotlight' }).click();
    await page.waitForFunction(() => /Saved/.test(document.getElementById('spotlight-status')?.textContent ?? ''));
    expect(await textOf(page, '#spotlight-status')).toBe(`Saved. The ${monthName(addMonths(thisMonth, 2))} newsletter will show this spotlight.`);
  });

  it('reaches every section from its own menu, by mouse and by keyboard, without a long scroll', async () => {
    // Prepare
    await page.goto('/admin');
    await page.locator('#console').waitFor({ state: 'visible' });
    const viewport = page.viewportSize()?.height ?? 800;

    for (const section of SECTIONS) {
      // Act
      await tab(section.tab).click();

      // Assess: its panel alone, its heading in the first screenful.
      const panel = page.locator(section.panel);
      await panel.waitFor({ state: 'visible' });
      expect(await tab(section.tab).getAttribute('aria-selected')).toBe('true');
      expect(await page.locator('[role=tabpanel]:visible').count()).toBe(1);
      const heading = panel.getByRole('heading', { level: 2, name: section.heading });
      const box = await heading.boundingBox();
      expect(box && box.y >= 0 && box.y + box.height <= viewport, section.tab).toBe(true);
      expect(page.url()).toMatch(new RegExp(`${section.panel}$`));
    }

    // Act: the keyboard, from the selected tab (the last).
    await tab('Next newsletter').focus();
    await page.keyboard.press('Home');
    // Assess
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-review');
    expect(await page.locator('#review-panel').isVisible()).toBe(true);
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-approved');
    expect(await page.locator('#approved-panel').isVisible()).toBe(true);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-newsletter');
    expect(await page.locator('#newsletter-panel').isVisible()).toBe(true);
    await page.keyboard.press('End');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-newsletter');
    // Only the selected tab is in the Tab order; Tab goes on into its section.
    expect(await page.locator('[role=tab][tabindex="0"]').count()).toBe(1);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('newsletter-panel');

    // Act: a link to a section opens it.
    await page.goto('/admin#rejected-panel');
    await page.locator('#console').waitFor({ state: 'visible' });

    // Assess
    await page.locator('#rejected-panel').waitFor({ state: 'visible' });
    expect(await tab('Rejected').getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('#review-panel').isHidden()).toBe(true);
  });

  it('fits a 320px-wide phone in every section, without horizontal scrolling', async () => {
    // Prepare
    const phone = await e2e.page(320);
    await phone.goto('/admin');
    await phone.getByLabel('Coordinator token').fill(COORDINATOR_TOKEN);
    await phone.getByRole('button', { name: 'Sign in' }).click();
    await phone.waitForFunction(() => document.querySelectorAll('#approved tr').length > 0 && document.querySelectorAll('#rejected > li').length > 0);

    for (const section of SECTIONS) {
      // Act
      await phone.getByRole('tab', { name: new RegExp(`^${section.tab}\\b`) }).click();
      await phone.locator(section.panel).waitFor({ state: 'visible' });

      // Assess
      expect(await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), section.tab).toBe(0);
    }
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
