/**
 * Recommendations: the co-purchase algorithm (scores, exclusion of what was bought, the fill, the
 * cap) and the build's consent and processing-gate filter, with in-memory ports; the read's 403s.
 */
import { describe, expect, it } from 'vitest';
import {
  type BuildPointer,
  buildRecommendations,
  cappedBooks,
  customerRecommendations,
  monthsBetween,
  type PersonalizationView,
  type PurchaseRecord,
  recommend,
  type RecommendationItem,
  type RecommendedProduct,
  windowStart,
} from '../../lambdas/domain/analytics/recommendations';
import { ForbiddenError } from '../../lambdas/domain/errors';

const at = '2026-06-01T10:00:00.000Z';
const books = (...ids: string[]) => new Map(ids.map((id) => [id, at]));
const purchases = (entries: Record<string, string[]>) => new Map(Object.entries(entries).map(([c, ids]) => [c, books(...ids)]));

describe('recommend', () => {
  it('recommends what customers who bought the same books also bought, never what the customer bought', () => {
    const result = recommend(purchases({ a: ['x', 'y'], b: ['x', 'z'], c: ['x'] }));
    expect(result.get('c')?.slice(0, 2)).toEqual(['y', 'z']);
    expect(result.get('c')).not.toContain('x');
    expect(result.get('a')?.[0]).toBe('z');
    expect(result.get('a')).not.toContain('x');
    expect(result.get('a')).not.toContain('y');
  });

  it('scores by the sum of co-counts with every bought book, ties by productId', () => {
    // q goes with p twice and with r once (score 3 for a buyer of p and r); s goes with p once.
    const result = recommend(purchases({ u1: ['p', 'q'], u2: ['p', 'q', 'r'], u3: ['p', 's'], u4: ['p', 'r'] }), { perCustomer: 3 });
    expect(result.get('u4')).toEqual(['q', 's']);
    // Ties (b and c both co-bought once with a) fall back to productId order.
    expect(recommend(purchases({ u1: ['a', 'c'], u2: ['a', 'b'], u3: ['a'] })).get('u3')).toEqual(['b', 'c']);
  });

  it('fills up to ten with the most bought books the customer did not buy', () => {
    const many: Record<string, string[]> = { lonely: ['solo'] };
    // Books b00..b11: b00 bought by 12 customers, b01 by 11, … (each customer buys one book).
    for (let book = 0; book < 12; book += 1) {
      for (let buyer = 0; buyer < 12 - book; buyer += 1) many[`c${book}-${buyer}`] = [`b${String(book).padStart(2, '0')}`];
    }
    many['fan'] = ['b00', 'b05'];
    const result = recommend(purchases(many));
    // `lonely` bought a book nobody else did: no co-purchase, ten most bought instead.
    expect(result.get('lonely')).toEqual(['b00', 'b01', 'b02', 'b03', 'b04', 'b05', 'b06', 'b07', 'b08', 'b09']);
    // `fan`: co-purchases none beyond its own pair; the fill leaves out b00 and b05.
    expect(result.get('fan')).toEqual(['b01', 'b02', 'b03', 'b04', 'b06', 'b07', 'b08', 'b09', 'b10', 'b11']);
    expect(result.get('c0-0')?.[0]).toBe('b05');
  });

  it('caps a customer at the 50 most recently bought books for counting, but excludes all they bought', () => {
    const big = new Map<string, string>();
    for (let i = 0; i < 80; i += 1) big.set(`k${String(i).padStart(2, '0')}`, `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`.replace('01T00', i < 60 ? '01T00' : '02T00'));
    const capped = cappedBooks(big);
    expect(capped).toHaveLength(50);
    // The 30 oldest (k00..k29) are left out of the counting.
    expect(capped).not.toContain('k00');
    expect(capped).toContain('k79');

    const all = new Map<string, ReadonlyMap<string, string>>([
      ['big', big],
      ['small', books('k00')],
      ['other', books('k79')],
    ]);
    const result = recommend(all);
    // k00 was left out of the big buyer's counting: `small` gets no co-purchase from it, only the fill.
    expect(result.get('small')).toEqual(['k79', ...[...big.keys()].filter((k) => k !== 'k00' && k !== 'k79').sort().slice(0, 9)]);
    // `other` bought k79, which the big buyer's capped set holds: it co-counts with the 49 others.
    expect(result.get('other')).toHaveLength(10);
    expect(result.get('other')).not.toContain('k00');
    expect(result.get('big')).toEqual([]);
  });
});

describe('the window', () => {
  it('reads the 12 months before the scheduled time, month partitions oldest first', () => {
    const now = new Date('2026-11-24T02:00:00.000Z');
    expect(windowStart(now).toISOString()).toBe('2025-11-24T02:00:00.000Z');
    expect(monthsBetween(windowStart(now), now)).toEqual([
      '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11',
    ]);
    expect(windowStart(new Date('2026-03-31T00:00:00.000Z')).toISOString()).toBe('2025-03-31T00:00:00.000Z');
    expect(windowStart(new Date('2025-02-28T00:00:00.000Z')).toISOString()).toBe('2024-02-28T00:00:00.000Z');
  });
});

const granted = { granted: true, documentVersion: '2025-09-01', changedAt: at, receiptId: 'r' };
const customer = (customerId: string, extra: Partial<PersonalizationView> = {}): PersonalizationView => ({
  customerId,
  status: 'ACTIVE',
  consents: { personalization: granted },
  ...extra,
});

const memoryPorts = (orders: PurchaseRecord[], customers: PersonalizationView[]) => {
  const written: RecommendationItem[] = [];
  const pointers: BuildPointer[] = [];
  const monthsAsked: string[] = [];
  const batches: number[] = [];
  let writesWhenPointed = -1;
  return {
    written,
    pointers,
    monthsAsked,
    batches,
    writesWhenPointed: () => writesWhenPointed,
    ports: {
      orders: {
        async *ofMonth(month: string, from: string, before: string) {
          monthsAsked.push(month);
          for (const order of orders) if (order.createdAt.startsWith(month) && order.createdAt >= from && order.createdAt < before) yield order;
        },
      },
      customers: {
        async personalizationOf(ids: readonly string[]) {
          batches.push(ids.length);
          return customers.filter((c) => ids.includes(c.customerId));
        },
      },
      recommendations: {
        async putAll(items: readonly RecommendationItem[]) {
          written.push(...items);
        },
        async setPointer(pointer: BuildPointer) {
          writesWhenPointed = written.length;
          pointers.push(pointer);
          return true;
        },
      },
      ids: () => '0123456789abcdef',
    },
  };
};

const order = (customerId: string, productIds: string[], createdAt = '2026-10-05T12:00:00.000Z', status = 'PLACED'): PurchaseRecord => ({
  customerId,
  createdAt,
  status,
  items: productIds.map((productId) => ({ productId })),
});

describe('buildRecommendations', () => {
  const now = new Date('2026-11-24T02:00:00.000Z');

  it('uses only the purchases of consenting, active, unrestricted customers, and writes only their items, then the pointer', async () => {
    const memory = memoryPorts(
      [
        order('a', ['x', 'y']),
        order('b', ['x', 'z']),
        order('c', ['x']),
        order('withdrawn', ['x', 'w1']),
        order('blocked', ['x', 'w2']),
        order('stopped', ['x', 'w3']),
        order('closed', ['x', 'w4']),
        order('destroyed', ['x', 'w5']),
        order('unknown', ['x', 'w6']),
        order('a', ['v'], '2026-11-24T02:00:00.000Z'), // at the scheduled time: after the window
        order('b', ['u'], '2025-11-24T01:59:59.999Z'), // before the window
        order('c', ['t'], '2026-09-01T00:00:00.000Z', 'CANCELLED'),
      ],
      [
        customer('a'),
        customer('b'),
        customer('c'),
        customer('withdrawn', { consents: { personalization: { ...granted, granted: false } } }),
        customer('blocked', { restriction: { blocked: true, stoppedPurposes: [], since: at, requestIds: ['r'] } }),
        customer('stopped', { restriction: { blocked: false, stoppedPurposes: ['personalization'], since: at, requestIds: [] } }),
        customer('closed', { status: 'CLOSED' }),
        { customerId: 'destroyed', status: 'DESTROYED' },
      ],
    );
    const report = await buildRecommendations(memory.ports, now);
    expect(report).toEqual({
      buildId: expect.stringMatching(/^20261124T020000000Z-01234567$/) as unknown,
      ordersRead: 10,
      customersConsidered: 9,
      customersIncluded: 3,
      recommendationsWritten: 3,
      current: true,
    });
    expect(memory.monthsAsked).toHaveLength(13);
    expect(memory.written.map((i) => i.customerId).sort()).toEqual(['a', 'b', 'c']);
    const of = (id: string) => memory.written.find((i) => i.customerId === id)?.productIds;
    expect(of('c')).toEqual(['y', 'z']);
    expect(of('a')).toEqual(['z']);
    // Nothing from the left-out customers' purchases, nor the out-of-window or cancelled orders.
    for (const item of memory.written) expect(item.productIds.some((p) => /^[wtuv]/.test(p))).toBe(false);
    expect(memory.written[0]).toMatchObject({ builtAt: now.toISOString(), expiresAt: now.getTime() / 1000 + 3 * 24 * 3600, buildId: report.buildId });
    expect(memory.pointers).toEqual([{ customerId: '#build', buildId: 'current', current: report.buildId, builtAt: now.toISOString() }]);
    expect(memory.writesWhenPointed()).toBe(3);
  });

  it('asks for customers 100 at a time', async () => {
    const orders = Array.from({ length: 250 }, (_, i) => order(`c${i}`, ['x', `b${i % 7}`]));
    const memory = memoryPorts(orders, orders.map((o) => customer(o.customerId)));
    const report = await buildRecommendations(memory.ports, now);
    expect(memory.batches).toEqual([100, 100, 50]);
    expect(report.customersIncluded).toBe(250);
  });
});

describe('customerRecommendations', () => {
  const product = (productId: string): RecommendedProduct => ({ productId, title: `T ${productId}`, author: 'A', priceMinor: 100, currency: 'RUB' });
  const readPorts = (pointer: BuildPointer | undefined, items: RecommendationItem[], catalogue: string[]) => ({
    recommendations: {
      pointer: async () => pointer,
      itemOf: async (customerId: string, buildId: string) => items.find((i) => i.customerId === customerId && i.buildId === buildId),
    },
    catalogue: { products: async (ids: readonly string[]) => new Map(ids.filter((id) => catalogue.includes(id)).map((id) => [id, product(id)])) },
  });
  const pointer: BuildPointer = { customerId: '#build', buildId: 'current', current: 'b2', builtAt: at };
  const item = (buildId: string, productIds: string[]): RecommendationItem => ({ customerId: 'c', buildId, productIds, builtAt: at, expiresAt: 0 });

  it('refuses without the consent, naming it, and when processing is restricted', async () => {
    const ports = readPorts(pointer, [], []);
    const missing = customerRecommendations(ports, customer('c', { consents: {} }));
    await expect(missing).rejects.toBeInstanceOf(ForbiddenError);
    await expect(missing).rejects.toMatchObject({ detail: expect.stringContaining('personalization') as unknown });
    const blocked = customerRecommendations(ports, customer('c', { restriction: { blocked: true, stoppedPurposes: [], since: at, requestIds: ['r'] } }));
    await expect(blocked).rejects.toMatchObject({ detail: expect.stringContaining('restricted') as unknown });
  });

  it('answers the current build, books still in the catalogue in order; empty before a build included the customer', async () => {
    expect(await customerRecommendations(readPorts(undefined, [], []), customer('c'))).toEqual({ items: [], builtAt: null });
    expect(await customerRecommendations(readPorts(pointer, [item('b1', ['x'])], ['x']), customer('c'))).toEqual({ items: [], builtAt: null });
    expect(await customerRecommendations(readPorts(pointer, [item('b1', ['x']), item('b2', ['z', 'gone', 'y'])], ['x', 'y', 'z']), customer('c'))).toEqual({
      items: [product('z'), product('y')],
      builtAt: at,
    });
  });
});
