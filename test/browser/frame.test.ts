/**
 * The frame every page shares: the catalogue for a visitor, the cookie notice and its cookies,
 * Global Privacy Control, the language switch, the guard on account pages, phone width.
 */
import { describe, expect, it } from 'vitest';
import { cookies } from '../../system/cookies';
import { registerCustomer } from '../support/customers';
import { expectAccessible } from './support/accessibility';
import { baseUrl, expectNoHorizontalOverflow, newVisitor, screenshot, useBrowser } from './support/browser';

const browser = useBrowser();

describe('the frame', () => {
  it('shows the catalogue to a visitor, with a cookie notice that sets only registered cookies once closed', async () => {
    const { context, page, errors } = await newVisitor(browser());
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Catalogue' }).waitFor();
    await page.locator('.card').first().waitFor();
    expect(await page.locator('.card').count()).toBeGreaterThan(0);
    const notice = page.getByRole('complementary', { name: 'About cookies' });
    await notice.waitFor();
    expect(await context.cookies()).toEqual([]);
    await notice.getByText('Which cookies and why').click();
    for (const cookie of cookies) expect(await notice.textContent()).toContain(cookie.name);
    await screenshot(page, 'catalogue');
    await expectAccessible(page);
    await notice.getByRole('button', { name: 'Got it' }).click();
    await notice.waitFor({ state: 'detached' });
    const set = await context.cookies();
    expect(set.map((c) => `${c.name}=${c.value}`)).toEqual(['folio_notice=seen']);
    await page.reload();
    await page.locator('.card').first().waitFor();
    expect(await page.getByRole('complementary', { name: 'About cookies' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('switches language, remembers the choice in folio_lang, and sets lang on the document', async () => {
    const { context, page } = await newVisitor(browser(), { locale: 'en-GB' });
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Catalogue' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('button', { name: 'Русский' }).click();
    await page.getByRole('heading', { level: 1, name: 'Каталог' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    expect((await context.cookies()).find((c) => c.name === 'folio_lang')?.value).toBe('ru');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Каталог' }).waitFor();
    await context.close();
  });

  it('records an impersonal page view without GPC, and sends none with it', async () => {
    for (const gpc of [false, true]) {
      const { context, page } = await newVisitor(browser(), { gpc });
      const events: { path: string; authorization: string | undefined }[] = [];
      page.on('request', (request) => {
        if (request.url().endsWith('/v1/events')) events.push({ path: JSON.parse(request.postData() ?? '{}').path, authorization: request.headers()['authorization'] });
      });
      // The view is sent by the session worker after the page renders; leaving the page before
      // the worker has sent it would lose it, so without GPC wait for each view's request.
      const viewSent = () => (gpc ? page.waitForTimeout(300) : page.waitForRequest((request) => request.url().endsWith('/v1/events')));
      const privacyView = viewSent();
      await page.goto('/privacy');
      await page.locator('h1').waitFor();
      await privacyView;
      const catalogueView = viewSent();
      await page.goto('/');
      await page.locator('.card').first().waitFor();
      await catalogueView;
      await page.waitForTimeout(300);
      if (gpc) {
        expect(events).toEqual([]);
        await expect(page.getByText('Global Privacy Control').textContent()).resolves.toContain('Global Privacy Control');
      } else {
        expect(events.map((e) => e.path)).toEqual(['/privacy', '/']);
        expect(events.every((e) => e.authorization === undefined)).toBe(true);
      }
      await context.close();
    }
  });

  it('sends a signed-out visitor from an account page to sign in, and works at phone width', async () => {
    const { context, page } = await newVisitor(browser(), { phone: true });
    await page.goto('/orders');
    await page.waitForURL(/\/sign-in\?next=%2Forders$/);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await expectNoHorizontalOverflow(page);
    await expectAccessible(page);
    await screenshot(page, 'sign-in-phone');
    await context.close();
  });

  it('brings a customer back to the page they asked for after signing in, and never to another site', async () => {
    const customer = await registerCustomer();
    const { context, page } = await newVisitor(browser());
    await page.goto('/orders');
    await page.waitForURL(/\/sign-in\?next=%2Forders$/);
    await page.getByLabel('Email').fill(customer.email);
    await page.getByLabel('Password').fill(customer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/orders$/);
    await page.waitForTimeout(300);
    expect(new URL(page.url()).pathname).toBe('/orders');
    await context.close();

    const elsewhere = await newVisitor(browser());
    await elsewhere.page.goto(`/sign-in?next=${encodeURIComponent('//evil.example/steal')}`);
    await elsewhere.page.getByLabel('Email').fill(customer.email);
    await elsewhere.page.getByLabel('Password').fill(customer.password);
    await elsewhere.page.getByRole('button', { name: 'Sign in' }).click();
    await elsewhere.page.waitForURL(/\/account$/);
    expect(new URL(elsewhere.page.url()).origin).toBe(new URL(baseUrl()).origin);
    await elsewhere.context.close();
  });

  it('answers unknown pages with a page that says so, and refuses to sign in with a wrong password in words', async () => {
    const { context, page } = await newVisitor(browser());
    await page.goto('/no/such/page');
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill('nobody-at-all@example.com');
    await page.getByLabel('Password').fill('Wrong-Password-1!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('Wrong email or password.').waitFor();
    await context.close();
  });
});
