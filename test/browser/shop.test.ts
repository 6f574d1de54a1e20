/**
 * The customer's shop pages (issue 8, point 1): a book, the basket, favourites, checkout, the
 * orders and one order with its status history, and recommendations without their consent. The
 * customer is made over the API and signs in through the sign-in page; from then on the test
 * moves inside the app (a reload would sign the customer out: tokens live in the worker's memory).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { call } from '../support/api';
import { consentVersion, operatorTokens, registerCustomer, type TestCustomer } from '../support/customers';
import { moveOrder, type Product } from '../support/orders';
import { createRequest } from '../support/privacy';
import { expectAccessible } from './support/accessibility';
import { expectNoHorizontalOverflow, newVisitor, screenshot, useBrowser } from './support/browser';

const browser = useBrowser();

const signIn = async (page: Page, customer: TestCustomer) => {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Got it' }).click();
  await page.getByLabel('Email').fill(customer.email);
  await page.getByLabel('Password').fill(customer.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/account');
  await page.getByRole('heading', { level: 1 }).waitFor();
};

/**
 * Opens a path inside the app, as a link would (history and the router's popstate), keeping the
 * session: a page load would start a new session worker, signed out.
 */
const goInside = async (page: Page, path: string) => {
  await page.evaluate((to) => {
    history.pushState(null, '', to);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
};

const menu = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name, exact: true });

/** The field around a labelled input, and the message beside it. */
const fieldError = (page: Page, label: string) => page.locator('.field', { has: page.getByLabel(label) }).locator('.field__error');

const atPhoneWidth = async (page: Page, check: () => Promise<void>) => {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 375, height: 740 });
  await page.waitForTimeout(100);
  try {
    await check();
  } finally {
    if (before !== null) await page.setViewportSize(before);
  }
};

const firstBook = async (): Promise<Product> => {
  const answer = await call<{ items: Product[] }>('GET', '/v1/products?limit=5');
  const book = answer.body.items[0];
  if (book === undefined) throw new Error('the catalogue is empty');
  return book;
};

describe('the shop pages', () => {
  it('takes a customer from a book through basket, favourites and checkout to an order, and shows its status as the shop moves it', async () => {
    const customer = await registerCustomer();
    const book = await firstBook();
    const { context, page, errors } = await newVisitor(browser());
    const orderPosts: (string | undefined)[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/v1/orders') orderPosts.push(request.headers()['idempotency-key']);
    });
    await signIn(page, customer);

    // The book, from the catalogue.
    await menu(page, 'Catalogue').click();
    await page.getByRole('link', { name: book.title, exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: book.title }).waitFor();
    expect(await page.locator('dl.facts').textContent()).toContain(book.author);
    await screenshot(page, 'book');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Add to basket' }).click();
    await page.getByText('In your basket: 1.').waitFor();
    await page.getByRole('button', { name: 'Add one more copy' }).click();
    await page.getByText('In your basket: 2.').waitFor();
    await page.getByRole('button', { name: 'Add to favourites' }).click();
    await page.getByText('In your favourites.').waitFor();
    await page.getByRole('button', { name: 'Remove from favourites' }).waitFor();

    // Favourites: the book with its title, and what a price drop brings.
    await menu(page, 'Favourites').click();
    await page.getByRole('heading', { level: 1, name: 'Favourites' }).waitFor();
    await page.getByRole('heading', { level: 2, name: book.title }).waitFor();
    expect(await page.locator('.page').textContent()).toContain('price of a book in your favourites drops');
    await expectAccessible(page);

    // The basket: a quantity out of range is refused in words, then 3 is kept.
    await menu(page, 'Basket').click();
    await page.getByRole('heading', { level: 1, name: 'Basket' }).waitFor();
    const quantity = page.getByRole('spinbutton', { name: `Quantity of ${book.title}` });
    await quantity.fill('100');
    await page.getByRole('button', { name: `Update the quantity of ${book.title}` }).click();
    await page.getByText('Enter a whole number from 1 to 99.').waitFor();
    await quantity.fill('3');
    await page.getByRole('button', { name: `Update the quantity of ${book.title}` }).click();
    await page.getByText(`Quantity changed: “${book.title}”, 3.`).waitFor();
    const basket = await call<{ items: { productId: string; quantity: number }[]; totalMinor: number }>('GET', '/v1/me/basket', { token: customer.tokens.accessToken });
    expect(basket.body.items).toEqual([expect.objectContaining({ productId: book.productId, quantity: 3 })]);
    const total = await page.locator('.total').textContent();
    expect(total?.replace(/\s/g, '')).toContain((book.priceMinor * 3 / 100).toLocaleString('en-GB', { minimumFractionDigits: 2 }).replace(/\s/g, ''));
    await screenshot(page, 'basket');
    await expectAccessible(page);

    // Checkout: a bad phone first, refused beside the phone field in words.
    await page.getByRole('link', { name: 'Checkout' }).click();
    await page.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor();
    await expect.poll(() => page.getByLabel('Recipient’s full name').inputValue()).toBe('Anna Karenina');
    expect(await page.getByRole('link', { name: /privacy policy/ }).getAttribute('href')).toBe('/privacy');
    await page.getByLabel('Recipient’s phone').fill('12345');
    await page.getByLabel('City or town').fill('Moscow');
    await page.getByLabel('Street').fill('Tverskaya');
    await page.getByLabel('Building').fill('7');
    await page.getByLabel('Apartment or office').fill('12');
    await page.getByLabel('Postal code').fill('125009');
    await page.getByRole('button', { name: 'Place the order' }).click();
    await fieldError(page, 'Recipient’s phone').waitFor();
    expect(await fieldError(page, 'Recipient’s phone').textContent()).toBe('enter the phone in international format, e.g. +79161234567');
    expect(await page.getByLabel('Recipient’s phone').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('alert').textContent()).toContain('Recipient’s phone');
    await screenshot(page, 'checkout');
    await expectAccessible(page);
    await atPhoneWidth(page, () => expectNoHorizontalOverflow(page));

    // Fixed, the order is placed with the same Idempotency-Key as the refused attempt.
    await page.getByLabel('Recipient’s phone').fill('+7 916 123-45-67');
    await page.getByRole('button', { name: 'Place the order' }).click();
    await page.waitForURL(/\/orders\/[A-Za-z0-9_-]+$/);
    const orderId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    await page.getByRole('heading', { level: 1, name: /^Order of / }).waitFor();
    expect(orderPosts).toHaveLength(2);
    expect(orderPosts[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(orderPosts[1]).toBe(orderPosts[0]);
    const history = page.locator('ol.timeline');
    expect(await history.locator('li').allTextContents()).toEqual([expect.stringMatching(/^Placed /)]);
    expect(await page.locator('#order-recipient-title + dl').textContent()).toContain('+79161234567');
    expect(await page.locator('#order-delivery-title + dl').textContent()).toContain('Russia');
    expect(await page.locator('.total').textContent()).toBe(total);
    await screenshot(page, 'order');
    await expectAccessible(page);
    await atPhoneWidth(page, () => expectNoHorizontalOverflow(page));

    // The orders list shows it.
    await menu(page, 'Orders').click();
    await page.getByRole('heading', { level: 1, name: 'Orders' }).waitFor();
    const row = page.locator('tbody tr', { has: page.locator(`a[href="/orders/${orderId}"]`) });
    await row.waitFor();
    expect(await row.locator('.badge').textContent()).toBe('Placed');
    expect(await row.textContent()).toContain(book.title);
    await screenshot(page, 'orders');
    await expectAccessible(page);

    // The shop confirms it; the order page (opened inside the app) shows the new status.
    const operator = await operatorTokens();
    expect((await moveOrder(operator.accessToken, orderId, 'CONFIRMED')).status).toBe(200);
    await row.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: /^Order of / }).waitFor();
    await history.getByText('Confirmed').waitFor();
    expect(await history.locator('li').allTextContents()).toEqual([expect.stringMatching(/^Placed .*\(you\)$/), expect.stringMatching(/^Confirmed .*\(the shop\)$/)]);
    await page.getByRole('button', { name: 'Русский' }).click();
    await page.getByRole('heading', { level: 2, name: 'История заказа' }).waitFor();
    expect(await history.locator('.timeline__status').allTextContents()).toEqual(['Оформлен', 'Подтверждён']);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Order history' }).waitFor();

    // Recommendations without the personalization consent: why, and where to grant it.
    await menu(page, 'Orders').click();
    await page.getByRole('link', { name: 'Books we recommend for you' }).click();
    await page.getByRole('heading', { level: 1, name: 'Recommendations' }).waitFor();
    await page.getByText('Recommendations are off').waitFor();
    expect(await page.getByRole('link', { name: 'Give the consent on the Consents page' }).getAttribute('href')).toBe('/account/consents');
    expect(await page.locator('.page').textContent()).toContain('analyse your purchases');
    await screenshot(page, 'recommendations');
    await expectAccessible(page);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('refuses a 200-character recipient name beside the field, and shows an order with a very long name at phone width without sideways scrolling', async () => {
    const customer = await registerCustomer();
    const book = await firstBook();
    expect((await call('PUT', `/v1/me/basket/items/${book.productId}`, { token: customer.tokens.accessToken, body: { quantity: 1 } })).status).toBe(200);
    const { context, page, errors } = await newVisitor(browser(), { phone: true });
    await signIn(page, customer);
    await menu(page, 'Basket').click();
    await page.getByRole('link', { name: 'Checkout' }).click();
    await page.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor();
    await expect.poll(() => page.getByLabel('Recipient’s full name').inputValue()).toBe('Anna Karenina');

    // The API takes at most 100 characters of a name (system/schemas/auth.ts personNameSchema).
    await page.getByLabel('Recipient’s full name').fill(`Anna ${'Karenina-'.repeat(24)}Oblonskaya`.slice(0, 200));
    await page.getByLabel('Recipient’s phone').fill('+79161234567');
    await page.getByLabel('City or town').fill('Petropavlovsk-Kamchatsky');
    await page.getByLabel('Street').fill('Ulitsa'.repeat(33));
    await page.getByLabel('Building').fill('1');
    await page.getByLabel('Postal code').fill('683000');
    await page.getByRole('button', { name: 'Place the order' }).click();
    await fieldError(page, 'Recipient’s full name').waitFor();
    expect(await fieldError(page, 'Recipient’s full name').textContent()).toBe('at most 100 characters; please shorten it');
    await expectNoHorizontalOverflow(page);

    // The longest name the API takes, one unbroken word, and a 198-character street.
    const longName = `Анна${'ю'.repeat(96)}`;
    await page.getByLabel('Recipient’s full name').fill(longName);
    await page.getByRole('button', { name: 'Place the order' }).click();
    await page.waitForURL(/\/orders\/[A-Za-z0-9_-]+$/);
    await page.getByRole('heading', { level: 1, name: /^Order of / }).waitFor();
    expect(await page.locator('#order-recipient-title + dl').textContent()).toContain(longName);
    await expectNoHorizontalOverflow(page);
    await expectAccessible(page);
    await screenshot(page, 'order-long-name-phone');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('explains an empty list of recommendations (built daily from purchases), and why there are none while the customer’s data is blocked', async () => {
    const customer = await registerCustomer();
    const granted = await call('PUT', '/v1/me/consents/personalization', { token: customer.tokens.accessToken, body: { granted: true, documentVersion: consentVersion } });
    expect(granted.status).toBe(200);
    const { context, page, errors } = await newVisitor(browser());
    await signIn(page, customer);
    await menu(page, 'Orders').click();
    await page.getByRole('link', { name: 'Books we recommend for you' }).click();
    await page.getByRole('heading', { level: 1, name: 'Recommendations' }).waitFor();
    await page.getByText('Nothing to recommend yet.').waitFor();
    expect(await page.locator('.page').textContent()).toContain('built once a day from the purchases');
    await expectAccessible(page);

    // A block request restricts the processing at once.
    expect((await createRequest(customer.tokens.accessToken, { type: 'block' })).status).toBe(201);
    await menu(page, 'Orders').click();
    await page.getByRole('link', { name: 'Books we recommend for you' }).click();
    await page.getByText('Recommendations are paused').waitFor();
    expect(await page.locator('.page').textContent()).toContain('blocked or stopped');
    expect(await page.getByRole('link', { name: 'Your personal data requests' }).getAttribute('href')).toBe('/account/privacy');
    expect(await page.getByRole('link', { name: /Consents page/ }).count()).toBe(0);
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('answers a book or an order that does not exist in words', async () => {
    const customer = await registerCustomer();
    const { context, page } = await newVisitor(browser());
    await page.goto('/books/no-such-book-at-all');
    await page.getByRole('heading', { level: 1, name: 'No such book' }).waitFor();
    await expectAccessible(page);
    await signIn(page, customer);
    await goInside(page, '/orders/AAAAAAAAAAAAAAAAAAAAAA');
    await page.getByRole('heading', { level: 1, name: 'No such order' }).waitFor();
    await expectAccessible(page);
    await context.close();
  });

  it('offers a signed-out visitor to sign in from a book, naming the book as where to come back', async () => {
    const book = await firstBook();
    const { context, page } = await newVisitor(browser());
    await page.goto(`/books/${book.productId}`);
    await page.getByRole('heading', { level: 1, name: book.title }).waitFor();
    expect(await page.getByRole('button', { name: 'Add to basket' }).count()).toBe(0);
    const link = page.locator('main').getByRole('link', { name: 'Sign in' });
    expect(await link.getAttribute('href')).toBe(`/sign-in?next=${encodeURIComponent(`/books/${book.productId}`)}`);
    await page.getByRole('button', { name: 'Got it' }).click();
    await link.click();
    await page.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.get('next') === `/books/${book.productId}`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await context.close();
  });
});
