/**
 * Password recovery is rate-limited like sign-in (issue 10, point 3): forgotten-password requests
 * and wrong reset codes count per account (a hash of the email) and per network (/24), with 429 and
 * Retry-After past the limit, for registered and unknown addresses alike. Each test calls from a
 * network of its own, so other tests' requests are not limited.
 */
import { describe, expect, it } from 'vitest';
import { callFrom, uniqueEmail } from '../support/customers';

describe('password recovery limits', () => {
  it('refuses a sixth forgotten-password request for one address in the window, known or not', async () => {
    const email = uniqueEmail('recovery');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await callFrom('127.0.91.1', 'POST', '/v1/auth/password/forgot', { email })).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    // Another address from the same network is not limited by the first one's count.
    expect((await callFrom('127.0.91.1', 'POST', '/v1/auth/password/forgot', { email: uniqueEmail('recovery') })).status).toBe(202);
  });

  it('refuses reset attempts after five wrong codes for an address, with a problem document', async () => {
    const email = uniqueEmail('reset');
    const statuses: number[] = [];
    let last: { status: number; body: unknown } | undefined;
    for (let i = 0; i < 6; i += 1) {
      last = await callFrom('127.0.92.1', 'POST', '/v1/auth/password/reset', { email, code: '000000', newPassword: 'Another-Strong-Pass1!' });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([422, 422, 422, 422, 422, 429]);
    expect(last?.body).toMatchObject({ status: 429, type: expect.stringContaining('too-many-requests') });
  });
});
