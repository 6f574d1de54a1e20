/**
 * Customers' privacy requests (policy 1.2.1): made with an Idempotency-Key, due on the legal
 * deadline, listed and read with their history, another customer's invisible, the customer
 * emailed the due date.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dueBy } from '../../lambdas/domain/privacy/legal-deadlines';
import { moscowDate } from '../../lambdas/domain/privacy/working-days';
import { call, eventually, problemContentType } from '../support/api';
import { outbox, registerCustomer } from '../support/customers';
import { createRequest, type PrivacyRequestView, storedRequest } from '../support/privacy';

const pathsOf = (body: unknown): string[] => ((body as { errors?: { path: string }[] }).errors ?? []).map((e) => e.path).sort();

describe('making a privacy request', () => {
  it('answers 201 with dueBy on the legal deadline, RECEIVED in the history, and stores it open', async () => {
    const customer = await registerCustomer();
    const made = await createRequest(customer.tokens.accessToken, { type: 'rectify', details: 'My last name is misspelt', corrections: { lastName: 'Smirnova' } }, randomUUID());
    expect(made.status).toBe(201);
    const request = made.body;
    expect(request).toMatchObject({ type: 'rectify', status: 'RECEIVED', overdue: false, extended: false, details: 'My last name is misspelt', purposes: null });
    expect(request.dueBy).toBe(dueBy('rectify', new Date(request.receivedAt)).toISOString());
    expect(request.history).toEqual([{ status: 'RECEIVED', at: request.receivedAt, actor: { type: 'customer' }, note: null }]);
    expect(JSON.stringify(request)).not.toContain(customer.customerId);

    const stored = await storedRequest(request.requestId);
    expect(stored).toMatchObject({ customerId: customer.customerId, queue: 'OPEN', extensions: 0 });
  });

  it('computes each type’s dueBy with the same rules (withdraw_consent: 30 calendar days; block: at once)', async () => {
    const customer = await registerCustomer();
    // `destroy` last: the destruction job (run by another test file at any moment) may act on it.
    for (const type of ['rectify', 'stop_processing', 'withdraw_consent', 'block', 'destroy'] as const) {
      const body =
        type === 'withdraw_consent' || type === 'stop_processing'
          ? { type, purposes: ['advertising'] }
          : type === 'rectify'
            ? { type, corrections: { lastName: 'Smirnova' } }
            : { type };
      const made = await createRequest(customer.tokens.accessToken, body);
      expect(made.status, type).toBe(201);
      expect(made.body.dueBy, type).toBe(dueBy(type, new Date(made.body.receivedAt)).toISOString());
    }
  });

  it('a retry with the same key and body returns the first request; another body with the key is a 409', async () => {
    const customer = await registerCustomer();
    const key = randomUUID();
    const body = { type: 'rectify', details: 'My surname is misspelt', corrections: { lastName: 'Smirnova' } };
    const first = await createRequest(customer.tokens.accessToken, body, key);
    expect(first.status).toBe(201);
    const retry = await createRequest(customer.tokens.accessToken, body, key);
    expect(retry.status).toBe(201);
    expect(retry.body.requestId).toBe(first.body.requestId);
    expect(retry.body.receivedAt).toBe(first.body.receivedAt);

    const other = await createRequest(customer.tokens.accessToken, { type: 'destroy' }, key);
    expect(other.status).toBe(409);
    expect(other.headers.get('content-type')).toMatch(problemContentType);

    const listed = await call<{ items: PrivacyRequestView[] }>('GET', '/v1/me/privacy-requests', { token: customer.tokens.accessToken });
    expect(listed.body.items.map((r) => r.requestId)).toEqual([first.body.requestId]);

    // The same key of another customer is another request.
    const someoneElse = await registerCustomer();
    const theirs = await createRequest(someoneElse.tokens.accessToken, body, key);
    expect(theirs.status).toBe(201);
    expect(theirs.body.requestId).not.toBe(first.body.requestId);
  });

  it('lists the caller’s requests newest first and pages them; detail carries the history', async () => {
    const customer = await registerCustomer();
    const ids: string[] = [];
    for (const type of ['rectify', 'block', 'stop_processing']) {
      const made = await createRequest(customer.tokens.accessToken, type === 'rectify' ? { type, corrections: { firstName: 'Anna' } } : { type });
      expect(made.status).toBe(201);
      ids.push(made.body.requestId);
    }
    const first = await call<{ items: PrivacyRequestView[]; nextCursor: string | null }>('GET', '/v1/me/privacy-requests?limit=2', {
      token: customer.tokens.accessToken,
    });
    expect(first.status).toBe(200);
    expect(first.body.items.map((r) => r.requestId)).toEqual([ids[2], ids[1]]);
    expect(first.body.nextCursor).not.toBeNull();
    const second = await call<{ items: PrivacyRequestView[]; nextCursor: string | null }>(
      'GET',
      `/v1/me/privacy-requests?limit=2&cursor=${first.body.nextCursor ?? ''}`,
      { token: customer.tokens.accessToken },
    );
    expect(second.body.items.map((r) => r.requestId)).toEqual([ids[0]]);

    const detail = await call<PrivacyRequestView>('GET', `/v1/me/privacy-requests/${ids[0] ?? ''}`, { token: customer.tokens.accessToken });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ requestId: ids[0], type: 'rectify', status: 'RECEIVED' });
    expect(detail.body.history?.map((h) => h.status)).toEqual(['RECEIVED']);
  });

  it('another customer’s request is a 404, like a missing one', async () => {
    const owner = await registerCustomer();
    const other = await registerCustomer();
    const made = await createRequest(owner.tokens.accessToken, { type: 'access' });
    const foreign = await call('GET', `/v1/me/privacy-requests/${made.body.requestId}`, { token: other.tokens.accessToken });
    const missing = await call('GET', `/v1/me/privacy-requests/${randomUUID().replaceAll('-', '')}`, { token: other.tokens.accessToken });
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
    const listed = await call<{ items: unknown[] }>('GET', '/v1/me/privacy-requests', { token: other.tokens.accessToken });
    expect(listed.body.items).toEqual([]);
  });

  it('a malformed request is a 422 naming each field, and nothing is stored', async () => {
    const customer = await registerCustomer();
    const refused = await createRequest(customer.tokens.accessToken, { type: 'forget_me', purposes: ['telepathy'] });
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toMatch(problemContentType);
    expect(pathsOf(refused.body)).toEqual(expect.arrayContaining(['body.type', 'body.purposes.0']));
    const badKey = await createRequest(customer.tokens.accessToken, { type: 'access' }, 'key with spaces');
    expect(badKey.status).toBe(422);
    expect(pathsOf(badKey.body)).toEqual(['header.Idempotency-Key']);
    const listed = await call<{ items: unknown[] }>('GET', '/v1/me/privacy-requests', { token: customer.tokens.accessToken });
    expect(listed.body.items).toEqual([]);
  });

  it('emails the customer that the request was received, with its due date', async () => {
    const customer = await registerCustomer();
    const made = await createRequest(customer.tokens.accessToken, { type: 'access' });
    expect(made.status).toBe(201);
    // An access request also completes on its own within moments, and the outbox orders mail by the
    // second it was sent: look for the acknowledgement itself, not the first mail naming the request.
    const received = await eventually(async () =>
      (await outbox(customer.email, 'email')).find((m) => m.category === 'service' && m.body.includes(made.body.requestId) && /received/i.test(m.subject ?? '')),
    );
    expect(received.subject).toMatch(/received/i);
    // The due date as the Moscow calendar day it ends on.
    expect(received.body).toContain(moscowDate(new Date(made.body.dueBy)));
  });

  it('requires a signed-in customer', async () => {
    expect((await call('POST', '/v1/me/privacy-requests', { body: { type: 'access' } })).status).toBe(401);
  });
});
