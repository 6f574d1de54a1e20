/**
 * The operators' console (issue 8, point 2): the operator signs in through the sign-in page and
 * lands on the privacy queue; works a customer's rectify request to completion; sees overdue
 * requests highlighted in colour and in words; forces a password reset for a suspected takeover
 * and finds it in the customer's audit trail with the reason; moves an order on (and is told in
 * words when a move is refused); sends a campaign and reads who it reaches and who is left out.
 * A customer who opens the console is told it is for operators only. The customers and their
 * requests are made over the API; the operator moves inside the app (a reload would sign out:
 * tokens live in the session worker's memory).
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { call } from '../support/api';
import { login, operatorTokens, registerCustomer, type TestCustomer } from '../support/customers';
import { moveOrder, orderBody, type OrderView, placeOrder } from '../support/orders';
import { createRequest, operatorAction, type PrivacyRequestView } from '../support/privacy';
import { expectAccessible } from './support/accessibility';
import { expectNoHorizontalOverflow, newVisitor, screenshot, useBrowser } from './support/browser';

const browser = useBrowser();
const marker = randomUUID().slice(0, 8);

const signIn = async (page: Page, email: string, password: string, next?: string) => {
  await page.goto(next === undefined ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByRole('button', { name: 'Got it' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
};

/** The operator, signed in through the UI: lands on the console's queue. */
const operatorPage = async (options: { phone?: boolean } = {}) => {
  const visitor = await newVisitor(browser(), options);
  await signIn(visitor.page, 'operator@example.com', inject('operatorPassword'));
  await visitor.page.waitForURL((url) => url.pathname === '/console');
  await visitor.page.getByRole('heading', { level: 1, name: 'Privacy requests' }).waitFor();
  return visitor;
};

const consoleLink = (page: Page, name: string) => page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name, exact: true });

const request = async (customer: TestCustomer, body: Record<string, unknown>): Promise<PrivacyRequestView> => {
  const made = await createRequest(customer.tokens.accessToken, body);
  expect(made.status, JSON.stringify(body)).toBe(201);
  return made.body;
};

let customer: TestCustomer;
let rectify: PrivacyRequestView;
let overdue: PrivacyRequestView;
let order: OrderView;
let raced: OrderView;

beforeAll(async () => {
  // The customer of the story: a rectify request, and two orders.
  customer = await registerCustomer();
  rectify = await request(customer, {
    type: 'rectify',
    details: `My surname changed when I married; please correct it (${marker}).`,
    corrections: { lastName: 'Smirnova' },
  });
  for (const quantity of [1, 2]) {
    const placed = await placeOrder(customer.tokens.accessToken, orderBody([{ productId: 'gogol-dead-souls', quantity }]));
    expect(placed.status).toBe(201);
    if (quantity === 1) order = placed.body;
    else raced = placed.body;
  }
  // Others, so the queue looks like a working day: a block (due at receipt, so overdue at once),
  // an access request, a stop-processing request.
  const blocker = await registerCustomer();
  overdue = await request(blocker, { type: 'block', details: `Someone used my card on your site; block my data until it is sorted out (${marker}).` });
  expect(overdue.overdue).toBe(true);
  const reader = await registerCustomer();
  await request(reader, { type: 'access', details: 'Please send me everything you keep about me.' });
  const quiet = await registerCustomer();
  await request(quiet, { type: 'stop_processing', purposes: ['advertising'], details: 'No more advertising, please.' });
  const leaving = await registerCustomer();
  await request(leaving, { type: 'destroy', details: 'I no longer shop here; please destroy what you keep about me.' });
  const unsubscribing = await registerCustomer();
  await request(unsubscribing, { type: 'withdraw_consent', purposes: ['advertising'] });
  // One already extended by an operator, as the law allows for stop processing.
  const patient = await registerCustomer();
  const extended = await request(patient, { type: 'stop_processing', purposes: ['personalization'], details: 'Stop the recommendations, please.' });
  const operator = (await operatorTokens()).accessToken;
  expect((await operatorAction(operator, extended.requestId, 'extend', 'We need to check the contractors who receive the data.')).status).toBe(200);
}, 120_000);

describe("the operators' console", () => {
  it('signs the operator in to the queue, highlights overdue requests, and completes a rectify request with a resolution', async () => {
    const { context, page, errors } = await operatorPage();
    const table = page.getByRole('table', { name: 'Privacy requests' });
    const rectifyRow = table.getByRole('row').filter({ hasText: `please correct it (${marker})` });
    const overdueRow = table.getByRole('row').filter({ hasText: `until it is sorted out (${marker})` });
    await rectifyRow.waitFor();
    await overdueRow.waitFor();

    // Overdue: a colour and the word, not colour alone; the rectify request is not overdue.
    expect((await overdueRow.getAttribute('class')) ?? '', 'the overdue row is highlighted').toContain('overdue');
    await overdueRow.getByText('Overdue', { exact: true }).waitFor();
    expect((await rectifyRow.getAttribute('class')) ?? '').not.toContain('overdue');
    expect(await rectifyRow.getByText('Overdue', { exact: true }).count()).toBe(0);
    await rectifyRow.getByRole('cell', { name: 'Rectify data', exact: true }).waitFor();
    // The item carries its customer: a link to their page.
    expect(await rectifyRow.getByRole('link', { name: "Customer's record" }).getAttribute('href')).toBe(`/console/customers/${customer.customerId}`);

    // "Overdue only" narrows the queue to those past their deadline.
    await page.getByLabel('Overdue only').check();
    await overdueRow.waitFor();
    await rectifyRow.waitFor({ state: 'detached' });
    await page.getByLabel('Overdue only').uncheck();
    await rectifyRow.waitFor();

    await screenshot(page, 'console-queue');
    await expectAccessible(page);

    // A rectify request cannot be extended: the console says why instead of offering it.
    await rectifyRow.getByRole('button', { name: /^Handle/ }).click();
    const panel = page.getByRole('region', { name: 'Request: Rectify data' });
    await panel.waitFor();
    await panel.getByText('The law allows no extension for this kind of request.').waitFor();
    expect(await panel.getByRole('button', { name: 'Extend the deadline' }).count()).toBe(0);

    // An empty resolution is refused in words beside the field.
    await panel.getByRole('button', { name: 'Mark as completed' }).click();
    await panel.getByRole('alert').waitFor();
    await panel.getByLabel('Resolution').fill('Surname corrected to Smirnova as asked; the change is in your account now.');
    await panel.getByRole('button', { name: 'Mark as completed' }).click();
    await page.getByText('Request completed. The customer has been emailed.').waitFor();
    await rectifyRow.waitFor({ state: 'detached' });

    const seen = await call<PrivacyRequestView>('GET', `/v1/me/privacy-requests/${rectify.requestId}`, { token: customer.tokens.accessToken });
    expect(seen.status).toBe(200);
    expect(seen.body.status).toBe('COMPLETED');
    expect(seen.body.history?.at(-1)?.note).toContain('Surname corrected to Smirnova');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('works at phone width: the queue turns into cards', async () => {
    const { context, page } = await operatorPage({ phone: true });
    await page.getByRole('table', { name: 'Privacy requests' }).getByRole('row').filter({ hasText: `until it is sorted out (${marker})` }).waitFor();
    await expectNoHorizontalOverflow(page);
    await context.close();
  });

  it('moves an order PLACED→CONFIRMED and says in words when a move is refused', async () => {
    const { context, page, errors } = await operatorPage();
    await consoleLink(page, 'Orders').click();
    await page.getByRole('heading', { level: 1, name: 'Orders' }).waitFor();
    const rows = page.getByRole('table', { name: 'Orders' }).getByRole('row');
    const row = rows.filter({ hasText: order.orderId });
    await row.waitFor();
    await row.getByText('Placed', { exact: true }).waitFor();
    await row.getByRole('button', { name: /^Open/ }).click();
    const panel = page.getByRole('region', { name: 'Order' });
    await panel.getByText(order.orderId).waitFor();
    await panel.getByRole('list').getByText(/Dead Souls/).first().waitFor();
    await screenshot(page, 'console-orders');
    await expectAccessible(page);

    await panel.getByRole('button', { name: 'Move to: Confirmed' }).click();
    await panel.getByText('Status changed. The customer has been sent a message.').waitFor();
    await panel.getByRole('button', { name: 'Move to: Shipped' }).waitFor();
    expect(await panel.locator('.console-history li').count()).toBe(2);
    await row.getByText('Confirmed', { exact: true }).waitFor();
    const operator = (await operatorTokens()).accessToken;
    const moved = await call<OrderView & { customerId: string }>('GET', `/v1/admin/orders/${order.orderId}`, { token: operator });
    expect(moved.body.status).toBe('CONFIRMED');
    expect(moved.body.statusHistory.map((e) => e.status)).toEqual(['PLACED', 'CONFIRMED']);

    // Another operator moves the second order first: this page's move is a 409, said in words.
    await rows.filter({ hasText: raced.orderId }).getByRole('button', { name: /^Open/ }).click();
    await panel.getByText(raced.orderId).waitFor();
    expect((await moveOrder(operator, raced.orderId, 'CANCELLED')).status).toBe(200);
    await panel.getByRole('button', { name: 'Move to: Confirmed' }).click();
    await panel.getByRole('alert').getByText(/The move was refused: the order is now Cancelled/).waitFor();
    await panel.getByText('There are no moves from this status: the order is finished.').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("forces a password reset with a reason: the old password is refused and the customer's audit trail shows it", async () => {
    const { context, page, errors } = await operatorPage();
    // Open the customer by id from the console's own form.
    await page.getByLabel('Customer id').fill(customer.customerId);
    await page.getByRole('button', { name: 'Open customer' }).click();
    await page.waitForURL((url) => url.pathname === `/console/customers/${customer.customerId}`);
    await page.getByRole('heading', { level: 1, name: 'Customer' }).waitFor();
    await page.getByText('the old password stops working;').waitFor();
    const trail = page.getByRole('table', { name: 'Audit trail' });
    await trail.getByRole('row').filter({ hasText: 'Privacy request completed' }).waitFor();

    // The reason is required.
    await page.getByRole('button', { name: 'Force password reset' }).click();
    await page.getByRole('alert').waitFor();
    const reason = `Sign-ins from two countries within an hour (${marker})`;
    await page.getByLabel('Reason').fill(reason);
    await page.getByRole('button', { name: 'Force password reset' }).click();
    await page.getByText('Password changed, every session of the customer ended, and the customer has been sent a message.').waitFor();

    const refused = await login(customer.email, customer.password);
    expect(refused.status).toBe(401);
    const entry = trail.getByRole('row').filter({ hasText: 'Password reset by force' });
    await entry.waitFor();
    await entry.getByText(reason).waitFor();
    await entry.getByText('Operator', { exact: true }).waitFor();
    await screenshot(page, 'console-customer');
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('sends a campaign and shows how many it reaches and how many are suppressed, and why', async () => {
    const { context, page, errors } = await operatorPage();
    const keys: (string | undefined)[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/v1/admin/campaigns') keys.push(r.headers()['idempotency-key']);
    });
    await consoleLink(page, 'Campaigns').click();
    await page.getByRole('heading', { level: 1, name: 'Campaigns' }).waitFor();
    await page.getByText('Only customers who granted advertising consent').waitFor();
    await page.getByLabel('Channel').selectOption('push');
    await page.getByLabel('Category').selectOption('informational');
    expect(await page.getByLabel('Subject').count()).toBe(0);
    await page.getByLabel('Text').fill(`Our shop is closed on Sunday for stocktaking (${marker}).`);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Send the campaign' }).click();
    const result = page.getByRole('region', { name: 'Campaign accepted' });
    await result.waitFor();
    const recipients = await result.getByTestId('recipients').textContent();
    const suppressed = await result.getByTestId('suppressed').textContent();
    expect(recipients).toMatch(/^\d+$/);
    expect(suppressed).toMatch(/^\d+$/);
    await result.getByText('Recipients', { exact: true }).waitFor();
    await result.getByText('Suppressed', { exact: true }).waitFor();
    await result.getByText(/Suppressed are customers subscribed to this category and channel who must not be sent it: no advertising consent/).waitFor();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    await screenshot(page, 'console-campaigns');
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('tells a customer who opens the console that it is for operators only', async () => {
    const someone = await registerCustomer();
    const { context, page } = await newVisitor(browser());
    await signIn(page, someone.email, someone.password);
    await page.waitForURL((url) => url.pathname === '/account');
    await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    // Opens the console inside the app, as a link would (a reload would sign out).
    await page.evaluate(() => {
      history.pushState(null, '', '/console');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    await page.getByRole('heading', { level: 1, name: 'Operators only' }).waitFor();
    await page.getByText("This page is for the shop's staff in the operators group.").waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    await expectAccessible(page);
    await context.close();
  });
});
