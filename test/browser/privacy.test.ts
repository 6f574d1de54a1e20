/**
 * The customer's account and privacy pages in the browser (issue 8, point 1): where customers
 * exercise every right the privacy policy gives them — newsletters (1.3.2), unsubscribing from
 * an email, an access request and its download (1.2.1), consents and their receipts,
 * rectification, and closing the account without withdrawing consent (1.2.1).
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { awsClientConfig, call, eventually, stackInfo } from '../support/api';
import { consentVersion, operatorTokens, outbox, registerCustomer, type TestCustomer } from '../support/customers';
import { expectAccessible } from './support/accessibility';
import { expectNoHorizontalOverflow, newVisitor, screenshot, useBrowser } from './support/browser';

const browser = useBrowser();

let db: DynamoDBDocumentClient;
let audiencesTable: string;

beforeAll(async () => {
  const info = await stackInfo();
  db = DynamoDBDocumentClient.from(new DynamoDBClient(awsClientConfig(info.endpoints.dynamodb)));
  audiencesTable = info.tables['audiences'] ?? '';
});

const signIn = async (page: Page, customer: TestCustomer, heading = 'My account') => {
  await page.goto('/sign-in');
  await page.getByLabel(heading === 'My account' ? 'Email' : 'Электронная почта').fill(customer.email);
  await page.getByLabel(heading === 'My account' ? 'Password' : 'Пароль').fill(customer.password);
  await page.getByRole('button', { name: heading === 'My account' ? 'Sign in' : 'Войти' }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  // The cookie notice is closed, so the screenshots show the pages themselves.
  const notice = page.getByRole('complementary', { name: heading === 'My account' ? 'About cookies' : 'О файлах cookie' });
  await notice.getByRole('button', { name: heading === 'My account' ? 'Got it' : 'Понятно' }).click();
  await notice.waitFor({ state: 'detached' });
};

const subscriptionsOf = async (customer: TestCustomer) =>
  (await call<Record<'email' | 'sms' | 'push', { advertising: boolean; informational: boolean }>>('GET', '/v1/me/subscriptions', { token: customer.tokens.accessToken })).body;

const grant = async (customer: TestCustomer, purpose: string) => {
  const granted = await call('PUT', `/v1/me/consents/${purpose}`, { token: customer.tokens.accessToken, body: { granted: true, documentVersion: consentVersion } });
  expect(granted.status).toBe(200);
};

const inEmailAdvertisingAudience = (customerId: string) =>
  eventually(async () => {
    for (let shard = 0; shard < 8; shard += 1) {
      const { Item } = await db.send(new GetCommand({ TableName: audiencesTable, Key: { audienceKey: `email#advertising#eligible#${shard}`, customerId } }));
      if (Item !== undefined) return Item;
    }
    return undefined;
  }, 20_000);

const auditOf = async (customerId: string) => {
  const operator = (await operatorTokens()).accessToken;
  const answer = await call<{ items: { action: string; details: Record<string, unknown> }[] }>('GET', `/v1/admin/customers/${customerId}/audit?limit=100`, { token: operator });
  expect(answer.status).toBe(200);
  return answer.body.items;
};

const emailAdvertising = 'Advertising: promotions, discounts and special offers';

describe('the account and privacy pages', () => {
  it('turn off email advertising, say when the contractors will have it, and the API agrees', async () => {
    const customer = await registerCustomer();
    const { context, page, errors } = await newVisitor(browser());
    await signIn(page, customer);
    await page.getByRole('link', { name: 'Newsletters' }).click();
    await page.getByRole('heading', { level: 1, name: 'Newsletters' }).waitFor();
    await page.getByText('Service messages cannot be turned off').waitFor();
    // Registered without the advertising consent: the page says the settings wait for it.
    await page.getByText('You have not consented to receive advertising').waitFor();
    const email = page.getByRole('group', { name: 'Email' });
    const box = email.getByLabel(emailAdvertising);
    expect(await box.isChecked()).toBe(true);
    await box.uncheck();
    const before = Date.now();
    await page.getByRole('button', { name: 'Save' }).click();
    const saved = page.getByRole('status').filter({ hasText: 'will have the change by' });
    await saved.waitFor();
    expect(await saved.textContent()).toContain('at most 3 days');
    const times = await saved.locator('time').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('datetime') ?? ''));
    expect(times).toHaveLength(2);
    const syncedBy = Date.parse(times[1] ?? '');
    expect(syncedBy).toBeGreaterThanOrEqual(before - 60_000);
    expect(syncedBy).toBeLessThanOrEqual(before + 3 * 24 * 3600_000);
    expect(await subscriptionsOf(customer)).toEqual({
      email: { advertising: false, informational: true },
      sms: { advertising: true, informational: true },
      push: { advertising: true, informational: true },
    });
    await screenshot(page, 'subscriptions');
    await expectAccessible(page);
    await page.setViewportSize({ width: 375, height: 740 });
    await expectNoHorizontalOverflow(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('unsubscribe from an advertising email through its link, and the subscriptions page shows it', async () => {
    const customer = await registerCustomer();
    await grant(customer, 'advertising');
    await inEmailAdvertisingAudience(customer.customerId);
    const operator = (await operatorTokens()).accessToken;
    const marker = `browser-sale-${randomUUID()}`;
    const campaign = await call('POST', '/v1/admin/campaigns', {
      token: operator,
      headers: { 'Idempotency-Key': randomUUID() },
      body: { channel: 'email', category: 'advertising', subject: 'Autumn sale', body: `Books at half price.\n\n${marker}` },
    });
    expect(campaign.status).toBe(202);
    const received = await eventually(async () => {
      const found = (await outbox(customer.email, 'email')).find((m) => m.category === 'advertising' && m.body.includes(marker));
      return found as (typeof found & { headers?: Record<string, string> }) | undefined;
    }, 30_000);
    const link = /^<(https?:\/\/[^>]+)>$/.exec(received.headers?.['List-Unsubscribe'] ?? '')?.[1];
    expect(link).toBeDefined();
    const url = new URL(link ?? '');

    const { context, page } = await newVisitor(browser());
    await page.goto(`${url.pathname}${url.search}`);
    await page.getByRole('heading', { level: 1, name: /You are unsubscribed/ }).waitFor();
    await signIn(page, customer);
    await page.getByRole('link', { name: 'Newsletters' }).click();
    await page.getByRole('heading', { level: 1, name: 'Newsletters' }).waitFor();
    await page.getByText('You have consented to receive advertising').waitFor();
    const email = page.getByRole('group', { name: 'Email' });
    await email.getByLabel(emailAdvertising).waitFor();
    expect(await email.getByLabel(emailAdvertising).isChecked()).toBe(false);
    expect(await email.getByLabel(/^Informational/).isChecked()).toBe(true);
    expect(await page.getByRole('group', { name: 'SMS' }).getByLabel(emailAdvertising).isChecked()).toBe(true);
    expect((await subscriptionsOf(customer)).email.advertising).toBe(false);
    await context.close();
  });

  it('make an access request through the form, see its deadline, and download the export once it completes', async () => {
    const customer = await registerCustomer();
    const { context, page, errors } = await newVisitor(browser());
    await signIn(page, customer);
    await page.getByRole('link', { name: 'Personal data requests' }).click();
    await page.getByRole('heading', { level: 1, name: 'Personal data requests' }).waitFor();
    await page.getByText('You have not made any requests yet.').waitFor();
    const type = page.getByLabel('What you ask for');
    await type.selectOption('block');
    await page.getByText('Your data is used for nothing but storage').waitFor();
    await type.selectOption('withdraw_consent');
    await page.getByRole('group', { name: 'For which purposes' }).waitFor();
    await type.selectOption('access');
    expect(await page.locator('.privacy-explain').textContent()).toContain('Deadline: 10 working days');
    await page.getByLabel('Details').fill('Everything you hold about me, please.');
    await page.getByRole('button', { name: 'Send the request' }).click();
    await page.waitForURL(/\/account\/privacy\/[\w-]+$/);
    await page.getByRole('heading', { level: 1, name: 'Tell me about my data and give me a copy' }).waitFor();
    const due = page.locator('dl.facts dt', { hasText: 'Answer due by' }).locator('xpath=following-sibling::dd[1]');
    expect(await due.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(Date.parse((await due.locator('time').getAttribute('datetime')) ?? '')).toBeGreaterThan(Date.now() + 7 * 24 * 3600_000);

    // The stack completes access requests on its own; the customer comes back to the request.
    const download = page.getByRole('button', { name: 'Download my data (JSON)' });
    await eventually(async () => {
      await page.getByRole('link', { name: 'All requests' }).click();
      await page.getByRole('heading', { level: 1, name: 'Personal data requests' }).waitFor();
      await page.getByRole('link', { name: 'Tell me about my data and give me a copy' }).click();
      await page.getByRole('heading', { level: 1, name: 'Tell me about my data and give me a copy' }).waitFor();
      await page.locator('dl.facts').waitFor();
      return (await download.count()) > 0 ? true : undefined;
    }, 30_000);
    await page.getByText('What the copy holds').waitFor();
    await page.locator('.export-sections li', { hasText: 'Profile' }).getByText('1 record').waitFor();
    await screenshot(page, 'privacy-request');
    await expectAccessible(page);
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    expect(file.suggestedFilename()).toMatch(/^folio-data-\d{4}-\d{2}-\d{2}\.json$/);
    const saved = JSON.parse(readFileSync(await file.path(), 'utf8')) as { format: string; sections: { profile: { email: string }[] } };
    expect(saved.format).toBe('folio-access-export');
    expect(saved.sections.profile[0]?.email).toBe(customer.email);

    await page.getByRole('link', { name: 'All requests' }).click();
    await page.getByRole('heading', { level: 1, name: 'Personal data requests' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Tell me about my data' });
    await row.getByText('Completed').waitFor();
    await screenshot(page, 'privacy-requests');
    await expectAccessible(page);
    await page.setViewportSize({ width: 375, height: 740 });
    await expectNoHorizontalOverflow(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('withdraw and grant again a consent, with the receipts history growing; the required one asks first', async () => {
    const customer = await registerCustomer();
    await grant(customer, 'personalization');
    const { context, page, errors } = await newVisitor(browser());
    await signIn(page, customer);
    await page.getByRole('link', { name: 'Consents', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Consents' }).waitFor();
    const history = page.getByRole('table', { name: 'Consent history' }).locator('tbody tr');
    await history.first().waitFor();
    const before = await history.count();
    expect(before).toBeGreaterThanOrEqual(2);
    const personalization = page.locator('li.consent-item', { hasText: 'Purchase analysis and personal recommendations' });
    await personalization.getByText('Granted', { exact: true }).waitFor();
    expect(await personalization.locator('dl.facts').textContent()).toContain(consentVersion);

    await personalization.getByRole('button', { name: 'Withdraw consent: Purchase analysis and personal recommendations' }).click();
    await personalization.getByText('Consent withdrawn and recorded.').waitFor();
    await personalization.getByText('Withdrawn', { exact: true }).waitFor();
    await eventually(async () => ((await history.count()) === before + 1 ? true : undefined));
    expect(await history.first().textContent()).toContain('withdrawn');

    await personalization.getByRole('button', { name: 'Grant consent: Purchase analysis and personal recommendations' }).click();
    await personalization.getByText('Consent granted and recorded.').waitFor();
    await eventually(async () => ((await history.count()) === before + 2 ? true : undefined));
    expect(await history.first().textContent()).toContain('granted');
    expect(await history.first().textContent()).toContain('on this page');
    const consents = await call<{ purpose: string; granted: boolean }[]>('GET', '/v1/me/consents', { token: customer.tokens.accessToken });
    expect(consents.body.find((c) => c.purpose === 'personalization')?.granted).toBe(true);

    // The required consent: withdrawing it asks for an explicit confirmation, which can be cancelled.
    const required = page.locator('li.consent-item', { hasText: 'Registration, orders and service messages' });
    await required.getByRole('button', { name: /^Withdraw consent: Registration/ }).click();
    await required.getByText('Your account closes at once').waitFor();
    await required.getByRole('button', { name: 'Withdraw and close my account' }).click();
    await required.getByRole('alert').getByText('Please tick to show you understand the consequences.').waitFor();
    await screenshot(page, 'consents');
    await expectAccessible(page);
    await required.getByRole('button', { name: 'Cancel' }).click();
    await required.getByRole('button', { name: /^Withdraw consent: Registration/ }).waitFor();
    const after = await call<{ purpose: string; granted: boolean }[]>('GET', '/v1/me/consents', { token: customer.tokens.accessToken });
    expect(after.body.find((c) => c.purpose === 'personal_data_processing')?.granted).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('withdraw the required consent after confirming the consequences: the account closes and its destruction is filed', async () => {
    const customer = await registerCustomer();
    const { context, page, errors } = await newVisitor(browser());
    await signIn(page, customer);
    await page.getByRole('link', { name: 'Consents', exact: true }).click();
    const required = page.locator('li.consent-item', { hasText: 'Registration, orders and service messages' });
    await required.getByRole('button', { name: /^Withdraw consent: Registration/ }).click();
    await required.getByText('destroy it within 30 days').waitFor();
    await required.getByLabel('I understand that my account will close and my data will be destroyed').check();
    await required.getByRole('button', { name: 'Withdraw and close my account' }).click();
    await page.getByRole('status').filter({ hasText: 'Your account is closed and you are signed out.' }).waitFor();
    await page.getByText('Your personal data will be destroyed within 30 days').waitFor();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Sign in' }).waitFor();
    expect((await call('POST', '/v1/auth/login', { body: { email: customer.email, password: customer.password } })).status).not.toBe(200);
    const audit = await auditOf(customer.customerId);
    expect(audit.find((e) => e.action === 'consent.withdrawn')?.details['purpose']).toBe('personal_data_processing');
    expect(audit.find((e) => e.action === 'privacy_request.received')?.details['type']).toBe('withdraw_consent');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('rectify the last name on the account page: 200 characters refused in words, 100 saved and recorded, no sideways scrolling', async () => {
    const customer = await registerCustomer();
    const { context, page } = await newVisitor(browser());
    await signIn(page, customer);
    await page.getByRole('link', { name: 'Change password' }).waitFor();
    await page.getByRole('link', { name: 'Delete account' }).waitFor();
    await page.getByText('You are not taking part in the loyalty programme').waitFor();
    await screenshot(page, 'account');
    await expectAccessible(page);

    const lastName = page.getByLabel('Last name');
    await lastName.fill('Д'.repeat(200));
    await page.getByRole('button', { name: 'Save corrections' }).click();
    await page.getByRole('alert').waitFor();
    expect(await lastName.getAttribute('aria-invalid')).toBe('true');
    await expectNoHorizontalOverflow(page);

    const long = `Karenina${'Oblonskaya'.repeat(10)}`.slice(0, 100);
    await lastName.fill(long);
    await page.getByRole('button', { name: 'Save corrections' }).click();
    await page.getByText('The correction is recorded in your account’s history.').waitFor();
    await page.locator('dl.facts dd', { hasText: long }).waitFor();
    await expectNoHorizontalOverflow(page);
    await page.setViewportSize({ width: 375, height: 740 });
    await expectNoHorizontalOverflow(page);
    const me = await call<{ lastName: string }>('GET', '/v1/me', { token: customer.tokens.accessToken });
    expect(me.body.lastName).toBe(long);
    expect((await auditOf(customer.customerId)).map((e) => e.action)).toContain('profile.rectified');
    await context.close();

    // In Russian.
    const russian = await newVisitor(browser(), { locale: 'ru-RU' });
    await signIn(russian.page, customer, 'Личный кабинет');
    await russian.page.getByRole('link', { name: 'Запросы о персональных данных' }).waitFor();
    await screenshot(russian.page, 'account-ru');
    await expectAccessible(russian.page);
    await russian.context.close();
  });

  it('delete the account without withdrawing consents: signed out, sign-in refused, consents unchanged', async () => {
    const customer = await registerCustomer();
    await grant(customer, 'advertising');
    const { context, page, errors } = await newVisitor(browser());
    await signIn(page, customer);
    await page.getByRole('link', { name: 'Delete account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Delete account' }).waitFor();
    await page.getByText('does not by itself withdraw your consent').waitFor();
    const withdraw = page.getByLabel(/^Withdraw all my consents/);
    expect(await withdraw.isChecked()).toBe(false);
    await screenshot(page, 'delete-account');
    await expectAccessible(page);
    // Without the confirmation word nothing happens.
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.getByRole('alert').getByText('Type the word “delete” to confirm.').waitFor();
    expect((await call('GET', '/v1/me', { token: customer.tokens.accessToken })).status).toBe(200);

    await page.getByLabel('To confirm, type the word “delete”').fill('delete');
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.getByRole('status').filter({ hasText: 'Your account is closed and you are signed out.' }).waitFor();
    await page.getByText('Your consents stay as they were.').waitFor();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Sign in' }).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Catalogue' }).waitFor();

    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(customer.email);
    await page.getByLabel('Password').fill(customer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect((await call('POST', '/v1/auth/login', { body: { email: customer.email, password: customer.password } })).status).not.toBe(200);

    const audit = await auditOf(customer.customerId);
    const closed = audit.find((e) => e.action === 'account.closed');
    expect(closed?.details['consentsWithdrawn']).toBe(false);
    expect(audit.map((e) => e.action)).not.toContain('consent.withdrawn');
    expect(audit.filter((e) => e.action === 'consent.granted').map((e) => e.details['purpose'])).toContain('advertising');
    expect(errors).toEqual([]);
    await context.close();
  });
});
