/**
 * Disclosures under a legal requirement (policy 2.2): an operator records one; it is kept, appears
 * in the customer's audit trail and in the access export; a retry with the same key records
 * nothing new.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { call, problemContentType, stackInfo, useFunctionEnvironment } from '../support/api';
import { operatorTokens, registerCustomer } from '../support/customers';

interface DisclosureView {
  disclosureId: string;
  customerId: string;
  recipient: string;
  legalBasis: string;
  dataCategories: string[];
  disclosedAt: string;
}

const disclosure = (customerId: string) => ({
  customerId,
  recipient: 'Investigative Committee, Moscow department',
  legalBasis: '152-FZ Art. 6 part 1 item 2; request No. 12/345 of 2026-11-20',
  dataCategories: ['order history', 'delivery addresses'],
});

describe('disclosures', () => {
  it("are recorded once per key, in the customer's audit trail and access export", async () => {
    const customer = await registerCustomer();
    const operator = (await operatorTokens()).accessToken;
    const key = randomUUID();
    const body = disclosure(customer.customerId);
    const first = await call<DisclosureView>('POST', '/v1/admin/disclosures', { token: operator, body, headers: { 'Idempotency-Key': key } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ ...body, disclosureId: expect.any(String), disclosedAt: expect.any(String) });
    const retry = await call<DisclosureView>('POST', '/v1/admin/disclosures', { token: operator, body, headers: { 'Idempotency-Key': key } });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    const reused = await call('POST', '/v1/admin/disclosures', { token: operator, body: { ...body, recipient: 'Another authority' }, headers: { 'Idempotency-Key': key } });
    expect(reused.status).toBe(409);

    const audit = await call<{ items: { action: string; reason: string | null; actor: { type: string }; details: Record<string, unknown> }[] }>(
      'GET',
      `/v1/admin/customers/${customer.customerId}/audit?limit=100`,
      { token: operator },
    );
    const entries = audit.body.items.filter((e) => e.action === 'data.disclosed');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: { type: 'operator' }, reason: body.legalBasis, details: { disclosureId: first.body.disclosureId, recipient: body.recipient } });

    useFunctionEnvironment(await stackInfo());
    const { buildAccessExport } = await import('../../lambdas/domain/privacy/access-export');
    const { readCustomerItems } = await import('../../lambdas/adapters/customer-items');
    const exported = await buildAccessExport(readCustomerItems, customer.customerId, new Date());
    expect(exported.sections['disclosures']).toEqual([expect.objectContaining({ disclosureId: first.body.disclosureId, recipient: body.recipient, legalBasis: body.legalBasis })]);
  });

  it('refuses an unknown customer, bad fields, and callers who are not operators', async () => {
    const operator = (await operatorTokens()).accessToken;
    expect((await call('POST', '/v1/admin/disclosures', { token: operator, body: disclosure(randomUUID()) })).status).toBe(404);
    const bad = await call<{ errors: { path: string }[] }>('POST', '/v1/admin/disclosures', {
      token: operator,
      body: { customerId: 'x', recipient: '', legalBasis: 'basis', dataCategories: [], extra: true },
    });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toMatch(problemContentType);
    expect(bad.body.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['body.recipient', 'body.dataCategories', 'body.extra']));
    const customer = await registerCustomer();
    expect((await call('POST', '/v1/admin/disclosures', { token: customer.tokens.accessToken, body: disclosure(customer.customerId) })).status).toBe(403);
  });
});
