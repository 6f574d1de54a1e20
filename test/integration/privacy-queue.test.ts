/**
 * The operators' privacy queue: open requests soonest due first, `overdue=true`, extension once
 * where the law allows it, completion and refusal with the customer told, two operators racing
 * (one wins, one 409), every change audited; and the hourly deadline watch, which flags a
 * request once and emails operations ids, types and due dates only.
 */
import { describe, expect, beforeAll, it } from 'vitest';
import { extendedDueBy } from '../../lambdas/domain/privacy/legal-deadlines';
import { call, eventually } from '../support/api';
import { claimsOf, operatorTokens, outbox, registerCustomer, type TestCustomer } from '../support/customers';
import { createRequest, operatorAction, type PrivacyRequestView, storedRequest, wholeQueue } from '../support/privacy';

let operator: string;
let operatorId: string;

beforeAll(async () => {
  operator = (await operatorTokens()).accessToken;
  operatorId = String(claimsOf(operator)['sub']);
});

const make = async (customer: TestCustomer, type: string): Promise<PrivacyRequestView> => {
  const body =
    type === 'withdraw_consent' || type === 'stop_processing'
      ? { type, purposes: ['advertising'] }
      : type === 'rectify'
        ? { type, corrections: { lastName: 'Smirnova' } }
        : { type };
  const made = await createRequest(customer.tokens.accessToken, body);
  expect(made.status, type).toBe(201);
  return made.body;
};

const serviceEmail = (customer: TestCustomer, needle: string) =>
  eventually(async () => (await outbox(customer.email, 'email')).find((m) => m.category === 'service' && m.body.includes(needle)));

const auditActions = async (customerId: string): Promise<string[]> => {
  const page = await call<{ items: { action: string; actor: { type: string }; reason: string | null; details: Record<string, unknown> }[] }>(
    'GET',
    `/v1/admin/customers/${customerId}/audit?limit=100`,
    { token: operator },
  );
  expect(page.status).toBe(200);
  return page.body.items.map((e) => e.action);
};

describe('the operators’ queue', () => {
  it('lists open requests soonest due first, with whose they are; overdue=true keeps those past dueBy', async () => {
    const customer = await registerCustomer();
    const access = await make(customer, 'stop_processing');
    const withdraw = await make(customer, 'withdraw_consent');
    const block = await make(customer, 'block');
    const rectify = await make(customer, 'rectify');

    const queue = await wholeQueue(operator);
    const dues = queue.map((r) => r.dueBy);
    expect(dues).toEqual([...dues].sort());
    const mine = queue.filter((r) => r.customerId === customer.customerId).map((r) => r.requestId);
    expect(mine).toEqual([block.requestId, rectify.requestId, access.requestId, withdraw.requestId]);
    expect(queue.every((r) => ['RECEIVED', 'IN_PROGRESS', 'EXTENDED'].includes(r.status))).toBe(true);

    // `block` is due at the moment of receipt: it is overdue at once.
    const now = new Date().toISOString();
    const overdue = await wholeQueue(operator, 'overdue=true');
    expect(overdue.map((r) => r.requestId)).toContain(block.requestId);
    expect(overdue.map((r) => r.requestId)).not.toContain(access.requestId);
    expect(overdue.every((r) => r.overdue && r.dueBy < now)).toBe(true);

    // An open status narrows the queue; a closed one is refused, naming the field.
    const received = await wholeQueue(operator, 'status=RECEIVED');
    expect(received.every((r) => r.status === 'RECEIVED')).toBe(true);
    expect(received.map((r) => r.requestId)).toContain(access.requestId);
    const closedStatus = await call<{ errors: { path: string }[] }>('GET', '/v1/admin/privacy-requests?status=COMPLETED', { token: operator });
    expect(closedStatus.status).toBe(422);
    expect(closedStatus.body.errors.map((e) => e.path)).toEqual(['query.status']);
  });

  it('audits the operator’s read: one entry per distinct customer on the page, naming the request ids', async () => {
    const one = await registerCustomer();
    const two = await registerCustomer();
    const a = await make(one, 'stop_processing');
    const b = await make(one, 'withdraw_consent');
    const c = await make(two, 'stop_processing');
    const queue = await wholeQueue(operator);
    expect(queue.map((r) => r.requestId)).toEqual(expect.arrayContaining([a.requestId, b.requestId, c.requestId]));

    const readsOf = async (customerId: string) => {
      const page = await call<{ items: { action: string; actor: { type: string; id?: string }; details: Record<string, unknown> }[] }>(
        'GET',
        `/v1/admin/customers/${customerId}/audit?limit=100`,
        { token: operator },
      );
      expect(page.status).toBe(200);
      return page.body.items.filter((e) => e.action === 'privacy_request.read_by_operator');
    };
    const first = await readsOf(one.customerId);
    expect(first.length).toBeGreaterThanOrEqual(1);
    expect(first.every((e) => e.actor.type === 'operator')).toBe(true);
    // Each entry names that customer's requests on the page read, and only theirs.
    const seenFirst = first.flatMap((e) => e.details['requestIds'] as string[]);
    expect(seenFirst).toEqual(expect.arrayContaining([a.requestId, b.requestId]));
    expect(seenFirst).not.toContain(c.requestId);
    const second = await readsOf(two.customerId);
    expect(second.some((e) => (e.details['requestIds'] as string[]).includes(c.requestId))).toBe(true);
    expect(second.every((e) => !(e.details['requestIds'] as string[]).includes(a.requestId))).toBe(true);
  });

  it('is for operators only: a customer’s token is a 403 on every operators’ route', async () => {
    const customer = await registerCustomer();
    const request = await make(customer, 'stop_processing');
    const token = customer.tokens.accessToken;
    expect((await call('GET', '/v1/admin/privacy-requests', { token })).status).toBe(403);
    for (const action of ['extend', 'complete', 'reject'] as const) {
      expect((await operatorAction(token, request.requestId, action, 'because I say so')).status, action).toBe(403);
    }
    expect((await storedRequest(request.requestId))?.['status']).toBe('RECEIVED');
  });
});

describe('working a request', () => {
  it('extends an access request once, by the legal extension, telling the customer the reason; a second extension is a 409', async () => {
    const customer = await registerCustomer();
    const request = await make(customer, 'stop_processing');
    const reason = 'The archive of your orders is being restored from backup';
    const extended = await operatorAction(operator, request.requestId, 'extend', reason);
    expect(extended.status).toBe(200);
    expect(extended.body).toMatchObject({ status: 'EXTENDED', extended: true, customerId: customer.customerId });
    expect(extended.body.dueBy).toBe(extendedDueBy('stop_processing', new Date(request.dueBy)).toISOString());
    expect(extended.body.history?.at(-1)).toMatchObject({ status: 'EXTENDED', actor: { type: 'operator', id: operatorId }, note: reason });

    const again = await operatorAction(operator, request.requestId, 'extend', 'Still restoring the archive');
    expect(again.status).toBe(409);
    expect((await storedRequest(request.requestId))?.['extensions']).toBe(1);

    const told = await serviceEmail(customer, reason);
    expect(told.body).toContain(request.requestId);

    // The customer sees the operator by kind only.
    const seen = await call<PrivacyRequestView>('GET', `/v1/me/privacy-requests/${request.requestId}`, { token: customer.tokens.accessToken });
    expect(seen.body.history?.map((h) => h.actor)).toEqual([{ type: 'customer' }, { type: 'operator' }]);
    expect(seen.body.dueBy).toBe(extended.body.dueBy);
  });

  it('refuses to extend a rectify request (the law allows no extension): 409', async () => {
    const customer = await registerCustomer();
    const request = await make(customer, 'rectify');
    const refused = await operatorAction(operator, request.requestId, 'extend', 'Need more time to check');
    expect(refused.status).toBe(409);
    const stored = await storedRequest(request.requestId);
    expect(stored).toMatchObject({ status: 'RECEIVED', extensions: 0, dueBy: request.dueBy });
  });

  it('completes a request with a resolution the customer is told; it leaves the queue and cannot change again', async () => {
    const customer = await registerCustomer();
    // Not `destroy`: the destruction job (run by another test file at any moment) completes those itself.
    const request = await make(customer, 'rectify');
    const resolution = 'The data you named was corrected on our systems';
    const completed = await operatorAction(operator, request.requestId, 'complete', resolution);
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ status: 'COMPLETED', overdue: false });
    const stored = await storedRequest(request.requestId);
    expect(stored?.['queue']).toBeUndefined();
    expect((await wholeQueue(operator)).map((r) => r.requestId)).not.toContain(request.requestId);

    expect((await operatorAction(operator, request.requestId, 'reject', 'changed my mind')).status).toBe(409);
    const told = await serviceEmail(customer, resolution);
    expect(told.subject).toMatch(/completed/i);
  });

  it('rejects a request with a reason the customer is told', async () => {
    const customer = await registerCustomer();
    const request = await make(customer, 'rectify');
    const reason = 'The values named do not differ from the ones we hold';
    const rejected = await operatorAction(operator, request.requestId, 'reject', reason);
    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe('REJECTED');
    expect(rejected.body.history?.at(-1)).toMatchObject({ status: 'REJECTED', note: reason });
    const told = await serviceEmail(customer, reason);
    expect(told.body).toContain(request.requestId);
  });

  it('two operators acting at once: one wins, the other gets a 409, and the history has one entry', async () => {
    const customer = await registerCustomer();
    const request = await make(customer, 'stop_processing');
    const answers = await Promise.all([
      operatorAction(operator, request.requestId, 'complete', 'Sent the information by email'),
      operatorAction(operator, request.requestId, 'reject', 'The request is unfounded'),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const stored = await storedRequest(request.requestId);
    expect((stored?.['history'] as unknown[]).length).toBe(2);
  });

  it('audits every change: received, extended, completed, rejected', async () => {
    const customer = await registerCustomer();
    const access = await make(customer, 'stop_processing');
    const rectify = await make(customer, 'rectify');
    expect((await operatorAction(operator, access.requestId, 'extend', 'Waiting for the archive')).status).toBe(200);
    expect((await operatorAction(operator, access.requestId, 'complete', 'Information sent')).status).toBe(200);
    expect((await operatorAction(operator, rectify.requestId, 'reject', 'Nothing to correct')).status).toBe(200);
    const actions = await auditActions(customer.customerId);
    // Operators' reads of the queue (privacy_request.read_by_operator) come and go with other tests.
    expect(actions.filter((a) => a.startsWith('privacy_request.') && a !== 'privacy_request.read_by_operator').sort()).toEqual([
      'privacy_request.completed',
      'privacy_request.extended',
      'privacy_request.received',
      'privacy_request.received',
      'privacy_request.rejected',
    ]);
  });

  it('a request that does not exist is a 404', async () => {
    expect((await operatorAction(operator, 'nosuchrequest0000', 'complete', 'done and dusted')).status).toBe(404);
  });
});

describe('the deadline watch', () => {
  const runWatch = async (at: string) => {
    const run = await call<{ result: { overdue: number; dueSoon: number; alerted: number } }>(
      'POST',
      `/_local/jobs/privacy-deadline-watch/run?at=${encodeURIComponent(at)}`,
    );
    expect(run.status).toBe(200);
    return run.body.result;
  };
  const operations = 'operations@folio.local';
  const mentioning = async (requestId: string) => (await outbox(operations, 'email')).filter((m) => m.body.includes(requestId));

  it('flags an overdue request once, emails operations ids, types and due dates only; a rerun alerts nothing new', async () => {
    const customer = await registerCustomer();
    const request = await make(customer, 'stop_processing');
    const farFuture = '2027-10-01T09:00:00.000Z';

    const first = await runWatch(farFuture);
    expect(first.overdue).toBeGreaterThanOrEqual(1);
    expect(first.alerted).toBeGreaterThanOrEqual(1);
    const flaggedAt = (await storedRequest(request.requestId))?.['flaggedOverdueAt'];
    expect(flaggedAt).toBe(farFuture);

    const [summary] = await eventually(async () => {
      const found = await mentioning(request.requestId);
      return found.length > 0 ? found : undefined;
    });
    expect(summary?.category).toBe('service');
    expect(summary?.body).toContain('stop_processing');
    expect(summary?.body).toContain(request.dueBy);
    for (const m of await outbox(operations, 'email')) {
      expect(m.body).not.toContain(customer.email);
      expect(m.body).not.toContain(customer.customerId);
      expect(m.body).not.toMatch(/@example\.com/);
    }

    const second = await runWatch(farFuture);
    expect(second.overdue).toBeGreaterThanOrEqual(1);
    expect((await storedRequest(request.requestId))?.['flaggedOverdueAt']).toBe(farFuture);
    // Give a second summary time to arrive, were one sent about this request.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await mentioning(request.requestId)).toHaveLength(1);
  });

  it('flags a request due within 2 working days as due soon, not overdue', async () => {
    const customer = await registerCustomer();
    const request = await make(customer, 'stop_processing');
    // One minute before dueBy: still open, due within 2 working days.
    const justBefore = new Date(new Date(request.dueBy).getTime() - 60_000).toISOString();
    await runWatch(justBefore);
    const stored = await storedRequest(request.requestId);
    expect(stored?.['flaggedDueSoonAt']).toBe(justBefore);
    expect(stored?.['flaggedOverdueAt']).toBeUndefined();
  });
});
