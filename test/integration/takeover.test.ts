/**
 * Account takeover (policy 3.3): an operator changes the password unilaterally; the old
 * password and every token stop working at once; the customer is told by email and SMS how to
 * set a new password, and can; the audit trail names the operator and the reason.
 */
import { describe, expect, it } from 'vitest';
import { call } from '../support/api';
import { claimsOf, latestCode, login, operatorTokens, outbox, registerCustomer, strongPassword } from '../support/customers';

describe('forced password reset', () => {
  it('locks out the old password and tokens, tells the customer, and the forgot-password flow then works', async () => {
    const customer = await registerCustomer();
    const phone = `+7916${Math.floor(1_000_000 + Math.random() * 8_999_999)}`;
    expect((await call('PATCH', '/v1/me', { token: customer.tokens.accessToken, body: { phone } })).status).toBe(200);
    const operator = await operatorTokens();
    const reason = 'Sign-ins from three countries within an hour';

    expect((await call('POST', `/v1/admin/customers/${customer.customerId}/force-password-reset`, { token: customer.tokens.accessToken, body: { reason } })).status).toBe(403);
    const forced = await call('POST', `/v1/admin/customers/${customer.customerId}/force-password-reset`, { token: operator.accessToken, body: { reason } });
    expect(forced.status).toBe(202);

    expect((await call('GET', '/v1/me', { token: customer.tokens.accessToken })).status).toBe(401);
    expect((await call('POST', '/v1/auth/refresh', { body: { refreshToken: customer.tokens.refreshToken } })).status).toBe(401);
    expect((await login(customer.email, customer.password)).status).toBe(401);

    const email = (await outbox(customer.email, 'email')).find((m) => /changed your imobook.ru password/.test(m.subject ?? ''));
    expect(email?.category).toBe('service');
    expect(email?.body).toMatch(/Forgot password/);
    const sms = await outbox(phone, 'sms');
    expect(sms.some((m) => /Forgot password/.test(m.body))).toBe(true);

    const before = (await outbox(customer.email)).filter((m) => m.category === 'auth').length;
    expect((await call('POST', '/v1/auth/password/forgot', { body: { email: customer.email } })).status).toBe(202);
    const code = await latestCode(customer.email, before);
    const newPassword = strongPassword();
    expect((await call('POST', '/v1/auth/password/reset', { body: { email: customer.email, code, newPassword } })).status).toBe(204);
    expect((await login(customer.email, newPassword)).status).toBe(200);

    const audit = await call<{ items: { action: string; actor: { type: string; id: string }; reason: string | null }[] }>(
      'GET',
      `/v1/admin/customers/${customer.customerId}/audit?limit=100`,
      { token: operator.accessToken },
    );
    const entry = audit.body.items.find((e) => e.action === 'password.forced_reset');
    expect(entry).toMatchObject({ actor: { type: 'operator', id: String(claimsOf(operator.accessToken)['sub']) }, reason });
  });

  it('answers 404 for an unknown customer and 422 without a reason', async () => {
    const operator = await operatorTokens();
    expect((await call('POST', '/v1/admin/customers/00000000-0000-0000-0000-000000000000/force-password-reset', { token: operator.accessToken, body: { reason: 'checking' } })).status).toBe(404);
    expect((await call('POST', '/v1/admin/customers/abc/force-password-reset', { token: operator.accessToken, body: {} })).status).toBe(422);
  });
});
