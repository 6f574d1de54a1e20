/**
 * The order rules without DynamoDB: ids and request hashes, pricing, the allowed moves, the
 * loyalty consequence of a delivery, and what the logic does with each outcome of a conditional
 * write (a taken id, a lost race, a customer record that moved on).
 */
import { describe, expect, it } from 'vitest';
import type { Customer, CustomerStore } from '../../lambdas/domain/accounts/customers';
import { ConflictError, NotFoundError, RuleViolationError } from '../../lambdas/domain/errors';
import { changePrice, type PriceList } from '../../lambdas/domain/catalogue/pricing';
import type { CatalogueItem } from '../../lambdas/domain/catalogue/catalogue';
import {
  allowedMoves,
  canonicalJson,
  getOrder,
  keyedOrderId,
  loyaltyAfterDelivery,
  moveOrderStatus,
  type Order,
  type OrderPorts,
  type OrderRequest,
  type OrderStore,
  orderView,
  placeOrder,
  priceLines,
  randomOrderId,
  requestHashOf,
  type StatusMove,
  type WriteOutcome,
} from '../../lambdas/domain/shop/orders';

const request: OrderRequest = {
  items: [
    { productId: 'a', quantity: 2 },
    { productId: 'b', quantity: 1 },
  ],
  recipient: { fullName: 'Anna Karenina', phone: '+79161234567' },
  delivery: { country: 'RU', city: 'Moscow', street: 'Tverskaya', building: '7', postalCode: '125009' },
};

const prices = new Map([
  ['a', { productId: 'a', title: 'A', priceMinor: 1_000 }],
  ['b', { productId: 'b', title: 'B', priceMinor: 250 }],
]);

const customer = (extra: Partial<Customer> = {}): Customer => ({
  customerId: 'c-1',
  email: 'x@example.com',
  firstName: 'A',
  lastName: 'K',
  phone: null,
  status: 'ACTIVE',
  registeredAt: '2026-01-01T00:00:00.000Z',
  createdAt: '2026-01-01T00:00:00.000Z',
  closedAt: null,
  consents: {},
  consentSeq: 1,
  loyaltyTier: null,
  ...extra,
});

const granted = { loyalty_program: { granted: true, documentVersion: 'v', changedAt: 't', receiptId: 'r' } };

/** An in-memory order store whose writes answer from a script before they apply. */
class FakeOrders implements OrderStore {
  readonly orders = new Map<string, Order>();
  readonly placed: Order[] = [];
  readonly moves: StatusMove[] = [];
  constructor(readonly script: WriteOutcome[] = []) {}
  async get(orderId: string) {
    return this.orders.get(orderId);
  }
  async page() {
    return { items: [...this.orders.values()], next: undefined };
  }
  async place(order: Order) {
    const next = this.script.shift();
    if (next !== undefined && next !== 'done') return next as 'order' | 'contended';
    if (this.orders.has(order.orderId)) return 'order';
    this.orders.set(order.orderId, order);
    this.placed.push(order);
    return 'done';
  }
  async move(move: StatusMove) {
    const next = this.script.shift();
    if (next !== undefined && next !== 'done') return next;
    const current = this.orders.get(move.order.orderId);
    if (current?.status !== move.order.status) return 'order';
    this.orders.set(move.order.orderId, { ...current, status: move.to, statusHistory: [...current.statusHistory, move.entry] });
    this.moves.push(move);
    return 'done';
  }
}

const portsWith = (orders: FakeOrders, who: Customer | (() => Customer) = customer()): OrderPorts => {
  let n = 0;
  return {
    orders,
    catalogue: { prices: async (ids) => new Map([...prices].filter(([id]) => ids.includes(id))) },
    customers: { get: async () => (typeof who === 'function' ? who() : who) } as unknown as CustomerStore,
    clock: () => new Date('2026-05-01T10:00:00.000Z'),
    ids: () => `id-${(n += 1)}`,
  };
};

describe('order ids and request hashes', () => {
  it('derives one URL-safe id per customer and key, and random ids otherwise', () => {
    expect(keyedOrderId('c-1', 'k')).toBe(keyedOrderId('c-1', 'k'));
    expect(keyedOrderId('c-1', 'k')).not.toBe(keyedOrderId('c-2', 'k'));
    expect(keyedOrderId('c-1', 'k')).not.toBe(keyedOrderId('c-1\nk', ''));
    expect(keyedOrderId('c-1', 'k')).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(randomOrderId()).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(randomOrderId()).not.toBe(randomOrderId());
  });

  it('hashes the request, not the order of its keys', () => {
    expect(canonicalJson({ b: 1, a: [{ y: 2, x: 'é' }], c: undefined })).toBe('{"a":[{"x":"é","y":2}],"b":1}');
    const reordered = { delivery: request.delivery, recipient: request.recipient, items: request.items };
    expect(requestHashOf(reordered)).toBe(requestHashOf(request));
    expect(requestHashOf({ ...request, items: [{ productId: 'a', quantity: 3 }] })).not.toBe(requestHashOf(request));
  });
});

describe('pricing an order', () => {
  it('takes titles and prices from the catalogue and names each unknown book', () => {
    expect(priceLines(request, prices)).toEqual([
      { productId: 'a', title: 'A', quantity: 2, priceMinor: 1_000, lineTotalMinor: 2_000 },
      { productId: 'b', title: 'B', quantity: 1, priceMinor: 250, lineTotalMinor: 250 },
    ]);
    const unknown = { ...request, items: [{ productId: 'x', quantity: 1 }, ...request.items, { productId: 'y', quantity: 1 }] };
    try {
      priceLines(unknown, prices);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RuleViolationError);
      expect((error as RuleViolationError).errors.map((e) => e.path)).toEqual(['body.items.0.productId', 'body.items.3.productId']);
    }
  });
});

describe('placing an order', () => {
  it('stores the totals, the history and the OrderPlaced event, and shows no internal field', async () => {
    const orders = new FakeOrders();
    const order = await placeOrder(portsWith(orders), 'c-1', request, undefined);
    expect(order).toMatchObject({ status: 'PLACED', totalMinor: 2_250, currency: 'RUB', customerId: 'c-1' });
    expect(order.statusHistory).toEqual([{ status: 'PLACED', at: '2026-05-01T10:00:00.000Z', actor: { type: 'customer', id: 'c-1' } }]);
    const view = orderView(order);
    expect(view).not.toHaveProperty('requestHash');
    expect(view).not.toHaveProperty('customerId');
    expect(view.statusHistory[0]?.actor).toEqual({ type: 'customer' });
  });

  it('answers a keyed retry from the stored order, and a reused key with 409', async () => {
    const orders = new FakeOrders();
    const ports = portsWith(orders);
    const first = await placeOrder(ports, 'c-1', request, 'key');
    expect(await placeOrder(ports, 'c-1', request, 'key')).toEqual(first);
    await expect(placeOrder(ports, 'c-1', { ...request, items: [{ productId: 'a', quantity: 1 }] }, 'key')).rejects.toMatchObject({
      detail: 'This Idempotency-Key was used with another request.',
    });
    expect(orders.placed).toHaveLength(1);
  });

  it('answers a keyed retry from the stored order even when a book left the catalogue since, without a lookup first', async () => {
    const orders = new FakeOrders();
    const ports = portsWith(orders);
    let reads = 0;
    const get = orders.get.bind(orders);
    orders.get = async (id) => ((reads += 1), get(id));
    const first = await placeOrder(ports, 'c-1', request, 'key');
    // A first attempt reads no order: the transaction's condition is the idempotency check.
    expect(reads).toBe(0);
    const withoutBooks: OrderPorts = { ...ports, catalogue: { prices: async () => new Map() } };
    expect(await placeOrder(withoutBooks, 'c-1', request, 'key')).toEqual(first);
    // Unkeyed, or keyed but never placed, an unknown book is still a 422.
    await expect(placeOrder(withoutBooks, 'c-1', request, 'other-key')).rejects.toBeInstanceOf(RuleViolationError);
    await expect(placeOrder(withoutBooks, 'c-1', request, undefined)).rejects.toBeInstanceOf(RuleViolationError);
    expect(orders.placed).toHaveLength(1);
  });

  it('answers a duplicate that won the race with its order, and retries a cancelled transaction', async () => {
    const racing = new FakeOrders(['order']);
    const ports = portsWith(racing);
    const winner = { ...(await placeOrder(portsWith(new FakeOrders()), 'c-1', request, 'key')) };
    // The first get finds nothing; the put then fails on the id the racing request took.
    const get = racing.get.bind(racing);
    let reads = 0;
    racing.get = async (id) => ((reads += 1) === 1 ? undefined : (racing.orders.set(winner.orderId, winner), get(id)));
    expect(await placeOrder(ports, 'c-1', request, 'key')).toEqual(winner);

    const contended = new FakeOrders(['contended', 'contended']);
    const placed = await placeOrder(portsWith(contended), 'c-1', request, undefined);
    expect(contended.placed).toEqual([placed]);
  });

  it('lets only active customers order', async () => {
    await expect(placeOrder(portsWith(new FakeOrders(), customer({ status: 'CLOSED' })), 'c-1', request, undefined)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('shows a customer only their own orders', async () => {
    const orders = new FakeOrders();
    const order = await placeOrder(portsWith(orders), 'c-1', request, undefined);
    expect(await getOrder(orders, 'c-1', order.orderId)).toEqual(order);
    await expect(getOrder(orders, 'c-2', order.orderId)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('status moves', () => {
  it('allows PLACED→CONFIRMED→SHIPPED→DELIVERED and cancelling from PLACED or CONFIRMED only', () => {
    expect(allowedMoves).toEqual({
      PLACED: ['CONFIRMED', 'CANCELLED'],
      CONFIRMED: ['SHIPPED', 'CANCELLED'],
      SHIPPED: ['DELIVERED'],
      DELIVERED: [],
      CANCELLED: [],
    });
  });

  const placedOrder = async (orders: FakeOrders, who?: Customer) => placeOrder(portsWith(orders, who), 'c-1', request, undefined);

  it('refuses an illegal move naming the current status, and answers a lost race with 409', async () => {
    const orders = new FakeOrders();
    const order = await placedOrder(orders);
    await expect(moveOrderStatus(portsWith(orders), order.orderId, 'SHIPPED', 'op')).rejects.toMatchObject({ detail: 'The order is PLACED; it cannot move to SHIPPED.' });
    orders.script.push('order');
    orders.orders.set(order.orderId, { ...order, status: 'CONFIRMED' });
    await expect(moveOrderStatus(portsWith(orders), order.orderId, 'CONFIRMED', 'op')).rejects.toBeInstanceOf(ConflictError);
    await expect(moveOrderStatus(portsWith(orders), 'missing', 'CONFIRMED', 'op')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('takes a move that committed before the SDK retried it for done, not for a lost race', async () => {
    const orders = new FakeOrders();
    const order = await placedOrder(orders);
    const apply = orders.move.bind(orders);
    orders.move = async (move) => (await apply(move), 'order');
    const moved = await moveOrderStatus(portsWith(orders), order.orderId, 'CONFIRMED', 'op');
    expect(moved.status).toBe('CONFIRMED');
    expect(orderView(moved, 'operator').statusHistory[1]).toEqual({ status: 'CONFIRMED', at: expect.any(String), actor: { type: 'operator', id: 'op' } });
    // Another write of the same move by the same operator is still a lost race.
    await expect(moveOrderStatus(portsWith(orders), order.orderId, 'CONFIRMED', 'op')).rejects.toBeInstanceOf(ConflictError);
  });

  it('on delivery adds the total to a consenting customer’s spend and assigns a new tier once', async () => {
    const orders = new FakeOrders();
    const big = { ...request, items: [{ productId: 'a', quantity: 1 }] };
    const rich = new Map([['a', { productId: 'a', title: 'A', priceMinor: 1_600_000 }]]);
    const ports = { ...portsWith(orders, customer({ consents: granted })), catalogue: { prices: async () => rich } };
    const order = await placeOrder(ports, 'c-1', big, undefined);
    orders.orders.set(order.orderId, { ...order, status: 'SHIPPED' });
    await moveOrderStatus(ports, order.orderId, 'DELIVERED', 'op');
    const [move] = orders.moves;
    expect(move?.loyalty).toEqual({ customerId: 'c-1', expectedSpendMinor: undefined, spendMinor: 1_600_000, tier: 'silver', previousTier: 'bronze' });
    expect(move?.events.map((e) => [e.type, e.payload])).toEqual([
      ['OrderStatusChanged', { orderId: order.orderId, from: 'SHIPPED', to: 'DELIVERED' }],
      ['LoyaltyTierAssigned', { tier: 'silver', previousTier: 'bronze' }],
    ]);
  });

  it('recomputes from the customer’s new spend when another delivery landed first', async () => {
    const orders = new FakeOrders();
    const order = await placedOrder(orders);
    orders.orders.set(order.orderId, { ...order, status: 'SHIPPED' });
    const reads = [customer({ consents: granted }), customer({ consents: granted, lifetimeSpendMinor: 1_499_000, loyaltyTier: null })];
    const ports = portsWith(orders, () => reads.shift() ?? customer());
    orders.script.push('customer');
    await moveOrderStatus(ports, order.orderId, 'DELIVERED', 'op');
    expect(orders.moves[0]?.loyalty).toMatchObject({ expectedSpendMinor: 1_499_000, spendMinor: 1_501_250, tier: 'silver' });
  });

  it('computes nothing without the loyalty_program consent, and no tier event within a tier', () => {
    expect(loyaltyAfterDelivery(customer(), 5_000_000)).toBeUndefined();
    expect(loyaltyAfterDelivery(customer({ consents: { loyalty_program: { ...granted.loyalty_program, granted: false } } }), 5_000_000)).toBeUndefined();
    expect(loyaltyAfterDelivery(customer({ consents: granted, lifetimeSpendMinor: 100 }), 200)).toEqual({
      customerId: 'c-1',
      expectedSpendMinor: 100,
      spendMinor: 300,
    });
    // An assigned tier is what a change is measured against.
    expect(loyaltyAfterDelivery(customer({ consents: granted, lifetimeSpendMinor: 1_600_000, loyaltyTier: 'silver' }), 4_000_000)).toMatchObject({
      tier: 'gold',
      previousTier: 'silver',
    });
  });
});

describe('changing a price', () => {
  const item: CatalogueItem = { productId: 'p', title: 'T', author: 'A', priceMinor: 1_000, currency: 'RUB' };

  const priceListWith = (script: ('done' | 'changed' | 'contended')[], exists = true) => {
    const writes: { priceMinor: number; payload: unknown }[] = [];
    let stored: CatalogueItem | undefined = exists ? item : undefined;
    const list: PriceList = {
      get: async () => stored,
      setPrice: async (from, priceMinor, _at, event) => {
        const next = script.shift() ?? 'done';
        if (next !== 'done') {
          if (next === 'changed' && stored) stored = { ...stored, priceMinor: stored.priceMinor + 1 };
          return next;
        }
        writes.push({ priceMinor, payload: event.payload });
        stored = { ...from, priceMinor };
        return 'done';
      },
    };
    return { list, writes };
  };
  const ports = (list: PriceList) => ({ prices: list, clock: () => new Date(), ids: () => 'e' });

  it('writes the event with the price actually replaced, dropped or not, and nothing for the same price', async () => {
    const { list, writes } = priceListWith(['changed']);
    expect(await changePrice(ports(list), 'p', 500)).toMatchObject({ priceMinor: 500 });
    expect(writes).toEqual([{ priceMinor: 500, payload: { productId: 'p', oldPriceMinor: 1_001, newPriceMinor: 500, dropped: true } }]);
    expect(await changePrice(ports(list), 'p', 500)).toMatchObject({ priceMinor: 500 });
    expect(writes).toHaveLength(1);
    await changePrice(ports(list), 'p', 700);
    expect(writes[1]?.payload).toMatchObject({ dropped: false });
    await expect(changePrice(ports(priceListWith([], false).list), 'p', 1)).rejects.toBeInstanceOf(NotFoundError);
  });
});
