/**
 * Registration and confirmation (policy 1.1–1.2, 152-FZ Art. 9): consents per purpose, the
 * password rule, no account enumeration, one profile per confirmation.
 */
import { describe, expect, it } from 'vitest';
import { call, eventually, problemContentType } from '../support/api';
import { consentVersion, latestCode, login, operatorTokens, outbox, registerCustomer, registrationBody, strongPassword, uniqueEmail } from '../support/customers';

describe('registration', () => {
  it('refuses a weak password with 422 naming each rule it breaks', async () => {
    const response = await call<{ errors: { path: string; message: string }[] }>('POST', '/v1/auth/register', {
      body: registrationBody(uniqueEmail(), 'password'),
    });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toMatch(problemContentType);
    const messages = response.body.errors.filter((e) => e.path === 'body.password').map((e) => e.message);
    expect(messages).toEqual(expect.arrayContaining([
      'must be at least 12 characters long',
      'must contain an upper-case letter',
      'must contain a digit',
      expect.stringMatching(/^must contain a symbol/),
    ]));
  });

  it('requires consent to personal data processing at its current version', async () => {
    const email = uniqueEmail();
    const withoutRequired = registrationBody(email, strongPassword(), {
      consents: [{ purpose: 'advertising', documentVersion: consentVersion, granted: true }],
    });
    const refused = await call<{ errors: { path: string; message: string }[] }>('POST', '/v1/auth/register', { body: withoutRequired });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]?.path).toBe('body.consents');
    expect(refused.body.errors[0]?.message).toMatch(/personal_data_processing/);

    const declined = registrationBody(email, strongPassword(), {
      consents: [{ purpose: 'personal_data_processing', documentVersion: consentVersion, granted: false }],
    });
    expect((await call('POST', '/v1/auth/register', { body: declined })).status).toBe(422);

    const outdated = registrationBody(email, strongPassword(), {
      consents: [
        { purpose: 'personal_data_processing', documentVersion: consentVersion, granted: true },
        { purpose: 'advertising', documentVersion: '2019-01-01', granted: true },
      ],
    });
    const conflict = await call<{ detail: string }>('POST', '/v1/auth/register', { body: outdated });
    expect(conflict.status).toBe(409);
    expect(conflict.body.detail).toContain(consentVersion);
    expect(await outbox(email)).toEqual([]);
  });

  it('answers a second registration of an email exactly like a first, and tells the owner', async () => {
    const customer = await registerCustomer();
    const first = await call('POST', '/v1/auth/register', { body: registrationBody(uniqueEmail(), strongPassword()) });
    const again = await call('POST', '/v1/auth/register', { body: registrationBody(customer.email.toUpperCase(), strongPassword()), headers: { 'Accept-Language': 'en' } });
    expect(again.status).toBe(first.status);
    expect(again.text).toBe(first.text);
    // The notice goes through the outbound queue, so it arrives shortly after the answer.
    const notices = await eventually(async () => {
      const found = (await outbox(customer.email)).filter((m) => /tried to register/.test(m.subject ?? ''));
      return found.length > 0 ? found : undefined;
    });
    expect(notices).toHaveLength(1);
    // The existing password still works; the second password never did.
    expect((await login(customer.email, customer.password)).status).toBe(200);
  });

  it('refuses a wrong code with 422, and creates the profile once however often the code is used', async () => {
    const email = uniqueEmail();
    const password = strongPassword();
    expect((await call('POST', '/v1/auth/register', { body: registrationBody(email, password) })).status).toBe(202);
    const wrong = await call<{ errors: { path: string }[] }>('POST', '/v1/auth/confirm', { body: { email, code: '000000' } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0]?.path).toBe('body.code');
    expect((await login(email, password)).status).toBe(401);

    const code = await latestCode(email);
    expect((await call('POST', '/v1/auth/confirm', { body: { email, code } })).status).toBe(204);
    await call('POST', '/v1/auth/confirm', { body: { email, code } });
    const signedIn = await login(email, password);
    expect(signedIn.status).toBe(200);
    const me = await call<{ email: string; firstName: string; lastName: string; phone: null }>('GET', '/v1/me', { token: signedIn.body.accessToken });
    expect(me.body).toMatchObject({ email, firstName: 'Anna', lastName: 'Karenina', phone: null });

    const operator = await operatorTokens();
    const customerId = String(JSON.parse(Buffer.from(signedIn.body.accessToken.split('.')[1] ?? '', 'base64url').toString())['sub']);
    const audit = await call<{ items: { action: string }[] }>('GET', `/v1/admin/customers/${customerId}/audit?limit=100`, { token: operator.accessToken });
    expect(audit.body.items.filter((e) => e.action === 'account.confirmed')).toHaveLength(1);
    expect(audit.body.items.filter((e) => e.action === 'account.registered')).toHaveLength(1);
  });
});
