/**
 * Every page, built with the site or rendered by the API, valid and accessible in one frame:
 *
 * - html-validate's recommended preset, as configured in .htmlvalidate.mjs (every rule changed
 *   there with its reason), on each page exactly as served, before any script runs;
 * - axe-core in Chromium on each page once it has loaded, with no violation;
 * - the same skip link, header, navigation, `<main id="main">` and footer on every page, styled
 *   by the site's stylesheet, with the icons linked and served, and nothing refused by the
 *   page's Content-Security-Policy.
 *
 * The pages the API renders are reached as a person does: from the signed links of the emails,
 * and their results by pressing the page's button. The pages that answer a failure (400, 404,
 * 500, 503 from `pageHandler`) are served in the browser as the handler answers them.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { FileSystemConfigLoader, HtmlValidate, type ConfigData } from 'html-validate';
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollOver } from '../../shared/digest/rollover';
import { NotFoundError, ServiceUnavailableError, ValidationError } from '../../shared/errors';
import { listingConfirmLink } from '../../shared/freshness/links';
import { pageHandler } from '../../shared/http/page';
import { memberConfirmationLink, memberIdOf } from '../../shared/members';
import { busPublisher } from '../../shared/runtime/publisher';
import { confirmationLink, subscriberIdOf, unsubscribeLinks } from '../../shared/subscribers';
import { fileForPath, PAGE_ROUTES } from '../../web/routes';
import { approvedCity } from '../support/stack';
import { axeViolations, COORDINATOR_TOKEN, startE2E, type E2E } from './support';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface HtmlValidateModule {
  default: ConfigData;
  reasons: Record<string, string>;
  digestWebVersion: ConfigData;
}

/** How the browser reaches a page; the answer is the page's document response. */
interface PageCase {
  name: string;
  status: number;
  open(page: Page): Promise<Response | null>;
  /** The digest's web version: validated with the config's `digestWebVersion` rules too. */
  digest?: boolean;
  /** The page as served is another case's (the console after signing in). */
  sameDocumentAs?: string;
  /** A built page: its script fetches what it shows, so the network must settle first. */
  scripted?: boolean;
}

/** What was seen of one page. */
interface Seen {
  name: string;
  /** The status the page must have, and the one it had. */
  expected: number;
  status: number;
  /** The document as served (for the console signed in: the console's). */
  html: string;
  digest: boolean;
  violations: string[];
  /** Console errors (a CSP refusal is one), failed requests, and the page's files answered 4xx/5xx. */
  problems: string[];
  frame: Frame;
}

interface Frame {
  skip: string;
  header: string;
  footer: string;
  mains: number;
  mainId: string;
  icons: string[];
  headerBackground: string;
}

/** Press a page's button and answer its POST's document response. */
async function press(page: Page, url: string, button: string): Promise<Response | null> {
  await page.goto(url);
  const [response] = await Promise.all([page.waitForEvent('response', (r) => r.request().method() === 'POST' && r.request().resourceType() === 'document'), page.getByRole('button', { name: button }).click()]);
  await page.waitForLoadState('load');
  return response;
}

/** A page route's failure as `pageHandler` answers it, served at a same-origin URL. */
async function failurePage(page: Page, e2e: E2E, status: number, error: Error): Promise<Response | null> {
  const event = {
    version: '2.0',
    routeKey: 'GET /api/validity',
    rawPath: '/api/validity',
    rawQueryString: '',
    headers: { accept: 'text/html' },
    requestContext: { requestId: `validity-${status}-request`, http: { method: 'GET', path: '/api/validity' } },
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
  const result = await pageHandler(async () => {
    throw error;
  })(event);
  expect(result.statusCode).toBe(status);
  const url = e2e.url(`/api/validity/${status}`);
  await page.route(url, (route) =>
    route.fulfill({ status: result.statusCode, headers: Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)])), body: String(result.body) }),
  );
  return page.goto(url);
}

async function frameOf(page: Page): Promise<Frame> {
  return page.evaluate(() => {
    const outer = (selector: string) => (document.querySelector(selector)?.outerHTML ?? '').replace(/ aria-current="page"/g, '');
    const header = document.querySelector('.site-header');
    return {
      skip: outer('body > a.skip'),
      header: outer('body > header'),
      footer: outer('body > footer'),
      mains: document.querySelectorAll('main').length,
      mainId: document.querySelector('main')?.id ?? '',
      icons: [...document.querySelectorAll('link[rel~=icon], link[rel=apple-touch-icon]')].map((link) => `${link.getAttribute('rel')} ${link.getAttribute('href')}`),
      headerBackground: header ? getComputedStyle(header).backgroundColor : '',
    };
  });
}

let e2e: E2E;
let config: HtmlValidateModule;
const seen: Seen[] = [];

beforeAll(async () => {
  e2e = await startE2E();
  config = (await import(pathToFileURL(join(ROOT, '.htmlvalidate.mjs')).href)) as HtmlValidateModule;
  const { stack } = e2e;
  const base = stack.urls.api;

  // A city (with a website, so its page shows the link), a digest featuring it, a pending
  // subscriber and a pending member: what the links of the emails lead to.
  const cityId = await approvedCity(stack);
  await rollOver(busPublisher(), '2031-01');
  const reader = 'validity-reader@example.org';
  expect((await stack.api('/api/subscriptions', { body: { email: reader } })).status).toBe(202);
  const member = 'validity-member@example.org';
  const memberBody = { email: member, name: 'Boston', state: 'MA', population: 650_000, interests: ['arts-culture'], regions: ['asia'] };
  expect((await stack.api('/api/members', { body: memberBody })).status).toBe(202);
  await stack.settle();

  const subscriber = subscriberIdOf(reader);
  const confirmUrl = await confirmationLink(base, subscriber);
  const unsubscribeUrl = (await unsubscribeLinks(base, subscriber)).page;
  const memberUrl = await memberConfirmationLink(base, memberIdOf(member));
  const listingUrl = await listingConfirmLink(base, cityId);
  const unknownSubscriberUrl = await confirmationLink(base, subscriberIdOf('nobody-validity@example.org'));

  // Every page the site builds (a route of PAGE_ROUTES each), at a path of its own.
  const builtPages = ['/', '/register', '/cities', `/cities/${cityId}`, `/cities/${cityId}/manage`, '/subscribe', '/digests', '/admin'].filter((path) => fileForPath(path) !== undefined);
  expect(PAGE_ROUTES.map((route) => route.file).filter((file) => !builtPages.some((path) => fileForPath(path) === file))).toEqual([]);

  const cases: PageCase[] = [
    ...builtPages.map((path) => ({ name: path, status: 200, scripted: true, open: (page: Page) => page.goto(path) })),
    {
      name: '/admin, signed in',
      status: 200,
      scripted: true,
      sameDocumentAs: '/admin',
      async open(page) {
        const response = await page.goto('/admin');
        await page.getByLabel('Coordinator token').fill(COORDINATOR_TOKEN);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByLabel('Coordinator token').waitFor({ state: 'hidden' });
        return response;
      },
    },
    { name: 'site 404 page', status: 404, scripted: true, open: (page) => page.goto('/no/such/page') },
    { name: 'subscription: confirm page', status: 200, open: (page) => page.goto(confirmUrl) },
    { name: 'subscription: confirmed', status: 200, open: (page) => press(page, confirmUrl, 'Confirm my subscription') },
    { name: 'unsubscribe page', status: 200, open: (page) => page.goto(unsubscribeUrl) },
    { name: 'unsubscribe: done', status: 200, open: (page) => press(page, unsubscribeUrl, 'Unsubscribe') },
    { name: 'listing confirmation page', status: 200, open: (page) => page.goto(listingUrl) },
    { name: 'listing confirmation: done', status: 200, open: (page) => press(page, listingUrl, 'Yes, we are still seeking') },
    { name: 'member confirm page', status: 200, open: (page) => page.goto(memberUrl) },
    { name: 'member confirm: done', status: 200, open: (page) => press(page, memberUrl, 'Confirm my profile') },
    { name: 'invalid link page', status: 400, open: (page) => page.goto('/unsubscribe?token=forged.token') },
    { name: 'subscription not found page', status: 404, open: (page) => page.goto(unknownSubscriberUrl) },
    { name: 'no such digest page', status: 404, open: (page) => page.goto('/digests/1999-01') },
    { name: 'digest web version', status: 200, digest: true, open: (page) => page.goto('/digests/2031-01') },
    { name: 'error page 400', status: 400, open: (page) => failurePage(page, e2e, 400, new ValidationError([{ path: 'token', message: 'Required' }])) },
    { name: 'error page 404', status: 404, open: (page) => failurePage(page, e2e, 404, new NotFoundError('No such thing.')) },
    { name: 'error page 500', status: 500, open: (page) => failurePage(page, e2e, 500, new Error('validity: an unexpected failure')) },
    { name: 'error page 503', status: 503, open: (page) => failurePage(page, e2e, 503, new ServiceUnavailableError()) },
  ];

  for (const pageCase of cases) {
    const page = await e2e.page();
    const problems: string[] = [];
    page.on('console', (message) => {
      // The browser reports a document answered with an error status; that status is asserted.
      if (message.type() === 'error' && !/^Failed to load resource: the server responded with a status of/.test(message.text())) problems.push(message.text());
    });
    page.on('requestfailed', (request) => problems.push(`${request.url()}: ${request.failure()?.errorText}`));
    page.on('response', (response) => {
      // The page's own files (stylesheet, icons, scripts); what its script asks the API is its own affair.
      if (!['document', 'fetch', 'xhr'].includes(response.request().resourceType()) && response.status() >= 400) problems.push(`${response.url()}: ${response.status()}`);
    });
    const response = await pageCase.open(page);
    await page.waitForLoadState(pageCase.scripted ? 'networkidle' : 'load');
    if (!response) throw new Error(`${pageCase.name}: no response`);
    const served = pageCase.sameDocumentAs ? seen.find((other) => other.name === pageCase.sameDocumentAs)?.html : await response.text();
    seen.push({
      name: pageCase.name,
      expected: pageCase.status,
      status: response.status(),
      html: served ?? '',
      digest: pageCase.digest ?? false,
      violations: await axeViolations(page),
      problems,
      frame: await frameOf(page),
    });
    await page.close();
  }
  // About 30 pages, each in a fresh context, with axe: a minute on two busy cores.
}, 300_000);

afterAll(async () => {
  await e2e?.stop();
});

describe('html-validate', () => {
  it('changes no rule of the recommended preset without its reason in .htmlvalidate.mjs', () => {
    // Prepare
    const changed = [...Object.keys(config.default.rules ?? {}), ...Object.keys(config.digestWebVersion.rules ?? {})];

    // Assess: every change has a reason, every reason a change; only the digest's rules are off.
    expect(config.default.extends).toEqual(['html-validate:recommended']);
    for (const rule of changed) expect(config.reasons[rule]?.length ?? 0, rule).toBeGreaterThan(40);
    expect(Object.keys(config.reasons).sort()).toEqual([...new Set(changed)].sort());
    for (const [rule, setting] of Object.entries(config.default.rules ?? {})) expect([setting].flat()[0], rule).toBe('error');
  });

  it('passes the recommended preset on every page as served, built or rendered by the API', async () => {
    // Prepare
    const validator = new HtmlValidate(new FileSystemConfigLoader());

    for (const page of seen) {
      // Act
      const file = join(ROOT, 'served', `${page.name.replace(/[^\w-]+/g, '-')}.html`);
      const report = await validator.validateString(page.html, file, page.digest ? config.digestWebVersion : {});

      // Assess
      const messages = report.results.flatMap((result) => result.messages.map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message} (${m.selector ?? ''})`));
      expect(messages, page.name).toEqual([]);
    }
    expect(seen.filter((page) => page.html.startsWith('<!doctype html>'))).toHaveLength(seen.length);
  });
});

describe('axe-core', () => {
  it('finds no violation on any page, the digest’s web version included', () => {
    for (const page of seen) expect(page.violations, page.name).toEqual([]);
    expect(seen.map((page) => page.name)).toContain('digest web version');
  });
});

describe('one frame', () => {
  it('answers each page with its status, with nothing refused or missing', () => {
    for (const page of seen) {
      expect(page.status, page.name).toBe(page.expected);
      expect(page.problems, page.name).toEqual([]);
    }
  });

  it('puts every page in the same skip link, header, six-item navigation, main and footer, styled by the site', () => {
    // Prepare
    const [home] = seen;

    for (const page of seen) {
      // Assess
      expect(page.frame.mains, page.name).toBe(1);
      expect(page.frame.mainId, page.name).toBe('main');
      expect(page.frame.skip, page.name).toBe(home?.frame.skip);
      expect(page.frame.header, page.name).toBe(home?.frame.header);
      expect(page.frame.footer, page.name).toBe(home?.frame.footer);
      // The site's stylesheet reached the page (the brand colour of the header).
      expect(page.frame.headerBackground, page.name).toBe('rgb(18, 70, 110)');
    }
    expect(home?.frame.skip).toContain('href="#main"');
    expect(home?.frame.header.match(/<li>/g)).toHaveLength(6);
  });

  it('links the icons from every page and serves them', async () => {
    for (const page of seen) {
      expect(page.frame.icons, page.name).toEqual(['icon /favicon.ico', 'icon /favicon.svg', 'apple-touch-icon /apple-touch-icon.png']);
    }
    const served = await Promise.all(
      ['/favicon.ico', '/favicon.svg', '/apple-touch-icon.png', '/styles.css'].map(async (path) => {
        const response = await fetch(e2e.url(path));
        return { path, status: response.status, type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
      }),
    );
    expect(served.map(({ path, status, type }) => [path, status, type])).toEqual([
      ['/favicon.ico', 200, 'image/x-icon'],
      ['/favicon.svg', 200, 'image/svg+xml'],
      ['/apple-touch-icon.png', 200, 'image/png'],
      ['/styles.css', 200, 'text/css; charset=utf-8'],
    ]);
    const [ico, svg, touch] = served.map(({ bytes }) => bytes);
    // An ICO (reserved 0, type 1) with a 32×32 image; a 180×180 PNG (its IHDR width and height).
    expect([ico?.readUInt16LE(0), ico?.readUInt16LE(2)]).toEqual([0, 1]);
    const sizes = Array.from({ length: ico?.readUInt16LE(4) ?? 0 }, (_, i) => ico?.readUInt8(6 + 16 * i));
    expect(sizes).toContain(32);
    expect(svg?.toString('utf8')).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect([touch?.readUInt32BE(16), touch?.readUInt32BE(20)]).toEqual([180, 180]);
  });
});
