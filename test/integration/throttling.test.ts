/**
 * Repeated failed sign-ins are throttled per account (429), and failures from several networks
 * against one account put it on the operators' watch list. Other loopback addresses stand for
 * other networks (127.0.0.0/8 is all this machine).
 */
import { describe, expect, it } from 'vitest';
import { call } from '../support/api';
import { callFrom, login, operatorTokens, registerCustomer } from '../support/customers';

describe('sign-in throttling and the watch list', () => {
  it('answers 429 with Retry-After once an account has failed five times in the window', async () => {
    const customer = await registerCustomer();
    for (let i = 0; i < 5; i += 1) expect((await login(customer.email, `Wrong-Pass-${i}-Aa!`)).status).toBe(401);
    const limited = await login(customer.email, customer.password);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('puts an account failing from three networks on the watch list', async () => {
    const customer = await registerCustomer();
    // Two failures from the first network: the third network arrives with the fourth failure.
    for (const address of ['127.0.1.1', '127.0.1.2', '127.0.2.1', '127.0.3.1']) {
      const response = await callFrom(address, 'POST', '/v1/auth/login', { email: customer.email, password: 'Not-His-Pass-1!' });
      expect(response.status).toBe(401);
    }
    const operator = await operatorTokens();
    const list = await call<{ items: { customerId: string; status: string; signals: { networks: number } }[] }>('GET', '/v1/admin/watch-list', { token: operator.accessToken });
    expect(list.status).toBe(200);
    const entry = list.body.items.find((e) => e.customerId === customer.customerId);
    expect(entry).toMatchObject({ status: 'OPEN', signals: { networks: 3 } });
    expect((await call('GET', '/v1/admin/watch-list', { token: customer.tokens.accessToken })).status).toBe(403);
    const audit = await call<{ items: { action: string }[] }>('GET', `/v1/admin/customers/${customer.customerId}/audit?limit=100`, { token: operator.accessToken });
    expect(audit.body.items.filter((e) => e.action === 'account.watch_listed')).toHaveLength(1);
  });
});
