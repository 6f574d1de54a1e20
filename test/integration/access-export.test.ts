/**
 * The access export builder against the local stack's real tables: a customer who registered,
 * changed a consent, filled a basket, kept a favourite and ordered finds all of it in the
 * export, and every exported table is read by the key or index the registry names.
 */
import { describe, expect, it } from 'vitest';
import { call, eventually, stackInfo, useFunctionEnvironment } from '../support/api';
import { consentVersion, registerCustomer } from '../support/customers';
import { delivery, recipient } from '../support/orders';

describe('the access export', () => {
  it("holds every table's items about the customer", async () => {
    const customer = await registerCustomer();
    const token = customer.tokens.accessToken;
    await call('PUT', '/v1/me/consents/personalization', { token, body: { granted: true, documentVersion: consentVersion } });
    expect((await call('PUT', '/v1/me/basket/items/tolstoy-war-and-peace', { token, body: { quantity: 2 } })).status).toBe(200);
    expect((await call('PUT', '/v1/me/favorites/gogol-dead-souls', { token })).status).toBe(200);
    const order = await call<{ orderId: string }>('POST', '/v1/orders', {
      token,
      body: { items: [{ productId: 'chekhov-the-cherry-orchard', quantity: 1 }], recipient, delivery },
    });
    expect(order.status).toBe(201);

    const info = await stackInfo();
    useFunctionEnvironment(info);
    const { buildAccessExport } = await import('../../lambdas/domain/privacy/access-export');
    const { readCustomerItems } = await import('../../lambdas/adapters/customer-items');
    const result = await buildAccessExport(readCustomerItems, customer.customerId, new Date());

    expect(result.sections['profile']).toEqual([expect.objectContaining({ customerId: customer.customerId, email: customer.email })]);
    expect(result.sections['consentReceipts']?.length).toBeGreaterThanOrEqual(3);
    expect(result.sections['basket']?.some((i) => i['productId'] === 'tolstoy-war-and-peace')).toBe(true);
    expect(result.sections['favorites']).toEqual([expect.objectContaining({ productId: 'gogol-dead-souls' })]);
    expect(result.sections['orders']).toEqual([expect.objectContaining({ orderId: order.body.orderId, recipient })]);
    expect(result.sections['events']?.some((e) => e['type'] === 'OrderPlaced')).toBe(true);
    expect(result.sections['audit']?.some((e) => e['action'] === 'account.registered')).toBe(true);
    expect(result.sections['sessions']).toHaveLength(1);
    for (const items of Object.values(result.sections)) {
      for (const item of items) expect(JSON.stringify(item)).toContain(customer.customerId);
    }
  });

  it('holds the record of every message sent to the customer, with its status, attempts and provider id, and the push devices', async () => {
    const customer = await registerCustomer();
    const token = customer.tokens.accessToken;
    expect((await call('POST', '/v1/me/devices', { token, body: { platform: 'fcm', token: `fcm-export-${customer.customerId}` } })).status).toBe(201);
    const order = await call<{ orderId: string }>('POST', '/v1/orders', {
      token,
      body: { items: [{ productId: 'chekhov-the-cherry-orchard', quantity: 1 }], recipient, delivery },
    });
    expect(order.status).toBe(201);

    useFunctionEnvironment(await stackInfo());
    const { buildAccessExport } = await import('../../lambdas/domain/privacy/access-export');
    const { readCustomerItems } = await import('../../lambdas/adapters/customer-items');
    // The order's service messages (email and push) are sent through the queue: wait until both are recorded as sent.
    const exported = await eventually(async () => {
      const result = await buildAccessExport(readCustomerItems, customer.customerId, new Date());
      const sent = (result.sections['messages'] ?? []).filter((m) => m['status'] === 'SENT');
      return sent.some((m) => m['channel'] === 'email') && sent.some((m) => m['channel'] === 'push') ? result : undefined;
    }, 20_000);
    for (const message of (exported.sections['messages'] ?? []).filter((m) => m['status'] === 'SENT')) {
      expect(message).toMatchObject({ category: 'service', attempts: expect.any(Number), providerId: expect.any(String), sentAt: expect.any(String) });
    }
    expect(exported.sections['devices']).toEqual([expect.objectContaining({ platform: 'fcm', endpointArn: expect.any(String) })]);
  });
});
