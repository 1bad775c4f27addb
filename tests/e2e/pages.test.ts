/**
 * Every page: served at its clean URL with the right headers, every form control labelled,
 * no horizontal scrolling at phone width (375px); the path → file table that CloudFront mirrors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInNewContext } from 'node:vm';
import { cloudFrontRewriteSource, fileForPath } from '../../web/build';
import { approvedCity } from '../support/stack';
import { COORDINATOR_TOKEN, screenshot, startE2E, unlabelledControls, type E2E } from './support';

let e2e: E2E;
let cityId: string;
beforeAll(async () => {
  e2e = await startE2E();
  cityId = await approvedCity(e2e.stack);
});
afterAll(async () => {
  await e2e?.stop();
});

const PAGES = ['/', '/register', '/cities', '/subscribe', '/digests', '/admin'];

describe('serving the site', () => {
  it('answers each clean URL with its page, text/html and no-cache; assets are immutable', async () => {
    for (const path of [...PAGES, `/cities/${cityId}`, '/register/', '/cities/']) {
      const response = await fetch(e2e.url(path));
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control'), path).toBe('no-cache');
      expect(response.headers.get('content-security-policy'), path).toContain("script-src 'self'");
      const html = await response.text();
      expect(html, path).toMatch(/^<!doctype html>/);
      // Every stylesheet and script the page names is served.
      for (const [, asset] of html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)) {
        const file = await fetch(e2e.url(asset as string));
        expect(file.status, asset).toBe(200);
        expect(file.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
        expect(file.headers.get('content-type')).toMatch(asset?.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
      }
    }
  });

  it('answers an unknown path with the 404 page, and HEAD without a body', async () => {
    const missing = await fetch(e2e.url('/no/such/page'));
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Page not found');
    expect((await fetch(e2e.url('/assets/nothing.js'))).status).toBe(404);

    const head = await fetch(e2e.url('/register'), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(1000);
    expect(await head.text()).toBe('');
  });

  it('leaves the API’s paths to the API', async () => {
    const unknownApi = await fetch(e2e.url('/api/nothing-here'));
    expect(unknownApi.status).toBe(404);
    expect(await unknownApi.json()).toEqual({ message: 'Not Found' });
    // A digest's web version and the unsubscribe page are API routes (declared, so they win).
    expect((await fetch(e2e.url('/digests/2031-01'))).headers.get('content-security-policy')).toContain("default-src 'none'");
    expect((await fetch(e2e.url('/unsubscribe?token=x'))).status).toBe(400);
  });

  it('maps request paths to files with one table, which the CloudFront function code reproduces', () => {
    const cases: Array<[string, string | undefined]> = [
      ['/', 'index.html'],
      ['/register', 'register/index.html'],
      ['/register/', 'register/index.html'],
      ['/cities', 'cities/index.html'],
      ['/cities/01J9Z3K4QWABCDEFGHJKMNPQRS', 'cities/city.html'],
      ['/cities/01J9Z3K4QWABCDEFGHJKMNPQRS/', 'cities/city.html'],
      ['/subscribe', 'subscribe/index.html'],
      ['/digests', 'digests/index.html'],
      ['/digests/', 'digests/index.html'],
      ['/admin', 'admin/index.html'],
      ['/assets/app-ABC123.js', 'assets/app-ABC123.js'],
      ['/digests/2031-01', undefined],
      ['/api/cities', undefined],
      ['/unsubscribe', undefined],
      ['/unsubscribe/', undefined],
      ['/cities/a/b', undefined],
      ['/elsewhere', undefined],
    ];
    for (const [path, file] of cases) expect(fileForPath(path), path).toBe(file);

    // The generated CloudFront Function (cloudfront-js-2.0) rewrites page paths the same way.
    const sandbox: { handler?: (event: unknown) => { uri: string } } = {};
    runInNewContext(`${cloudFrontRewriteSource()}; this.handler = handler;`, sandbox);
    for (const [path, file] of cases.filter(([path]) => !path.startsWith('/assets/'))) {
      const uri = sandbox.handler?.({ request: { uri: path } }).uri;
      if (file) expect(uri, path).toBe(`/${file}`);
      else expect(uri, path).toBe(path);
    }
  });
});

describe('every page, in the browser', () => {
  it('labels every form control (the console after signing in too)', async () => {
    const page = await e2e.page();
    for (const path of [...PAGES, `/cities/${cityId}`]) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      expect(await unlabelledControls(page), path).toEqual([]);
      // One h1 per page, and a main landmark to skip to.
      expect(await page.locator('h1').count(), path).toBe(1);
      expect(await page.locator('main#main').count(), path).toBe(1);
      if (path === '/') await screenshot(page, 'home');
    }
    await page.goto('/admin');
    await page.getByLabel('Coordinator token').fill(COORDINATOR_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForFunction(() => document.querySelectorAll('#approved input[type=checkbox]').length === 1);
    expect(await unlabelledControls(page)).toEqual([]);
  });

  it('fits a 375px-wide phone without horizontal scrolling', async () => {
    const page = await e2e.page(375);
    for (const path of [...PAGES, `/cities/${cityId}`]) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBe(0);
    }
    // The register page with errors showing, too.
    await page.goto('/register');
    await page.getByRole('button', { name: 'Send registration' }).click();
    await page.locator('#f-name-error').waitFor({ state: 'visible' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  });

  it('shows a visible focus ring on keyboard focus', async () => {
    const page = await e2e.page();
    await page.goto('/');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return { style: style.outlineStyle, width: style.outlineWidth };
    });
    expect(outline).toEqual({ style: 'solid', width: '3px' });
  });
});
