/**
 * The pure parts of privacy requests: the stored item, the views, which operator actions the law
 * allows, the deadline watch's classification and its once-only alerting, idempotent creation.
 */
import { describe, expect, it } from 'vitest';
import type { Customer, CustomerStore } from '../../lambdas/domain/accounts/customers';
import type { AuditEntry } from '../../lambdas/domain/audit/audit';
import { ConflictError, RuleViolationError } from '../../lambdas/domain/errors';
import type { OutboundMessage } from '../../lambdas/domain/messaging/outbound-message';
import { deadlineSummary } from '../../lambdas/domain/messaging/privacy-notices';
import { dueBy, extendedDueBy } from '../../lambdas/domain/privacy/legal-deadlines';
import {
  actOnRequest,
  applyTransition,
  classify,
  createRequest,
  listQueue,
  newRequest,
  type PrivacyPorts,
  type PrivacyRequest,
  type PrivacyRequestStore,
  requestView,
  transitionFor,
  watchDeadlines,
} from '../../lambdas/domain/privacy/requests';

const receivedAt = new Date('2026-03-02T09:00:00.000Z');
const operator = { type: 'operator' as const, id: 'op-1' };

const request = (type: PrivacyRequest['type'] = 'access', overrides: Partial<PrivacyRequest> = {}): PrivacyRequest => ({
  ...newRequest('req-00000001', 'cust-1', { type }, receivedAt, 'hash'),
  ...overrides,
});

/** An in-memory store with DynamoDB's conditions. */
const memoryStore = (initial: PrivacyRequest[] = []) => {
  const items = new Map(initial.map((r) => [r.requestId, r]));
  const store: PrivacyRequestStore = {
    get: async (id) => items.get(id),
    create: async (r) => (items.has(r.requestId) ? false : (items.set(r.requestId, r), true)),
    page: async (customerId) => ({ items: [...items.values()].filter((r) => r.customerId === customerId).reverse(), next: undefined }),
    queue: async ({ dueBefore, status }) => ({
      items: [...items.values()]
        .filter((r) => r.queue === 'OPEN' && (dueBefore === undefined || r.dueBy < dueBefore) && (status === undefined || r.status === status))
        .sort((a, b) => (a.dueBy < b.dueBy ? -1 : 1)),
      next: undefined,
    }),
    openDueBefore: async (instant) => [...items.values()].filter((r) => r.queue === 'OPEN' && r.dueBy < instant),
    transition: async (change) => {
      const current = items.get(change.requestId);
      if (current === undefined || current.status !== change.from || current.extensions !== change.fromExtensions) return false;
      items.set(change.requestId, applyTransition(current, change));
      return true;
    },
    flag: async (id, flag, at) => {
      const current = items.get(id);
      if (current === undefined || current.queue !== 'OPEN' || current[flag] !== undefined) return false;
      items.set(id, { ...current, [flag]: at });
      return true;
    },
  };
  return { store, items };
};

const customer = { customerId: 'cust-1', email: 'anna@example.com', status: 'ACTIVE' } as Customer;

const ports = (store: PrivacyRequestStore, now = receivedAt) => {
  const sent: OutboundMessage[] = [];
  const audited: AuditEntry[] = [];
  let n = 0;
  const p: PrivacyPorts = {
    requests: store,
    customers: { get: async (id: string) => (id === customer.customerId ? customer : undefined) } as CustomerStore,
    identity: { updateAttributes: async () => undefined },
    audit: { append: async (entry) => void audited.push(entry) },
    messages: { enqueue: async (m) => void sent.push(m) },
    clock: () => now,
    ids: () => `id-${(n += 1)}`,
  };
  return { ports: p, sent, audited };
};

describe('a new request', () => {
  it('is RECEIVED, open, due on the legal deadline, with the customer in its history', () => {
    const r = request('rectify');
    expect(r).toMatchObject({ status: 'RECEIVED', queue: 'OPEN', extensions: 0, details: null, purposes: null });
    expect(r.dueBy).toBe(dueBy('rectify', receivedAt).toISOString());
    expect(r.history).toEqual([{ status: 'RECEIVED', at: receivedAt.toISOString(), actor: { type: 'customer', id: 'cust-1' }, note: null }]);
  });
});

describe('the views', () => {
  const extended = applyTransition(request(), transitionFor(request(), 'extend', 'archive restore', operator, receivedAt));

  it('shows the customer actors by kind only, and no customer id or hash', () => {
    const view = requestView(extended, receivedAt);
    expect(view.history?.map((h) => h.actor)).toEqual([{ type: 'customer' }, { type: 'operator' }]);
    expect(view).not.toHaveProperty('customerId');
    expect(JSON.stringify(view)).not.toContain('hash');
    expect(view.extended).toBe(true);
  });

  it('shows operators the actor ids and whose request it is', () => {
    const view = requestView(extended, receivedAt, { audience: 'operator' });
    expect(view.history?.at(-1)?.actor).toEqual(operator);
    expect(view).toHaveProperty('customerId', 'cust-1');
  });

  it('is overdue only while open and past dueBy', () => {
    const r = request();
    const after = new Date(new Date(r.dueBy).getTime() + 1);
    expect(requestView(r, new Date(r.dueBy)).overdue).toBe(false);
    expect(requestView(r, after).overdue).toBe(true);
    expect(requestView({ ...r, status: 'COMPLETED' }, after).overdue).toBe(false);
  });
});

describe('operator actions', () => {
  it('extends access once, to the extended due date', () => {
    const change = transitionFor(request(), 'extend', 'reason', operator, receivedAt);
    expect(change).toMatchObject({ from: 'RECEIVED', to: 'EXTENDED', close: false, dueBy: extendedDueBy('access', new Date(request().dueBy)).toISOString() });
    const once = applyTransition(request(), change);
    expect(once).toMatchObject({ status: 'EXTENDED', extensions: 1, queue: 'OPEN' });
    expect(() => transitionFor(once, 'extend', 'again', operator, receivedAt)).toThrow(ConflictError);
  });

  it('does not extend types the law gives no extension', () => {
    for (const type of ['rectify', 'block', 'destroy', 'withdraw_consent'] as const) {
      expect(() => transitionFor(request(type), 'extend', 'reason', operator, receivedAt), type).toThrow(ConflictError);
    }
  });

  it('closes on complete and reject, removing the queue key; a closed request cannot change', () => {
    for (const action of ['complete', 'reject'] as const) {
      const done = applyTransition(request(), transitionFor(request(), action, 'note', operator, receivedAt));
      expect(done.queue).toBeUndefined();
      expect(done.status).toBe(action === 'complete' ? 'COMPLETED' : 'REJECTED');
      for (const next of ['extend', 'complete', 'reject'] as const) {
        expect(() => transitionFor(done, next, 'note', operator, receivedAt)).toThrow(ConflictError);
      }
    }
  });

  it('audits the change and emails the customer the reason', async () => {
    const { store } = memoryStore([request()]);
    const { ports: p, sent, audited } = ports(store);
    await actOnRequest(p, 'req-00000001', 'reject', 'No such data is held', 'op-1');
    expect(audited.map((a) => [a.action, a.actor, a.reason])).toEqual([['privacy_request.rejected', operator, 'No such data is held']]);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: 'anna@example.com', category: 'service', channel: 'email' });
    expect(sent[0]?.text).toContain('No such data is held');
  });

  it('a lost race is a 409 and nothing is audited or sent', async () => {
    const { store } = memoryStore([request()]);
    const racing: PrivacyRequestStore = { ...store, transition: async () => false };
    const { ports: p, sent, audited } = ports(racing);
    await expect(actOnRequest(p, 'req-00000001', 'complete', 'done', 'op-1')).rejects.toThrow(ConflictError);
    expect(sent).toEqual([]);
    expect(audited).toEqual([]);
  });
});

describe('creating a request', () => {
  it('is idempotent by key: same body → the first request, another body → 409', async () => {
    const { store, items } = memoryStore();
    const { ports: p, sent, audited } = ports(store);
    const first = await createRequest(p, 'cust-1', { type: 'access' }, 'key-1');
    const again = await createRequest(p, 'cust-1', { type: 'access' }, 'key-1');
    expect(again).toEqual(first);
    await expect(createRequest(p, 'cust-1', { type: 'destroy' }, 'key-1')).rejects.toThrow(ConflictError);
    expect(items.size).toBe(1);
    expect(sent).toHaveLength(1);
    expect(audited.map((a) => a.action)).toEqual(['privacy_request.received']);
  });
});

describe('the queue', () => {
  it('refuses a closed status, naming query.status', async () => {
    const { store } = memoryStore();
    await expect(listQueue(store, { status: 'COMPLETED', limit: 20 }, receivedAt)).rejects.toThrow(RuleViolationError);
  });
});

describe('the deadline watch', () => {
  it('classifies open requests as overdue or due soon', () => {
    const r = request();
    const { overdue, dueSoon } = classify([r, { ...r, requestId: 'closed', status: 'COMPLETED' }], new Date(new Date(r.dueBy).getTime() + 1));
    expect(overdue.map((x) => x.requestId)).toEqual([r.requestId]);
    expect(dueSoon).toEqual([]);
  });

  it('alerts each request once, in one summary with ids, types and due dates only, and reports the overdue count', async () => {
    const late = request('access');
    const soon = request('rectify', { requestId: 'req-00000002' });
    const later = request('withdraw_consent', { requestId: 'req-00000003' });
    const { store } = memoryStore([late, soon, later]);
    const now = new Date(new Date(late.dueBy).getTime() + 60_000);
    // At the access deadline the rectify request (7 working days) is overdue too; withdraw_consent (30 days) is not due yet.
    const sent: OutboundMessage[] = [];
    const counts: number[] = [];
    const watchPorts = { requests: store, messages: { enqueue: async (m: OutboundMessage) => void sent.push(m) }, metrics: { overdue: (n: number) => void counts.push(n) }, operationsEmail: 'ops@example.org', ids: () => 'm-1' };
    const first = await watchDeadlines(watchPorts, now);
    expect(first.overdue).toBe(2);
    expect(first.alerted).toBe(first.overdue + first.dueSoon);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toBe('ops@example.org');
    expect(sent[0]?.customerId).toBeUndefined();
    expect(sent[0]?.text).toContain(late.requestId);
    expect(sent[0]?.text).not.toContain('cust-1');
    const second = await watchDeadlines(watchPorts, now);
    expect(second.alerted).toBe(0);
    expect(sent).toHaveLength(1);
    expect(counts).toEqual([2, 2]);
  });

  it('summarises without customer data', () => {
    const text = deadlineSummary([{ requestId: 'r1', type: 'access', dueBy: '2026-03-16T20:59:59.999Z', flag: 'overdue' }]).text;
    expect(text).toContain('r1');
    expect(text).toContain('access');
    expect(text).toContain('2026-03-16T20:59:59.999Z');
  });
});

describe('block and stop_processing take effect at once', () => {
  /** A customer store whose record keeps the restriction, with its sequence condition. */
  const restrictingPorts = () => {
    const { store } = memoryStore();
    let record: Customer = { ...customer };
    const customers = {
      get: async (id: string) => (id === record.customerId ? record : undefined),
      restrict: async (id: string, next: Customer['restriction'], expectedSeq: number | undefined) => {
        if (id !== record.customerId || record.restrictionSeq !== expectedSeq) return false;
        const { restriction: _old, ...rest } = record;
        record = { ...rest, ...(next === undefined ? {} : { restriction: next }), restrictionSeq: (expectedSeq ?? 0) + 1 };
        return true;
      },
    } as unknown as CustomerStore;
    const base = ports(store).ports;
    return { ports: { ...base, customers }, record: () => record };
  };

  it('blocks on a block request, adds stopped purposes, and lifts only the closed request’s block', async () => {
    const { ports: p, record } = restrictingPorts();
    const one = await createRequest(p, 'cust-1', { type: 'block' }, 'k1');
    const two = await createRequest(p, 'cust-1', { type: 'block' }, 'k2');
    await createRequest(p, 'cust-1', { type: 'stop_processing', purposes: ['advertising'] }, 'k3');
    await createRequest(p, 'cust-1', { type: 'block' }, 'k1'); // a retry changes nothing
    expect(record().restriction).toEqual({
      blocked: true,
      stoppedPurposes: ['advertising'],
      since: receivedAt.toISOString(),
      requestIds: [one.requestId, two.requestId],
    });
    await actOnRequest(p, one.requestId, 'reject', 'no ground', 'op-1');
    expect(record().restriction).toMatchObject({ blocked: true, requestIds: [two.requestId] });
    await actOnRequest(p, two.requestId, 'complete', 'done', 'op-1');
    expect(record().restriction).toMatchObject({ blocked: false, stoppedPurposes: ['advertising'], requestIds: [] });
  });

  it('leaves the record alone for other request types', async () => {
    const { ports: p, record } = restrictingPorts();
    const access = await createRequest(p, 'cust-1', { type: 'access' }, undefined);
    await actOnRequest(p, access.requestId, 'complete', 'sent', 'op-1');
    expect(record().restriction).toBeUndefined();
    expect(record().restrictionSeq).toBeUndefined();
  });
});
