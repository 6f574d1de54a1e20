/**
 * An access request completes on its own (issue 5 point 4): within seconds, without an
 * operator, with the machine-readable export of everything held about the customer.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { call, eventually } from '../support/api';
import { outbox, registerCustomer } from '../support/customers';
import { delivery, recipient } from '../support/orders';

interface Completed {
  status: string;
  history: { status: string; actor: { type: string } }[];
  result: { format: string; customerId: string; sections: Record<string, Record<string, unknown>[]>; notes: string[] } | null;
}

describe('an access request', () => {
  it('completes on its own with the export, and the customer is told', async () => {
    const customer = await registerCustomer();
    const token = customer.tokens.accessToken;
    const order = await call<{ orderId: string }>('POST', '/v1/orders', {
      token,
      body: { items: [{ productId: 'pushkin-eugene-onegin', quantity: 1 }], recipient, delivery },
    });
    expect(order.status).toBe(201);
    const made = await call<{ requestId: string; status: string }>('POST', '/v1/me/privacy-requests', {
      token,
      body: { type: 'access' },
      headers: { 'Idempotency-Key': randomUUID() },
    });
    expect(made.status).toBe(201);

    const done = await eventually(async () => {
      const detail = await call<Completed>('GET', `/v1/me/privacy-requests/${made.body.requestId}`, { token });
      return detail.body.status === 'COMPLETED' ? detail.body : undefined;
    }, 20_000);
    expect(done.history.map((h) => [h.status, h.actor.type])).toEqual([['RECEIVED', 'customer'], ['COMPLETED', 'job']]);
    expect(done.result).toMatchObject({ format: 'folio-access-export', customerId: customer.customerId });
    expect(done.result?.sections['profile']?.[0]).toMatchObject({ email: customer.email });
    expect(done.result?.sections['orders']?.map((o) => o['orderId'])).toEqual([order.body.orderId]);
    expect(done.result?.sections['privacyRequests']?.some((r) => r['requestId'] === made.body.requestId)).toBe(true);
    const told = await eventually(async () => (await outbox(customer.email, 'email')).find((m) => m.body.includes(made.body.requestId) && /ready/i.test(m.body)));
    expect(told.category).toBe('service');
  });
});
