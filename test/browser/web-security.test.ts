/**
 * The pages' own defences (docs/security.md, W1–W6): the headers of system/web.ts on every page
 * and asset, no framing by another page, no token anywhere a script in the page could read it
 * (and the price: a reload signs out), and no sign-in that sends the customer off to another site.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { cookieNames } from '../../system/cookies';
import { webSecurityHeaders } from '../../system/web';
import { registerCustomer } from '../support/customers';
import { baseUrl, newVisitor, useBrowser } from './support/browser';

const browser = useBrowser();

const signIn = async (page: Page, email: string, password: string, next?: string) => {
  await page.goto(next === undefined ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
};

describe('the pages', () => {
  it('carry the headers of system/web.ts on a page, a page path and an asset: a CSP without inline script, no framing', async () => {
    const { context, page } = await newVisitor(browser());
    const root = await page.goto('/');
    const deep = await page.goto('/orders/01HZX3Q8V6T9M2K4ABCDEFGHJK');
    const script = await page.locator('script[src^="/assets/"]').first().getAttribute('src');
    expect(script).toMatch(/^\/assets\/app-[0-9a-f]{10}\.js$/);
    const asset = await page.request.get(script ?? '');
    for (const response of [root, deep]) {
      if (!response) throw new Error('no response');
      const headers = response.headers();
      for (const [name, value] of Object.entries(webSecurityHeaders())) expect(headers[name.toLowerCase()], name).toBe(value);
      expect(headers['cache-control']).toBe('no-cache');
    }
    for (const [name, value] of Object.entries(webSecurityHeaders())) expect(asset.headers()[name.toLowerCase()], name).toBe(value);
    expect(asset.headers()['cache-control']).toContain('immutable');
    const csp = webSecurityHeaders()['Content-Security-Policy'];
    expect(csp).toMatch(/script-src 'self';/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    // Every script the page runs is a file of its own origin.
    const inline = await page.evaluate(() => [...document.scripts].filter((s) => s.src === '').length);
    expect(inline).toBe(0);
    await context.close();
  });

  it('refuse to be shown in a frame by another page (clickjacking); the same page without the headers would show', async () => {
    /** How many "Sign in" headings a frame of /sign-in shows on a blank page of another origin. */
    const framed = async (withoutHeaders: boolean): Promise<number> => {
      const { context, page } = await newVisitor(browser());
      if (withoutHeaders) {
        await context.route(`${baseUrl()}/**`, async (route) => {
          const response = await route.fetch();
          const headers = { ...response.headers() };
          delete headers['content-security-policy'];
          delete headers['x-frame-options'];
          await route.fulfill({ response, headers });
        });
      }
      await page.setContent(`<iframe src="${baseUrl()}/sign-in" width="800" height="600"></iframe>`);
      // The control waits for its heading however slow the machine; the refused frame gets the
      // time the control needed and more, then must still show nothing.
      if (withoutHeaders) await page.frameLocator('iframe').getByRole('heading', { level: 1, name: 'Sign in' }).waitFor({ timeout: 15_000 });
      else await page.waitForTimeout(2000);
      const frame = page.frames().find((f) => f !== page.mainFrame());
      const count = frame === undefined ? -1 : await frame.getByRole('heading', { level: 1, name: 'Sign in' }).count().catch(() => 0);
      // The framed page may still be sending its page view through the route: let it go.
      await context.unrouteAll({ behavior: 'ignoreErrors' });
      await context.close();
      return count;
    };
    // The control: stripped of its two headers, the page does show in the frame.
    expect(await framed(true)).toBe(1);
    expect(await framed(false)).toBe(0);
  });

  it('keep the tokens out of storage, cookies and the page; a reload signs the customer out', async () => {
    const customer = await registerCustomer();
    const { context, page } = await newVisitor(browser());
    await signIn(page, customer.email, customer.password);
    await page.waitForURL((url) => url.pathname === '/account');
    await page.getByRole('heading', { level: 1 }).waitFor();
    const found = await page.evaluate(async () => {
      const strings = Object.keys(window)
        .map((key) => {
          try {
            return (window as unknown as Record<string, unknown>)[key];
          } catch {
            return undefined;
          }
        })
        .filter((value): value is string => typeof value === 'string');
      return {
        local: localStorage.length,
        session: sessionStorage.length,
        cookie: document.cookie,
        databases: (await indexedDB.databases()).length,
        caches: (await caches.keys()).length,
        // A JWT starts with the base64 of '{"': in the document or in a global, it would be a token.
        jwtInPage: document.documentElement.outerHTML.includes('eyJ') || strings.some((value) => value.includes('eyJ')),
      };
    });
    expect(found).toMatchObject({ local: 0, session: 0, databases: 0, caches: 0, jwtInPage: false });
    // The control: a token-shaped string left in a global is found.
    expect(await page.evaluate(() => {
      (window as unknown as Record<string, unknown>)['leaked'] = 'eyJhbGciOiJSUzI1NiJ9.e30.x';
      return Object.keys(window).some((key) => String((window as unknown as Record<string, unknown>)[key]).includes('eyJ'));
    })).toBe(true);
    for (const pair of found.cookie.split(';').filter((c) => c.trim() !== '')) expect(cookieNames).toContain(pair.split('=')[0]?.trim());
    // The price of keeping the tokens in the worker's memory only.
    await page.reload();
    await page.waitForURL(/\/sign-in\?next=%2Faccount$/);
    await context.close();
  });

  it.each(['//evil.example/phish', 'https://evil.example/phish', '/\\evil.example/phish'])(
    'stay on their own origin after signing in with ?next=%s',
    async (next) => {
      const customer = await registerCustomer();
      const { context, page } = await newVisitor(browser());
      const origin = new URL(baseUrl()).origin;
      const visited: string[] = [];
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) visited.push(frame.url());
      });
      await signIn(page, customer.email, customer.password, next);
      await page.waitForURL((url) => url.pathname === '/account');
      await page.waitForTimeout(500);
      expect(new URL(page.url()).origin).toBe(origin);
      for (const url of visited) expect(new URL(url).origin).toBe(origin);
      expect(await page.evaluate(() => window.location.host)).toBe(new URL(baseUrl()).host);
      await context.close();
    },
  );
});
