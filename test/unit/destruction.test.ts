/**
 * The destruction plan: every personal-data table of system/tables.ts gets an action, each found
 * by the access export's lookups; what each table gets; the orchestration is idempotent,
 * resumable (the act written last) and ignores a Cognito user already gone.
 */
import { describe, expect, it } from 'vitest';
import { IdentityError } from '../../lambdas/domain/accounts/identity';
import {
  asksForDestruction,
  type DestructionAct,
  type DestructionOperation,
  destructionPlan,
  destroyCustomer,
  type DestructionPorts,
} from '../../lambdas/domain/privacy/destruction';
import { type TableName, tableNames, tables } from '../../system/tables';

const actor = { type: 'job' as const, id: 'test' };

const fakePorts = (options: { failAt?: TableName; cognitoGone?: boolean } = {}) => {
  const applied: TableName[] = [];
  const acts = new Map<string, DestructionAct>();
  let deletedUser = options.cognitoGone === true;
  let failAt = options.failAt;
  const ports: DestructionPorts = {
    identity: {
      delete: async () => {
        if (deletedUser) throw new IdentityError('notFound');
        deletedUser = true;
      },
    },
    store: {
      apply: async (table: TableName, _operation: DestructionOperation) => {
        if (table === failAt) {
          failAt = undefined;
          throw new Error('killed');
        }
        applied.push(table);
        return 1;
      },
      getAct: async (actId) => acts.get(actId),
      putAct: async (act) => void acts.set(act.actId, act),
    },
    clock: () => new Date('2026-03-01T10:00:00Z'),
    ids: () => 'id-1',
  };
  return { ports, applied, acts };
};

describe('the destruction plan', () => {
  const plan = destructionPlan();
  const byTable = new Map(plan.map((step) => [step.table, step]));

  it('covers every personal-data table of system/tables.ts, once', () => {
    const personal = tableNames.filter((t) => tables[t].personalData);
    expect([...byTable.keys()].sort()).toEqual([...personal].sort());
    expect(plan).toHaveLength(byTable.size);
  });

  it('deletes the basket, favourites, sessions, watch list, messages, events and access exports', () => {
    for (const table of ['baskets', 'favorites', 'sessions', 'watchList', 'messages', 'events', 'accessExports'] as const) {
      expect(byTable.get(table)?.action, table).toBe('deleted');
    }
    expect(byTable.get('messages')?.operation).toEqual({ kind: 'delete', lookup: { kind: 'index', index: 'byCustomer', attribute: 'customerId' } });
    expect(byTable.get('events')?.operation).toEqual({ kind: 'delete', lookup: { kind: 'index', index: 'byCustomer', attribute: 'customerId' } });
  });

  it('tombstones the profile, and makes orders and requests impersonal', () => {
    expect(byTable.get('customers')).toMatchObject({ action: 'anonymised', operation: { kind: 'tombstone' } });
    expect(byTable.get('orders')).toMatchObject({ action: 'anonymised', operation: { kind: 'strip', remove: ['recipient', 'delivery'] } });
    expect(byTable.get('privacyRequests')).toMatchObject({ action: 'anonymised', operation: { kind: 'strip', nullify: ['details'] } });
  });

  it('keeps the append-only consent receipts and audit, saying why', () => {
    for (const table of ['consentReceipts', 'audit'] as const) {
      expect(byTable.get(table)?.action).toBe('kept');
      expect(byTable.get(table)?.why).toMatch(/no email, names, phone or address/);
    }
    for (const step of plan) if (step.action !== 'deleted' || step.table === 'accessExports') expect(step.why, step.table).toBeTruthy();
  });

  it('never deletes from or updates an append-only table', () => {
    for (const step of plan) {
      if ((tables[step.table] as { appendOnly?: boolean }).appendOnly) expect(step.operation.kind, step.table).toBe('keep');
    }
  });
});

describe('destroyCustomer', () => {
  it('deletes the Cognito user, applies every step and writes the act last, listing each table', async () => {
    const { ports, applied, acts } = fakePorts();
    const act = await destroyCustomer(ports, 'c-1', 'privacy request destroy', actor, 'r-1');
    expect(applied).toEqual(destructionPlan().map((s) => s.table));
    expect(act.what.map((w) => w.table)).toEqual(['cognito', ...applied]);
    expect(act).toMatchObject({ actId: 'request-r-1', customerId: 'c-1', requestId: 'r-1', actor, destroyedAt: '2026-03-01T10:00:00.000Z' });
    expect(act.method).toMatch(/AdminDeleteUser/);
    expect(acts.get('request-r-1')).toEqual(act);
  });

  it('killed halfway, leaves no act; run again, finishes (Cognito already gone is no error)', async () => {
    const { ports, acts } = fakePorts({ failAt: 'orders' });
    await expect(destroyCustomer(ports, 'c-1', 'r', actor, 'r-1')).rejects.toThrow('killed');
    expect(acts.size).toBe(0);
    const act = await destroyCustomer(ports, 'c-1', 'r', actor, 'r-1');
    expect(act.what.find((w) => w.table === 'cognito')?.count).toBe(0);
    expect(acts.size).toBe(1);
  });

  it("a request's destruction, once its act exists, is not run again", async () => {
    const { ports, applied } = fakePorts();
    const first = await destroyCustomer(ports, 'c-1', 'r', actor, 'r-1');
    const count = applied.length;
    expect(await destroyCustomer(ports, 'c-1', 'r', actor, 'r-1')).toEqual(first);
    expect(applied).toHaveLength(count);
  });

  it('other identity errors stop the destruction', async () => {
    const { ports } = fakePorts();
    const failing = { ...ports, identity: { delete: async () => Promise.reject(new IdentityError('limited')) } };
    await expect(destroyCustomer(failing, 'c-1', 'r', actor)).rejects.toThrow();
  });
});

describe('which requests ask for destruction', () => {
  it('destroy, and withdraw_consent naming personal_data_processing; not other withdrawals', () => {
    expect(asksForDestruction({ type: 'destroy', purposes: null })).toBe(true);
    expect(asksForDestruction({ type: 'withdraw_consent', purposes: ['advertising', 'personal_data_processing'] })).toBe(true);
    expect(asksForDestruction({ type: 'withdraw_consent', purposes: ['advertising'] })).toBe(false);
    expect(asksForDestruction({ type: 'stop_processing', purposes: ['personal_data_processing'] })).toBe(false);
  });
});
