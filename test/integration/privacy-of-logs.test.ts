/**
 * No personal data in logs: a customer goes through every account path with values that
 * cannot occur by chance, then the stack's log is searched for them. (The global teardown
 * searches the whole run's log again for any email, phone or token.)
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { call } from '../support/api';
import { login, operatorTokens, registerCustomer, strongPassword } from '../support/customers';
import { findPersonalData } from '../support/personal-data';

describe('logs', () => {
  it('hold no email, phone, name, password or token of a customer', async () => {
    const lastName = `Zq${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const customer = await registerCustomer();
    const token = customer.tokens.accessToken;
    const phone = `+7925${Math.floor(1_000_000 + Math.random() * 8_999_999)}`;
    await call('PATCH', '/v1/me', { token, body: { lastName, phone } });
    await call('PATCH', '/v1/me', { token, body: { phone: 'not-a-phone', lastName: '<b>' } });
    await login(customer.email, `${customer.password}-wrong`);
    await call('POST', '/v1/auth/refresh', { body: { refreshToken: customer.tokens.refreshToken } });
    const newPassword = strongPassword();
    await call('POST', '/v1/auth/password/change', { token, body: { currentPassword: customer.password, newPassword } });
    await call('GET', '/v1/me', { token: `${token}x` });
    const operator = await operatorTokens();
    await call('POST', `/v1/admin/customers/${customer.customerId}/force-password-reset`, { token: operator.accessToken, body: { reason: 'log privacy check' } });
    await call('POST', '/v1/auth/logout', { token, body: { refreshToken: customer.tokens.refreshToken } });
    await new Promise((r) => setTimeout(r, 1_000));

    const log = readFileSync(inject('stackLogFile'), 'utf8');
    expect(log).toMatch(/"message":"access"/); // the log is the stack's, and it was written
    const secrets = [customer.email, customer.password, newPassword, phone, lastName, customer.tokens.accessToken, customer.tokens.refreshToken, customer.tokens.idToken, operator.accessToken];
    expect(findPersonalData(log, secrets)).toEqual([]);
  });
});
