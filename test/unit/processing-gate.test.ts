/**
 * The processing gate: a blocked customer's data is used for storage only; a stopped purpose
 * stops just its uses; and how block and stop_processing requests change the restriction.
 */
import { describe, expect, it } from 'vitest';
import {
  blockedBy,
  blockLifted,
  mayProcess,
  processingUses,
  type Restriction,
  stoppedFor,
} from '../../lambdas/domain/privacy/processing-gate';
import type { Customer } from '../../lambdas/domain/accounts/customers';
import { loyaltyAfterDelivery } from '../../lambdas/domain/shop/orders';

const at = '2026-03-02T10:00:00.000Z';
const restricted = (restriction: Partial<Restriction>) => ({
  restriction: { blocked: false, stoppedPurposes: [], since: at, requestIds: [], ...restriction },
});
const allowed = (customer: Parameters<typeof mayProcess>[0]) => processingUses.filter((use) => mayProcess(customer, use));

describe('mayProcess', () => {
  it('allows every use of an unrestricted customer', () => {
    expect(allowed({})).toEqual([...processingUses]);
    expect(allowed(restricted({}))).toEqual([...processingUses]);
  });

  it('allows a blocked customer’s data nothing but storage', () => {
    expect(allowed(restricted({ blocked: true, requestIds: ['r1'] }))).toEqual(['storage']);
    expect(allowed(restricted({ blocked: true, stoppedPurposes: ['advertising'], requestIds: ['r1'] }))).toEqual(['storage']);
  });

  it('stops just the uses of a stopped purpose', () => {
    const without = (uses: string[]) => processingUses.filter((use) => !uses.includes(use));
    expect(allowed(restricted({ stoppedPurposes: ['advertising'] }))).toEqual(without(['advertising']));
    expect(allowed(restricted({ stoppedPurposes: ['personalization'] }))).toEqual(without(['personalization', 'analytics_export']));
    expect(allowed(restricted({ stoppedPurposes: ['loyalty_program'] }))).toEqual(without(['loyalty']));
    expect(allowed(restricted({ stoppedPurposes: ['advertising', 'personalization', 'loyalty_program'] }))).toEqual([
      'service_reminders',
      'storage',
    ]);
  });
});

describe('restriction changes', () => {
  it('a block request blocks at once and records its id, once', () => {
    const first = blockedBy(undefined, 'r1', at);
    expect(first).toEqual({ blocked: true, stoppedPurposes: [], since: at, requestIds: ['r1'] });
    expect(blockedBy(first, 'r1', '2026-03-03T00:00:00.000Z')).toEqual(first);
    expect(blockedBy(first, 'r2', '2026-03-03T00:00:00.000Z')).toEqual({ ...first, requestIds: ['r1', 'r2'] });
  });

  it('stop_processing adds its purposes, keeping the block and the start', () => {
    const stopped = stoppedFor(blockedBy(undefined, 'r1', at), ['personalization', 'advertising'], '2026-03-03T00:00:00.000Z');
    expect(stopped).toEqual({ blocked: true, stoppedPurposes: ['advertising', 'personalization'], since: at, requestIds: ['r1'] });
    expect(stoppedFor(stopped, ['advertising'], at).stoppedPurposes).toEqual(['advertising', 'personalization']);
  });

  it('closing a block request lifts its block; blocked stays while other block requests remain', () => {
    const two = blockedBy(blockedBy(undefined, 'r1', at), 'r2', at);
    const one = blockLifted(two, 'r1');
    expect(one).toEqual({ blocked: true, stoppedPurposes: [], since: at, requestIds: ['r2'] });
    expect(blockLifted(one, 'r2')).toBeUndefined();
    expect(blockLifted(undefined, 'r1')).toBeUndefined();
  });

  it('stopped purposes stay when the block is lifted', () => {
    const both = stoppedFor(blockedBy(undefined, 'r1', at), ['loyalty_program'], at);
    const lifted = blockLifted(both, 'r1');
    expect(lifted).toEqual({ blocked: false, stoppedPurposes: ['loyalty_program'], since: at, requestIds: [] });
    expect(mayProcess({ restriction: lifted }, 'loyalty')).toBe(false);
    expect(mayProcess({ restriction: lifted }, 'service_reminders')).toBe(true);
  });
});

describe('loyalty on delivery asks the gate', () => {
  const consenting = {
    customerId: 'c1',
    consents: { loyalty_program: { granted: true } },
    loyaltyTier: null,
    lifetimeSpendMinor: 1000,
  } as unknown as Customer;

  it('computes nothing while blocked or while loyalty_program is stopped, and computes again once lifted', () => {
    expect(loyaltyAfterDelivery(consenting, 500)?.spendMinor).toBe(1500);
    const blocked = { ...consenting, restriction: { blocked: true, stoppedPurposes: [], since: at, requestIds: ['r1'] } };
    expect(loyaltyAfterDelivery(blocked, 500)).toBeUndefined();
    const stopped = { ...consenting, restriction: { blocked: false, stoppedPurposes: ['loyalty_program'], since: at, requestIds: [] } };
    expect(loyaltyAfterDelivery(stopped, 500)).toBeUndefined();
    const otherStopped = { ...consenting, restriction: { blocked: false, stoppedPurposes: ['advertising'], since: at, requestIds: [] } };
    expect(loyaltyAfterDelivery(otherStopped, 500)?.spendMinor).toBe(1500);
  });
});
