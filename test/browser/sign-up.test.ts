/**
 * Signing up, confirming, signing in and out, a forgotten password and a changed one, through
 * the pages in a real browser (issue 8, point 1): each consent its own unticked box, the
 * required one refused in words when not ticked, the same answer for an address already
 * registered, and the Russian page.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cookies } from '../../system/cookies';
import { call } from '../support/api';
import { latestCode, login, outbox, registerCustomer, strongPassword, uniqueEmail } from '../support/customers';
import { expectAccessible } from './support/accessibility';
import { expectNoHorizontalOverflow, newVisitor, screenshot, useBrowser } from './support/browser';

const browser = useBrowser();

const purposes = ['personal_data_processing', 'advertising', 'personalization', 'loyalty_program'] as const;
const requiredConsentLabel = /Processing of my personal data for my account/;

const closeCookieNotice = async (page: Page, button = 'Got it') => {
  await page.getByRole('button', { name: button }).click();
};

/** Every call the pages make to a path of the API (the session worker's calls included). */
const watchCalls = (context: BrowserContext, path: string): string[] => {
  const seen: string[] = [];
  context.on('request', (request) => {
    if (new URL(request.url()).pathname === path) seen.push(request.postData() ?? '');
  });
  return seen;
};

const authCodes = async (email: string) => (await outbox(email, 'email')).filter((m) => m.category === 'auth').length;

const fillSignUp = async (page: Page, fields: { email: string; password: string; first: string; last: string }, labels = { email: /^Email/ as string | RegExp, password: /^Password/, first: 'First name', last: 'Last name' }) => {
  await page.getByLabel(labels.email).fill(fields.email);
  await page.getByLabel(labels.password).fill(fields.password);
  await page.getByLabel(labels.first).fill(fields.first);
  await page.getByLabel(labels.last).fill(fields.last);
};

const signInThroughForm = async (page: Page, email: string, password: string) => {
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
};

/** Moves within the app without reloading (a reload always starts signed out: the tokens live in the worker). */
const goWithinApp = (page: Page, path: string) =>
  page.evaluate((to) => {
    history.pushState(null, '', to);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);

describe('signing up', () => {
  it('signs up with each consent its own unticked box, refuses without the required one, confirms, signs in and out', async () => {
    const { context, page, errors } = await newVisitor(browser());
    const registrations = watchCalls(context, '/v1/auth/register');
    const email = uniqueEmail('signup');
    const password = strongPassword();
    await page.goto('/sign-up');
    await page.getByRole('heading', { level: 1, name: 'Sign up' }).waitFor();
    await closeCookieNotice(page);

    // Each consent: its own checkbox, unticked, with its summary and a link to its full text.
    const consents = page.getByRole('group', { name: 'Consents' });
    await consents.getByRole('checkbox').first().waitFor();
    expect(await consents.getByRole('checkbox').count()).toBe(purposes.length);
    for (const box of await consents.getByRole('checkbox').all()) expect(await box.isChecked()).toBe(false);
    for (const purpose of purposes) expect(await consents.locator(`a[href="/privacy#consent-${purpose}"]`).count()).toBe(1);
    await consents.getByText('Optional: switch it off any time in your account.').waitFor();
    expect(await consents.getByRole('checkbox', { name: requiredConsentLabel }).count()).toBe(1);
    expect(await consents.getByText('(required)').count()).toBe(1);
    await expectAccessible(page);

    // The password rule is shown, and a weak password is refused before the API is asked.
    await page.getByText('At least 12 characters, with a lower-case and an upper-case letter, a digit and a symbol').waitFor();
    await fillSignUp(page, { email, password: 'short', first: 'Anna', last: 'Karenina' });
    await page.getByRole('checkbox', { name: requiredConsentLabel }).check();
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByText('The password must be at least 12 characters long').waitFor();
    expect(registrations).toEqual([]);

    // Without the required consent: refused in words, nothing sent.
    await page.getByLabel(/^Password/).fill(password);
    await page.getByRole('checkbox', { name: requiredConsentLabel }).uncheck();
    await page.getByRole('checkbox', { name: /Advertising and news/ }).check();
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('alert').getByText(/To open an account, tick the consent to processing of your personal data/).waitFor();
    expect(registrations).toEqual([]);

    // The full text opens in a new tab at the consent's heading.
    const [privacyTab] = await Promise.all([context.waitForEvent('page'), consents.locator('a[href="/privacy#consent-advertising"]').click()]);
    await privacyTab.getByRole('heading', { level: 3, name: 'Advertising and news by email, SMS and push notifications' }).waitFor();
    await expect.poll(() => privacyTab.evaluate(() => document.activeElement?.id)).toBe('consent-advertising');
    await privacyTab.close();

    // Ticking the required consent takes its message away; then, on a fresh page, the form filled in.
    await page.getByRole('checkbox', { name: requiredConsentLabel }).check();
    expect(await consents.getByText(/To open an account, tick/).count()).toBe(0);
    await page.reload();
    await consents.getByRole('checkbox').first().waitFor();
    await fillSignUp(page, { email, password, first: 'Anna', last: 'Karenina' });
    await page.getByRole('checkbox', { name: requiredConsentLabel }).check();
    await screenshot(page, 'sign-up');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.waitForURL(/\/sign-up\/confirm$/);
    await page.getByRole('heading', { level: 1, name: 'Confirm your email' }).waitFor();
    await page.getByText(`We have sent an email to ${email}.`).waitFor();
    const sent = JSON.parse(registrations[0] ?? '{}') as { consents: { purpose: string; granted: boolean; documentVersion: string }[]; firstName: string };
    expect(registrations).toHaveLength(1);
    expect(sent.consents.map((c) => [c.purpose, c.granted])).toEqual(purposes.map((p) => [p, p === 'personal_data_processing']));
    expect(sent.consents.every((c) => c.documentVersion === '2025-09-01')).toBe(true);
    expect(page.url()).not.toContain('@');

    // The confirmation page: the email filled in; a wrong code refused in words.
    expect(await page.getByLabel(/^Email/).inputValue()).toBe(email);
    await expectAccessible(page);
    await screenshot(page, 'confirm-sign-up');
    await page.getByLabel('Code from the email').fill('000000');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('alert').getByText('That code is wrong or has expired.', { exact: false }).waitFor();
    await page.getByLabel('Code from the email').fill(await latestCode(email));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.waitForURL(/\/sign-in\?reason=confirmed$/);
    await page.getByText('Your email is confirmed. Now sign in.').waitFor();

    // Signed in, to the account; signed out by the header's button; the account then asks to sign in.
    await signInThroughForm(page, email, password);
    await page.waitForURL(/\/account$/);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in$/);
    await goWithinApp(page, '/account');
    await page.waitForURL(/\/sign-in\?next=%2Faccount$/);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.goto('/account');
    await page.waitForURL(/\/sign-in\?next=%2Faccount$/);

    // The account's messages are in the language of the pages it was made on.
    const tokens = await login(email, password);
    expect(tokens.status).toBe(200);
    expect((await call<{ locale: string }>('GET', '/v1/me', { token: tokens.body.accessToken })).body.locale).toBe('en');

    // The same address again: the same answer and the same page, no hint that it is taken.
    const codesBefore = await authCodes(email);
    await page.goto('/sign-up');
    await page.getByRole('heading', { level: 1, name: 'Sign up' }).waitFor();
    await fillSignUp(page, { email, password: strongPassword(), first: 'Someone', last: 'Else' });
    await page.getByRole('checkbox', { name: requiredConsentLabel }).check();
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.waitForURL(/\/sign-up\/confirm$/);
    await page.getByText(`We have sent an email to ${email}.`).waitFor();
    await page.getByText('If you have just signed up, it holds a 6-digit code').waitFor();
    expect(await authCodes(email)).toBe(codesBefore);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the sign-up page in Russian for a Russian browser, and the account speaks Russian', async () => {
    const { context, page, errors } = await newVisitor(browser(), { locale: 'ru-RU' });
    const email = uniqueEmail('signup-ru');
    const password = strongPassword();
    await page.goto('/sign-up');
    await page.getByRole('heading', { level: 1, name: 'Регистрация' }).waitFor();
    await closeCookieNotice(page, 'Понятно');
    const consents = page.getByRole('group', { name: 'Согласия' });
    await consents.getByRole('checkbox').first().waitFor();
    expect(await consents.getByRole('checkbox').count()).toBe(purposes.length);
    await page.getByText('Не короче 12 символов, со строчной и заглавной буквой').waitFor();
    await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
    await page.getByRole('alert').getByText('Проверьте выделенные поля.', { exact: false }).waitFor();
    await page.getByText('Чтобы открыть аккаунт, отметьте согласие на обработку персональных данных').first().waitFor();
    await page.getByText('Введите адрес электронной почты.').waitFor();
    await page.reload();
    await consents.getByRole('checkbox').first().waitFor();
    await fillSignUp(page, { email, password, first: 'Анна', last: 'Каренина' }, { email: 'Электронная почта', password: /^Пароль/, first: 'Имя', last: 'Фамилия' });
    await page.getByRole('checkbox', { name: /Обработка персональных данных для аккаунта/ }).check();
    await expectAccessible(page);
    await screenshot(page, 'sign-up-ru');
    await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
    await page.getByRole('heading', { level: 1, name: 'Подтвердите почту' }).waitFor();
    await page.getByText(`Мы отправили письмо на адрес ${email}.`).waitFor();
    expect((await call('POST', '/v1/auth/confirm', { body: { email, code: await latestCode(email) } })).status).toBe(204);
    const tokens = await login(email, password);
    expect((await call<{ locale: string }>('GET', '/v1/me', { token: tokens.body.accessToken })).body.locale).toBe('ru');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fits a phone: no sideways scrolling on the sign-up page or the privacy policy', async () => {
    const { context, page } = await newVisitor(browser(), { phone: true });
    await page.goto('/sign-up');
    await page.getByRole('group', { name: 'Consents' }).getByRole('checkbox').first().waitFor();
    await fillSignUp(page, { email: uniqueEmail('phone'), password: strongPassword(), first: 'A'.repeat(100), last: 'Б'.repeat(100) });
    await expectNoHorizontalOverflow(page);
    await page.goto('/privacy');
    await page.locator('#consent-personal_data_processing').waitFor();
    await expectNoHorizontalOverflow(page);
    await context.close();
  });
});

describe('the privacy policy page', () => {
  it('shows the rights in short, the cookies, the policy and every consent in full under its own heading', async () => {
    const { context, page, errors } = await newVisitor(browser());
    await page.goto('/privacy');
    await page.getByRole('heading', { level: 1, name: 'Privacy policy' }).waitFor();
    await closeCookieNotice(page);
    const documents = (await call<{ privacyPolicy: { text: string }; consents: { purpose: string; title: string; text: string }[] }>('GET', '/v1/legal/documents')).body;
    for (const document of documents.consents) {
      const heading = page.locator(`h3#consent-${document.purpose}`);
      await heading.waitFor();
      const article = page.locator('article', { has: heading });
      expect(await article.textContent()).toContain(document.title);
      // The full text, paragraph by paragraph (its last line as a check).
      const lastLine = document.text.trim().split('\n').at(-1)?.replace(/^- /, '') ?? '';
      expect(await article.textContent()).toContain(lastLine);
    }
    expect(await page.locator('#policy').textContent()).toContain(documents.privacyPolicy.text.trim().split('\n').at(-1));
    expect(await page.locator('#policy .legal-text p').count()).toBeGreaterThan(10);
    const cookieTable = page.locator('#cookies table');
    for (const cookie of cookies) {
      expect(await cookieTable.textContent()).toContain(cookie.name);
      expect(await cookieTable.textContent()).toContain(cookie.purpose.en);
    }
    for (const href of ['/account/privacy', '/account/subscriptions', '/account/consents']) expect(await page.locator(`#rights a[href="${href}"]`).count()).toBe(1);
    await expectAccessible(page);
    await screenshot(page, 'privacy-policy');

    await page.getByRole('button', { name: 'Русский' }).click();
    await page.getByRole('heading', { level: 1, name: 'Политика конфиденциальности' }).waitFor();
    expect(await cookieTable.textContent()).toContain(cookies[0]?.purpose.ru);
    await page.getByRole('heading', { level: 2, name: 'Ваши права — коротко' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('passwords', () => {
  it('resets a forgotten password with the emailed code; the old password is then refused in words', async () => {
    const customer = await registerCustomer();
    const { context, page, errors } = await newVisitor(browser());
    await page.goto('/sign-in');
    await closeCookieNotice(page);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reset your password' }).waitFor();
    await expectAccessible(page);
    const before = await authCodes(customer.email);
    await page.getByLabel('Email').fill(customer.email);
    await page.getByRole('button', { name: 'Send the code' }).click();
    await page.getByText(`If an account exists for ${customer.email}, we have sent a code to it.`).waitFor();
    const code = await latestCode(customer.email, before);

    // A wrong code, then a weak password: each refused in words.
    const newPassword = strongPassword();
    await page.getByLabel('Code from the email').fill(code === '000000' ? '111111' : '000000');
    await page.getByLabel('New password').fill(newPassword);
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByRole('alert').getByText('That code is wrong or has expired.', { exact: false }).waitFor();
    await page.getByLabel('Code from the email').fill(code);
    await page.getByLabel('New password').fill('weakpassword');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByText('must contain an upper-case letter').waitFor();
    await page.getByLabel('New password').fill(newPassword);
    await expectAccessible(page);
    await screenshot(page, 'forgot-password');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.waitForURL(/\/sign-in\?reason=reset$/);
    await page.getByText('Your password has been changed. Sign in with the new one.').waitFor();

    await page.getByLabel('Email').fill(customer.email);
    await page.getByLabel('Password').fill(customer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('Wrong email or password.').waitFor();
    await page.getByLabel('Password').fill(newPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/account$/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('changes the password while signed in: this session stays, the others end, the old password is refused', async () => {
    const customer = await registerCustomer();
    const { context, page, errors } = await newVisitor(browser());
    await page.goto('/sign-in');
    await closeCookieNotice(page);
    await signInThroughForm(page, customer.email, customer.password);
    await page.waitForURL(/\/account$/);
    await goWithinApp(page, '/account/password');
    await page.getByRole('heading', { level: 1, name: 'Change your password' }).waitFor();
    await expectAccessible(page);

    const newPassword = strongPassword();
    await page.getByLabel('Current password').fill('Not-The-Password-1!');
    await page.getByLabel('New password').fill(newPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('alert').getByText('That is not your current password.').waitFor();

    await page.getByLabel('Current password').fill(customer.password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password has been changed.').waitFor();
    await page.getByText('You are still signed in here. Every other device and browser has been signed out').waitFor();
    expect(await page.getByLabel('New password').inputValue()).toBe('');
    await expectAccessible(page);
    await screenshot(page, 'change-password');

    // The session the API helper opened has ended; this one has not.
    expect((await call('GET', '/v1/me', { token: customer.tokens.accessToken })).status).toBe(401);
    await page.getByRole('link', { name: 'Back to my account' }).click();
    await page.waitForURL(/\/account$/);
    expect((await login(customer.email, customer.password)).status).toBe(401);
    expect((await login(customer.email, newPassword)).status).toBe(200);
    expect(errors).toEqual([]);
    await context.close();
  });
});
