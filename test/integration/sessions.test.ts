/**
 * Sign-in, refresh and the end of sessions: a revoked or ended session's tokens are refused at
 * once, not when they expire.
 */
import { describe, expect, it } from 'vitest';
import { call, eventually } from '../support/api';
import { claimsOf, latestCode, login, outbox, registerCustomer, strongPassword } from '../support/customers';

const me = (token: string) => call('GET', '/v1/me', { token });

describe('sessions', () => {
  it('answers bad credentials with one generic 401, unknown email or wrong password alike', async () => {
    const customer = await registerCustomer();
    const wrongPassword = await login(customer.email, 'Wrong-Password-1!');
    const unknownEmail = await login(`nobody-${customer.customerId}@example.com`, 'Wrong-Password-1!');
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.text).toBe(unknownEmail.text);
  });

  it('refreshes a live session and refuses a garbage refresh token', async () => {
    const customer = await registerCustomer();
    const refreshed = await call<{ accessToken: string }>('POST', '/v1/auth/refresh', { body: { refreshToken: customer.tokens.refreshToken } });
    expect(refreshed.status).toBe(200);
    expect((await me(refreshed.body.accessToken)).status).toBe(200);
    expect((await call('POST', '/v1/auth/refresh', { body: { refreshToken: 'not-a-token' } })).status).toBe(401);
  });

  it('refuses the access token right after logout, and the refresh token too', async () => {
    const customer = await registerCustomer();
    const other = await login(customer.email, customer.password);
    expect((await me(customer.tokens.accessToken)).status).toBe(200);
    const out = await call('POST', '/v1/auth/logout', { token: customer.tokens.accessToken, body: { refreshToken: customer.tokens.refreshToken } });
    expect(out.status).toBe(204);
    expect((await me(customer.tokens.accessToken)).status).toBe(401);
    expect((await call('POST', '/v1/auth/refresh', { body: { refreshToken: customer.tokens.refreshToken } })).status).toBe(401);
    // Another session of the same customer goes on.
    expect((await me(other.body.accessToken)).status).toBe(200);
  });

  it('ends every session on a password reset; the new password works, the old one does not', async () => {
    const customer = await registerCustomer();
    const sent = (await outbox(customer.email)).filter((m) => m.category === 'auth').length;
    expect((await call('POST', '/v1/auth/password/forgot', { body: { email: customer.email } })).status).toBe(202);
    const code = await latestCode(customer.email, sent);
    const newPassword = strongPassword();
    const weak = await call('POST', '/v1/auth/password/reset', { body: { email: customer.email, code, newPassword: 'short' } });
    expect(weak.status).toBe(422);
    expect((await call('POST', '/v1/auth/password/reset', { body: { email: customer.email, code, newPassword } })).status).toBe(204);
    expect((await me(customer.tokens.accessToken)).status).toBe(401);
    expect((await call('POST', '/v1/auth/refresh', { body: { refreshToken: customer.tokens.refreshToken } })).status).toBe(401);
    expect((await login(customer.email, customer.password)).status).toBe(401);
    const fresh = await login(customer.email, newPassword);
    expect(fresh.status).toBe(200);
    expect((await me(fresh.body.accessToken)).status).toBe(200);
  });

  it('answers forgot-password with 202 for an unknown email too', async () => {
    const response = await call('POST', '/v1/auth/password/forgot', { body: { email: 'nobody-at-all@example.com' } });
    expect(response.status).toBe(202);
  });

  it('ends the other sessions on a password change and keeps the one that made it', async () => {
    const customer = await registerCustomer();
    const other = await login(customer.email, customer.password);
    const newPassword = strongPassword();
    const wrong = await call<{ errors: { path: string }[] }>('POST', '/v1/auth/password/change', {
      token: customer.tokens.accessToken,
      body: { currentPassword: 'Not-The-Password-1!', newPassword },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0]?.path).toBe('body.currentPassword');
    const changed = await call('POST', '/v1/auth/password/change', {
      token: customer.tokens.accessToken,
      body: { currentPassword: customer.password, newPassword },
    });
    expect(changed.status).toBe(204);
    expect((await me(customer.tokens.accessToken)).status).toBe(200);
    expect((await me(other.body.accessToken)).status).toBe(401);
    expect((await call('POST', '/v1/auth/refresh', { body: { refreshToken: other.body.refreshToken } })).status).toBe(401);
    expect((await login(customer.email, newPassword)).status).toBe(200);
    // The notice goes through the outbound queue, so it arrives shortly after the answer.
    await eventually(async () => (await outbox(customer.email)).find((m) => /password was changed/.test(m.subject ?? '')), 20_000);
  });

  it('gives access tokens a session id that survives refresh', async () => {
    const customer = await registerCustomer();
    const refreshed = await call<{ accessToken: string }>('POST', '/v1/auth/refresh', { body: { refreshToken: customer.tokens.refreshToken } });
    const first = claimsOf(customer.tokens.accessToken);
    const second = claimsOf(refreshed.body.accessToken);
    expect(typeof first['origin_jti']).toBe('string');
    expect(second['origin_jti']).toBe(first['origin_jti']);
    expect(second['auth_time']).toBe(first['auth_time']);
  });
});
