/**
 * GET /v1/me/loyalty: only for a customer who granted the loyalty_program consent (policy 1.3.1);
 * anyone else is told which consent is missing.
 */
import { describe, expect, it } from 'vitest';
import { call, problemContentType } from '../support/api';
import { consentVersion, registerCustomer } from '../support/customers';

interface Problem {
  type: string;
  status: number;
  detail: string;
}

const setLoyaltyConsent = async (token: string, granted: boolean) => {
  const response = await call('PUT', '/v1/me/consents/loyalty_program', { token, body: { granted, documentVersion: consentVersion } });
  expect(response.status).toBe(200);
};

describe('the loyalty endpoint', () => {
  it('answers 403 naming loyalty_program to a customer who has not granted it', async () => {
    const token = (await registerCustomer()).tokens.accessToken;
    const refused = await call<Problem>('GET', '/v1/me/loyalty', { token });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(problemContentType);
    expect(refused.body).toMatchObject({ type: 'urn:problem:folio:forbidden', status: 403 });
    expect(refused.body.detail).toBe('Grant the loyalty_program consent to take part in the loyalty programme.');
  });

  it('shows bronze with silver next after the consent is granted, and refuses again once it is withdrawn', async () => {
    const token = (await registerCustomer()).tokens.accessToken;
    await setLoyaltyConsent(token, true);
    const status = await call('GET', '/v1/me/loyalty', { token });
    expect(status.status).toBe(200);
    expect(status.headers.get('cache-control')).toBe('no-store');
    expect(status.body).toEqual({ tier: 'bronze', lifetimeSpendMinor: 0, nextTier: 'silver', spendToNextTierMinor: 1_500_000 });

    await setLoyaltyConsent(token, false);
    const refused = await call<Problem>('GET', '/v1/me/loyalty', { token });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toContain('loyalty_program');
  });

  it('is for signed-in customers only', async () => {
    expect((await call('GET', '/v1/me/loyalty')).status).toBe(401);
  });
});
