/**
 * Rectification (audited) and account closure, which does not withdraw consent by itself
 * (policy 1.2.1).
 */
import { describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { awsClientConfig, call, eventually, stackInfo } from '../support/api';
import { login, operatorTokens, outbox, registerCustomer } from '../support/customers';

interface Consent {
  purpose: string;
  granted: boolean;
}

const auditOf = async (customerId: string) => {
  const operator = await operatorTokens();
  return (await call<{ items: { action: string; actor: { type: string }; details: Record<string, unknown> }[] }>('GET', `/v1/admin/customers/${customerId}/audit?limit=100`, { token: operator.accessToken })).body.items;
};

describe('the profile', () => {
  it('rectifies names and phone, validates them, and records the change', async () => {
    const customer = await registerCustomer();
    const bad = await call<{ errors: { path: string }[] }>('PATCH', '/v1/me', { token: customer.tokens.accessToken, body: { phone: '8-916-123', nickname: 'x' } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e) => e.path).sort()).toEqual(['body.nickname', 'body.phone']);
    const patched = await call<{ phone: string; lastName: string }>('PATCH', '/v1/me', { token: customer.tokens.accessToken, body: { phone: '+79161234567', lastName: 'Vronskaya' } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ phone: '+79161234567', lastName: 'Vronskaya' });
    const entry = (await auditOf(customer.customerId)).find((e) => e.action === 'profile.rectified');
    expect(entry).toMatchObject({ actor: { type: 'customer' }, details: { fields: ['lastName', 'phone'] } });
  });
});

describe('account closure', () => {
  it('closes the account, ends its sessions and keeps its consents', async () => {
    const customer = await registerCustomer();
    const closed = await call<{ status: string; consentsWithdrawn: boolean }>('DELETE', '/v1/me', { token: customer.tokens.accessToken });
    expect(closed.status).toBe(202);
    expect(closed.body).toEqual({ status: 'CLOSED', consentsWithdrawn: false });
    expect((await call('GET', '/v1/me', { token: customer.tokens.accessToken })).status).toBe(401);
    expect((await login(customer.email, customer.password)).status).toBe(401);
    expect((await call('POST', '/v1/auth/refresh', { body: { refreshToken: customer.tokens.refreshToken } })).status).toBe(401);
    const audit = await auditOf(customer.customerId);
    expect(audit.find((e) => e.action === 'account.closed')?.details).toEqual({ consentsWithdrawn: false });
    expect(audit.some((e) => e.action === 'consent.withdrawn')).toBe(false);
    // The notice goes through the outbound queue, so it arrives shortly after the answer.
    await eventually(async () => (await outbox(customer.email)).find((m) => /does not withdraw your consent/.test(m.body)), 20_000);
  });

  it('withdraws the granted consents too when asked, each with a receipt', async () => {
    const customer = await registerCustomer();
    const receiptsBefore = (await call<{ items: unknown[] }>('GET', '/v1/me/consents/receipts', { token: customer.tokens.accessToken })).body.items.length;
    const consents = (await call<Consent[]>('GET', '/v1/me/consents', { token: customer.tokens.accessToken })).body;
    const granted = consents.filter((c) => c.granted).length;
    const closed = await call('DELETE', '/v1/me', { token: customer.tokens.accessToken, body: { withdrawConsents: true } });
    expect(closed.status).toBe(202);
    const audit = await auditOf(customer.customerId);
    expect(audit.find((e) => e.action === 'account.closed')?.details).toEqual({ consentsWithdrawn: true });
    expect(granted).toBeGreaterThan(0);
    // The customer can no longer read the ledger through the API; read it where it is kept.
    const info = await stackInfo();
    const db = DynamoDBDocumentClient.from(new DynamoDBClient(awsClientConfig(info.endpoints.dynamodb)));
    const { Items = [] } = await db.send(
      new QueryCommand({ TableName: info.tables['consentReceipts'], KeyConditionExpression: 'customerId = :c', ExpressionAttributeValues: { ':c': customer.customerId } }),
    );
    expect(Items).toHaveLength(receiptsBefore + granted);
    const withdrawals = Items.filter((r) => r['collectionMethod'] === 'account_closure');
    expect(withdrawals).toHaveLength(granted);
    expect(withdrawals.every((r) => r['granted'] === false)).toBe(true);
    // Withdrawing personal_data_processing files the request the destruction job acts on.
    const requests = await db.send(
      new QueryCommand({
        TableName: info.tables['privacyRequests'],
        IndexName: 'byCustomer',
        KeyConditionExpression: 'customerId = :c',
        ExpressionAttributeValues: { ':c': customer.customerId },
      }),
    );
    const filed = (requests.Items ?? []).filter((r) => r['type'] === 'withdraw_consent');
    expect(filed).toHaveLength(1);
    expect(filed[0]?.['purposes']).toEqual(['personal_data_processing']);
  });
});
