/**
 * Debian's Chromium driven by playwright-core, for the browser tests. `.ci/run` installs the
 * browser where it is missing (`apt-get install chromium`); `CHROMIUM_PATH` points elsewhere.
 * Each test file opens one browser; each test its own context (no shared cookies or storage).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';

export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const screenshotDir = join(import.meta.dirname, '..', '..', '..', 'test-results', 'screenshots');

// The flags the machine notes ask for: no sandbox as root, and no background calls to
// Google's hosts, which a closed network refuses.
const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export const baseUrl = (): string => inject('baseUrl');

/** One browser for the file; fails loudly, naming the fix, when Chromium is not installed. */
export const useBrowser = (): (() => Browser) => {
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath}: run \`apt-get install -y chromium\` (as .ci/run does) or set CHROMIUM_PATH`);
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (browser === undefined) throw new Error('the browser has not started');
    return browser;
  };
};

export interface VisitorOptions {
  readonly locale?: 'ru-RU' | 'en-GB';
  /** Phone width (375 × 740) instead of a desktop's. */
  readonly phone?: boolean;
  /** Sets navigator.globalPrivacyControl and sends Sec-GPC: 1, as a browser with GPC on does. */
  readonly gpc?: boolean;
}

/** A new visitor: a fresh context (no cookies) and a page, with console errors collected. */
export const newVisitor = async (browser: Browser, options: VisitorOptions = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> => {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    locale: options.locale ?? 'en-GB',
    viewport: options.phone === true ? { width: 375, height: 740 } : { width: 1280, height: 860 },
    ...(options.gpc === true ? { extraHTTPHeaders: { 'Sec-GPC': '1' } } : {}),
  });
  if (options.gpc === true) await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) errors.push(message.text());
  });
  return { context, page, errors };
};

/** Saves a full-page screenshot as a test artifact: test-results/screenshots/<name>.png. */
export const screenshot = async (page: Page, name: string): Promise<void> => {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
};

/** Nothing on the page is wider than the viewport (no sideways scrolling at phone width). */
export const expectNoHorizontalOverflow = async (page: Page): Promise<void> => {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'the page scrolls sideways').toBeLessThanOrEqual(0);
};
