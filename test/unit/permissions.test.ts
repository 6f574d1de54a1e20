/**
 * The one rule of who may receive what (lambdas/domain/messaging/permissions.ts), and the
 * subscription settings built on it.
 */
import { describe, expect, it } from 'vitest';
import {
  audienceShards,
  contractorMustHear,
  contractorViewOf,
  defaultSubscriptions,
  mayReceive,
  membershipChanges,
  membershipsOf,
  type Recipient,
  shardOf,
  standingOf,
  subscriptionsOf,
  withPatch,
} from '../../lambdas/domain/messaging/permissions';
import { changeSubscriptions, contractorsSyncedBy, type SubscriptionHolder, type SubscriptionStore } from '../../lambdas/domain/messaging/subscriptions';

const granted = { granted: true, documentVersion: '2025-09-01', changedAt: '2026-01-01T00:00:00Z', receiptId: 'r' };
const customer = (extra: Partial<Recipient> = {}): Recipient => ({
  customerId: 'c-1',
  status: 'ACTIVE',
  email: 'anna@example.com',
  phone: '+79161234567',
  locale: 'ru',
  consents: { personal_data_processing: granted, advertising: granted },
  ...extra,
});

describe('who may receive an advertising or informational message', () => {
  it('needs an active account, advertising consent, the subscription, no restriction and an address', () => {
    expect(mayReceive(customer(), 'email', 'advertising')).toBe(true);
    expect(mayReceive(customer(), 'sms', 'informational')).toBe(true);
    expect(mayReceive(customer({ status: 'CLOSED' }), 'email', 'advertising')).toBe(false);
    expect(mayReceive(customer({ consents: { personal_data_processing: granted } }), 'email', 'advertising')).toBe(false);
    expect(mayReceive(customer({ consents: { advertising: { ...granted, granted: false } } }), 'email', 'advertising')).toBe(false);
    expect(mayReceive(customer({ subscriptions: { email: { advertising: false } } }), 'email', 'advertising')).toBe(false);
    // The other category and channel are untouched by that opt-out.
    expect(mayReceive(customer({ subscriptions: { email: { advertising: false } } }), 'email', 'informational')).toBe(true);
    expect(mayReceive(customer({ subscriptions: { email: { advertising: false } } }), 'sms', 'advertising')).toBe(true);
    expect(mayReceive(customer({ restriction: { blocked: true, stoppedPurposes: [], since: 'x', requestIds: ['b'] } }), 'email', 'advertising')).toBe(false);
    expect(mayReceive(customer({ restriction: { blocked: false, stoppedPurposes: ['advertising'], since: 'x', requestIds: [] } }), 'push', 'advertising')).toBe(false);
    // A stop of personalization does not stop advertising.
    expect(mayReceive(customer({ restriction: { blocked: false, stoppedPurposes: ['personalization'], since: 'x', requestIds: [] } }), 'email', 'advertising')).toBe(true);
    expect(mayReceive(customer({ phone: null }), 'sms', 'advertising')).toBe(false);
    expect(mayReceive(undefined, 'email', 'advertising')).toBe(false);
  });

  it('tells members apart: not subscribed is no member at all, subscribed without consent is suppressed', () => {
    expect(standingOf(customer({ subscriptions: { sms: { advertising: false } } }), 'sms', 'advertising')).toBeUndefined();
    expect(standingOf(customer({ consents: {} }), 'sms', 'advertising')).toEqual({ state: 'suppressed', reason: 'no_consent' });
    expect(standingOf(customer({ phone: null }), 'sms', 'advertising')).toEqual({ state: 'suppressed', reason: 'no_address' });
    expect(standingOf(customer({ status: 'PENDING' }), 'email', 'advertising')).toBeUndefined();
  });
});

describe('subscription settings', () => {
  it('default to on and take a partial patch', () => {
    expect(subscriptionsOf({})).toEqual(defaultSubscriptions);
    expect(subscriptionsOf({ subscriptions: { push: { informational: false } } }).push).toEqual({ advertising: true, informational: false });
    expect(withPatch(defaultSubscriptions, { sms: { advertising: false } }).sms).toEqual({ advertising: false, informational: true });
  });

  it('say when contractors will have a change: inside the policy\'s 3 days', () => {
    const at = new Date('2026-11-24T10:00:00Z');
    const by = contractorsSyncedBy(at).getTime() - at.getTime();
    expect(by).toBeGreaterThan(15 * 60_000);
    expect(by).toBeLessThan(3 * 24 * 3600_000);
  });

  it('write nothing for a patch that changes nothing, and retry a concurrent change on top of it', async () => {
    let record: SubscriptionHolder = { ...customer() };
    let writes = 0;
    let conflictOnce = true;
    const store: SubscriptionStore = {
      async get() {
        return record;
      },
      async set(_id, next, changedAt, expected) {
        if (conflictOnce) {
          // Someone else changed the settings between our read and our write.
          conflictOnce = false;
          record = { ...record, subscriptions: { sms: { informational: false } }, subscriptionsChangedAt: 'other' };
          return false;
        }
        if (expected !== record.subscriptionsChangedAt) return false;
        writes += 1;
        record = { ...record, subscriptions: next, subscriptionsChangedAt: changedAt };
        return true;
      },
    };
    const ports = { subscriptions: store, clock: () => new Date('2026-11-24T10:00:00Z'), ids: () => 'id' };
    const actor = { type: 'customer' as const, id: 'c-1' };
    const answer = await changeSubscriptions(ports, 'c-1', { email: { advertising: false } }, actor, 'account');
    // Both changes survive: the concurrent one and ours.
    expect(answer.subscriptions.email.advertising).toBe(false);
    expect(answer.subscriptions.sms.informational).toBe(false);
    expect(writes).toBe(1);
    await changeSubscriptions(ports, 'c-1', { email: { advertising: false } }, actor, 'account');
    expect(writes).toBe(1);
  });
});

describe('campaign audiences', () => {
  it('give each subscribed channel and category one membership, in a stable shard, with the address only when eligible', () => {
    const members = membershipsOf(customer({ phone: null }));
    expect(members).toHaveLength(6);
    const email = members.find((m) => m.channel === 'email' && m.category === 'advertising');
    expect(email).toMatchObject({ state: 'eligible', address: 'anna@example.com', locale: 'ru' });
    const sms = members.find((m) => m.channel === 'sms' && m.category === 'advertising');
    expect(sms).toMatchObject({ state: 'suppressed', reason: 'no_address' });
    expect(sms).not.toHaveProperty('address');
    expect(shardOf('c-1')).toBe(shardOf('c-1'));
    expect(shardOf('c-1')).toBeLessThan(audienceShards);
    expect(membershipsOf(customer({ status: 'CLOSED' }))).toEqual([]);
  });

  it('turn a change into deletes of the keys left and puts of new or changed items', () => {
    const before = membershipsOf(customer());
    const after = membershipsOf(customer({ consents: {} }));
    const { puts, deletes } = membershipChanges(before, after);
    // Every eligible key is left for a suppressed one.
    expect(deletes).toHaveLength(6);
    expect(puts).toHaveLength(6);
    expect(membershipChanges(after, after)).toEqual({ puts: [], deletes: [] });
  });
});

describe("what contractors hear", () => {
  it('hear of a change of permission or address, not of other profile changes, and an erasure without addresses', () => {
    const before = contractorViewOf(customer());
    const renamed = contractorViewOf({ ...customer(), firstName: 'Other' } as Recipient);
    expect(contractorMustHear(before, renamed)).toBe(false);
    const optedOut = contractorViewOf(customer({ subscriptions: { email: { advertising: false } } }));
    expect(contractorMustHear(before, optedOut)).toBe(true);
    expect(optedOut?.permissions.email).toEqual({ advertising: false, informational: true });
    const erased = contractorViewOf({ customerId: 'c-1', status: 'DESTROYED' } as unknown as Recipient);
    expect(erased).toEqual({
      subscriberId: 'c-1',
      erased: true,
      permissions: { email: { advertising: false, informational: false }, sms: { advertising: false, informational: false } },
    });
    expect(contractorMustHear(before, erased)).toBe(true);
    // A registration without advertising consent was never on a contractor's list.
    expect(contractorMustHear(undefined, contractorViewOf(customer({ consents: {} })))).toBe(false);
    expect(contractorViewOf(customer({ status: 'PENDING' }))).toBeUndefined();
  });
});
