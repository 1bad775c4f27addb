/**
 * The newsletter through the browser: subscribe (keyboard only), confirm with the link from the
 * mailbox, and unsubscribe from a digest's footer link — where opening the page changes nothing
 * until its button is pressed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSubscriber, subscriberIdOf, unsubscribeLinks } from '../../shared/subscribers';
import { mailTo, startE2E, textOf, type E2E } from './support';
import { table } from '../../shared/runtime/table';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.stop();
});

const address = 'reader@springfield.example.org';

describe('Newsletter', () => {
  it('subscribes with the keyboard alone and confirms through the emailed link', async () => {
    const page = await e2e.page();
    await page.goto('/subscribe');
    // Skip link first, then the header links, then the form: reach the email field by Tab.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    for (let i = 0; i < 20 && (await page.evaluate(() => document.activeElement?.id)) !== 'f-email'; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-email');
    await page.keyboard.type(address);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Dana');
    await page.keyboard.press('Enter');

    await page.locator('#subscribe-done').waitFor({ state: 'visible' });
    expect(await textOf(page, '#subscribe-done h2')).toBe('Check your inbox for a confirmation link');
    const id = subscriberIdOf(address);
    expect((await getSubscriber(table(), id))?.status).toBe('pending');

    await e2e.stack.settle();
    const [confirmation] = await mailTo(e2e.stack, address);
    const link = /https?:\/\/\S+\/api\/subscriptions\/confirm\?token=[A-Za-z0-9._~%-]+/.exec(confirmation?.body.text ?? '')?.[0];
    expect(link).toBeDefined();

    // Opening the link (as a mail scanner would) changes nothing; the button confirms.
    const response = await page.goto(link as string);
    expect(response?.status()).toBe(200);
    expect(await textOf(page, 'h1')).toBe('Confirm your subscription');
    expect((await getSubscriber(table(), id))?.status).toBe('pending');
    await page.getByRole('button', { name: 'Confirm my subscription' }).click();
    await page.waitForURL(/\/api\/subscriptions\/confirm/);
    expect(await textOf(page, 'h1')).toBe('You’re subscribed');
    expect((await getSubscriber(table(), id))?.status).toBe('active');
  });

  it('shows a wrong address next to the field', async () => {
    const page = await e2e.page();
    await page.goto('/subscribe');
    await page.getByLabel('Email').fill('not an address');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.locator('#f-email-error').waitFor({ state: 'visible' });
    expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
  });

  it('unsubscribes from a digest footer link only when the button is pressed', async () => {
    const id = subscriberIdOf(address);
    expect((await getSubscriber(table(), id))?.status).toBe('active');
    // Exactly the footer link a digest carries.
    const { page: footerLink } = await unsubscribeLinks(e2e.stack.urls.api, id);

    const page = await e2e.page();
    const opened = await page.goto(footerLink);
    expect(opened?.status()).toBe(200);
    expect(await textOf(page, 'h1')).toBe('Unsubscribe from the newsletter');
    // Opening the page (as a mail scanner would) changed nothing.
    expect((await getSubscriber(table(), id))?.status).toBe('active');

    await Promise.all([page.waitForURL('**/api/unsubscribe?token=*'), page.getByRole('button', { name: 'Unsubscribe' }).click()]);
    expect(await textOf(page, 'h1')).toBe('You have been unsubscribed');
    expect((await getSubscriber(table(), id))?.status).toBe('unsubscribed');
  });
});
