/**
 * End-to-end support: the real local stack on free ports serving the site exactly as
 * `npm start` does (infra/local/pages.ts), and Debian's Chromium driven by playwright-core.
 *
 * The machine's network is closed, and Chromium without these flags tries to reach Google
 * services (and waits for them); no browser is ever downloaded.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { sitePages } from '../../infra/local/pages';
import { COORDINATOR_TOKEN, startTestStack, type MailboxEmail, type TestStack } from '../support/stack';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface E2E {
  stack: TestStack;
  browser: Browser;
  /** A fresh page (own context: own sessionStorage) at `width`×800, 1000 by default. */
  page(width?: number): Promise<Page>;
  /** An absolute URL of the site. */
  url(path: string): string;
  stop(): Promise<void>;
}

export async function startE2E(): Promise<E2E> {
  const stack = await startTestStack({ coordinatorToken: COORDINATOR_TOKEN, fallback: sitePages() });
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  } catch (error) {
    await stack.stop();
    throw error;
  }
  const contexts: BrowserContext[] = [];
  return {
    stack,
    browser,
    async page(width = 1000) {
      const context = await browser.newContext({ viewport: { width, height: 800 }, baseURL: stack.urls.api });
      contexts.push(context);
      const page = await context.newPage();
      // A script error on any page fails the test that caused it.
      page.on('pageerror', (error) => {
        throw error;
      });
      return page;
    },
    url: (path) => `${stack.urls.api}${path}`,
    async stop() {
      await browser.close().catch(() => undefined);
      await stack.stop();
    },
  };
}

/** Emails sent to `address` so far (call `stack.settle()` first). */
export async function mailTo(stack: TestStack, address: string): Promise<MailboxEmail[]> {
  return (await stack.mailbox()).filter((email) => email.destination.to.includes(address));
}

/** Empties the local mailbox. */
export async function clearMailbox(stack: TestStack): Promise<void> {
  await fetch(`${stack.urls.mailbox}/clear-store`, { method: 'POST' });
}

const SCREENSHOTS = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..', 'docs', 'screenshots');

/**
 * Saves a full-page screenshot into docs/screenshots/<name>.png (documentation, not a check):
 * when it is missing, or when UPDATE_SCREENSHOTS=1 — so an ordinary test run leaves the
 * committed images (which show dates) alone.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const path = join(SCREENSHOTS, `${name}.png`);
  if (existsSync(path) && process.env.UPDATE_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path, fullPage: true, animations: 'disabled', caret: 'hide' });
}

/** The text of a locator, whitespace-normalised. */
export async function textOf(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * Every form control on the page that has no accessible label: no <label> (for/wrapping),
 * aria-label or aria-labelledby with text. Returns a description of each offender.
 */
export async function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const offenders: string[] = [];
    for (const control of document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea')) {
      if (control instanceof HTMLInputElement && ['hidden', 'submit', 'button', 'reset'].includes(control.type)) continue;
      const fromLabels = [...(control.labels ?? [])].map((label) => label.textContent ?? '').join(' ');
      const fromAria = control.getAttribute('aria-label') ?? '';
      const fromIds = (control.getAttribute('aria-labelledby') ?? '')
        .split(/\s+/)
        .filter(Boolean)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ');
      if (!`${fromLabels} ${fromAria} ${fromIds}`.trim()) offenders.push(control.outerHTML.slice(0, 120));
    }
    return offenders;
  });
}

let axeSource: string | undefined;

/**
 * What axe-core (all its default rules: WCAG 2 A and AA, and its best practices such as one
 * `main` landmark and all content in landmarks) finds wrong on the page as it stands, one line
 * per violation and element. axe is evaluated in the page, not added as a script tag: the pages'
 * Content-Security-Policy refuses inline scripts, and the API's pages all scripts.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    return (await axe.run(document)).violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((node) => JSON.stringify(node.target)) }));
  });
  return violations.flatMap((v) => v.targets.map((target) => `${v.id} (${v.help}) at ${target}`));
}

export { COORDINATOR_TOKEN };
