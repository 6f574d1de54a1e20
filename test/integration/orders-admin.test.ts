/**
 * Operators move orders and set prices: allowed moves only, safe when two operators act at once,
 * every move in the status history and the outbox exactly once, loyalty spend and tier on
 * delivery only for customers who granted `loyalty_program`, and a price change as an event.
 */
import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/api';
import { consentVersion, operatorTokens, registerCustomer, type TestCustomer } from '../support/customers';
import { customerEvents, moveOrder, orderBody, type OrderView, ownProduct, placeOrder, type Product, productEvents, tables } from '../support/orders';

let operator: string;

beforeAll(async () => {
  operator = (await operatorTokens()).accessToken;
});

const order = async (customer: TestCustomer, items: { productId: string; quantity: number }[]): Promise<OrderView> => {
  const placed = await placeOrder(customer.tokens.accessToken, orderBody(items));
  expect(placed.status).toBe(201);
  return placed.body;
};

const deliver = async (orderId: string) => {
  for (const status of ['CONFIRMED', 'SHIPPED', 'DELIVERED']) {
    const moved = await moveOrder(operator, orderId, status);
    expect(moved.status, status).toBe(200);
  }
};

const storedCustomer = async (customerId: string) => {
  const { db, names } = await tables();
  return (await db.send(new GetCommand({ TableName: names['customers'], Key: { customerId } }))).Item ?? {};
};

const grantLoyalty = async (customer: TestCustomer) => {
  const granted = await call('PUT', '/v1/me/consents/loyalty_program', {
    token: customer.tokens.accessToken,
    body: { granted: true, documentVersion: consentVersion },
  });
  expect(granted.status).toBe(200);
};

/** An order of one book priced so that `copies` of it cost `totalMinor` (a book of the test's own). */
const orderWorth = async (customer: TestCustomer, totalMinor: number, copies = 1) => {
  const book = await ownProduct(totalMinor / copies);
  return order(customer, [{ productId: book.productId, quantity: copies }]);
};

describe('moving an order (operators)', () => {
  it('moves PLACED→CONFIRMED→SHIPPED→DELIVERED, each move in the history and the outbox once', async () => {
    const customer = await registerCustomer();
    const placed = await order(customer, [{ productId: 'gogol-dead-souls', quantity: 1 }]);
    const statuses = ['CONFIRMED', 'SHIPPED', 'DELIVERED'];
    let last: OrderView | undefined;
    for (const status of statuses) {
      const moved = await moveOrder(operator, placed.orderId, status);
      expect(moved.status, status).toBe(200);
      expect(moved.body.status).toBe(status);
      last = moved.body;
    }
    const operatorId = String(JSON.parse(Buffer.from(operator.split('.')[1] ?? '', 'base64url').toString())['sub']);
    expect(last?.statusHistory.map((e) => e.status)).toEqual(['PLACED', ...statuses]);
    expect(last?.statusHistory.slice(1).map((e) => e.actor)).toEqual(statuses.map(() => ({ type: 'operator', id: operatorId })));

    // The customer sees the same history, the actors by kind only.
    const seen = await call<OrderView>('GET', `/v1/orders/${placed.orderId}`, { token: customer.tokens.accessToken });
    expect(seen.body.status).toBe('DELIVERED');
    expect(seen.body.statusHistory.map((e) => [e.status, e.actor])).toEqual([
      ['PLACED', { type: 'customer' }],
      ...statuses.map((s) => [s, { type: 'operator' }]),
    ]);
    const listed = await call<{ items: OrderView[] }>('GET', '/v1/orders', { token: customer.tokens.accessToken });
    expect(listed.body.items[0]?.statusHistory).toHaveLength(4);

    const changes = await customerEvents(customer.customerId, 'OrderStatusChanged');
    expect(changes.map((e) => e.payload).sort((a, b) => statuses.indexOf(String(a['to'])) - statuses.indexOf(String(b['to'])))).toEqual([
      { orderId: placed.orderId, from: 'PLACED', to: 'CONFIRMED' },
      { orderId: placed.orderId, from: 'CONFIRMED', to: 'SHIPPED' },
      { orderId: placed.orderId, from: 'SHIPPED', to: 'DELIVERED' },
    ]);
    expect(await customerEvents(customer.customerId, 'OrderPlaced')).toHaveLength(1);
  });

  it('refuses every move the rules do not allow with 409 naming the current status', async () => {
    const customer = await registerCustomer();
    const placed = await order(customer, [{ productId: 'gogol-dead-souls', quantity: 1 }]);
    for (const status of ['SHIPPED', 'DELIVERED', 'PLACED']) {
      const refused = await moveOrder(operator, placed.orderId, status);
      expect(refused.status, status).toBe(409);
      expect(refused.body.detail).toContain('PLACED');
    }
    await deliver(placed.orderId);
    for (const status of ['CANCELLED', 'SHIPPED', 'PLACED', 'DELIVERED']) {
      const refused = await moveOrder(operator, placed.orderId, status);
      expect(refused.status, status).toBe(409);
      expect(refused.body.detail).toContain('DELIVERED');
    }

    // Cancelling is allowed from PLACED and CONFIRMED only, and is final.
    const fromPlaced = await order(customer, [{ productId: 'gogol-the-overcoat', quantity: 1 }]);
    expect((await moveOrder(operator, fromPlaced.orderId, 'CANCELLED')).status).toBe(200);
    const fromConfirmed = await order(customer, [{ productId: 'gogol-the-overcoat', quantity: 1 }]);
    expect((await moveOrder(operator, fromConfirmed.orderId, 'CONFIRMED')).status).toBe(200);
    expect((await moveOrder(operator, fromConfirmed.orderId, 'CANCELLED')).status).toBe(200);
    const again = await moveOrder(operator, fromConfirmed.orderId, 'CONFIRMED');
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain('CANCELLED');
    const shipped = await order(customer, [{ productId: 'gogol-the-overcoat', quantity: 1 }]);
    expect((await moveOrder(operator, shipped.orderId, 'CONFIRMED')).status).toBe(200);
    expect((await moveOrder(operator, shipped.orderId, 'SHIPPED')).status).toBe(200);
    expect((await moveOrder(operator, shipped.orderId, 'CANCELLED')).status).toBe(409);

    // Refused moves wrote nothing.
    const changes = await customerEvents(customer.customerId, 'OrderStatusChanged');
    expect(changes.filter((e) => e.payload['orderId'] === placed.orderId)).toHaveLength(3);
    expect((await moveOrder(operator, 'A'.repeat(22), 'CONFIRMED')).status).toBe(404);
    const badStatus = await call<{ errors: { path: string }[] }>('POST', `/v1/admin/orders/${placed.orderId}/status`, {
      token: operator,
      body: { status: 'LOST' },
    });
    expect(badStatus.status).toBe(422);
    expect(badStatus.body.errors.map((e) => e.path)).toEqual(['body.status']);
  });

  it('lets exactly one of two operators racing the same move win; the other gets 409', async () => {
    const customer = await registerCustomer();
    const second = (await operatorTokens()).accessToken;
    for (let round = 0; round < 3; round += 1) {
      const placed = await order(customer, [{ productId: 'chekhov-the-seagull', quantity: 1 }]);
      const answers = await Promise.all([moveOrder(operator, placed.orderId, 'CONFIRMED'), moveOrder(second, placed.orderId, 'CONFIRMED')]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      const seen = await call<OrderView>('GET', `/v1/orders/${placed.orderId}`, { token: customer.tokens.accessToken });
      expect(seen.body.statusHistory.map((e) => e.status)).toEqual(['PLACED', 'CONFIRMED']);
      const changes = (await customerEvents(customer.customerId, 'OrderStatusChanged')).filter((e) => e.payload['orderId'] === placed.orderId);
      expect(changes).toHaveLength(1);

      // Two different moves from the same status: one wins, the order holds exactly its result.
      const race = await Promise.all([moveOrder(operator, placed.orderId, 'SHIPPED'), moveOrder(second, placed.orderId, 'CANCELLED')]);
      expect(race.map((a) => a.status).sort()).toEqual([200, 409]);
      const winner = race.find((a) => a.status === 200)?.body.status;
      const after = await call<OrderView>('GET', `/v1/orders/${placed.orderId}`, { token: customer.tokens.accessToken });
      expect(after.body.status).toBe(winner);
      expect(after.body.statusHistory.map((e) => e.status)).toEqual(['PLACED', 'CONFIRMED', winner]);
    }
  });

  it('refuses a customer’s token on the operator routes with 403', async () => {
    const customer = await registerCustomer();
    const placed = await order(customer, [{ productId: 'gogol-dead-souls', quantity: 1 }]);
    const move = await moveOrder(customer.tokens.accessToken, placed.orderId, 'CONFIRMED');
    expect(move.status).toBe(403);
    const price = await call('POST', '/v1/admin/products/gogol-dead-souls/price', { token: customer.tokens.accessToken, body: { priceMinor: 1 } });
    expect(price.status).toBe(403);
    expect((await call<Product>('GET', '/v1/products/gogol-dead-souls')).body.priceMinor).not.toBe(1);
    const seen = await call<OrderView>('GET', `/v1/orders/${placed.orderId}`, { token: customer.tokens.accessToken });
    expect(seen.body.status).toBe('PLACED');
  });
});

describe('loyalty on delivery', () => {
  it('assigns silver once a consenting customer’s delivered orders reach 15,000 RUB, with one event', async () => {
    const customer = await registerCustomer();
    await grantLoyalty(customer);
    const war = (await call<Product>('GET', '/v1/products/tolstoy-war-and-peace')).body;
    const copies = Math.ceil(1_500_000 / war.priceMinor);
    expect(copies).toBeLessThanOrEqual(99);
    const big = await order(customer, [{ productId: war.productId, quantity: copies }]);
    expect(big.totalMinor).toBeGreaterThanOrEqual(1_500_000);

    // Placed, confirmed and shipped orders count for nothing yet.
    const before = await call<{ tier: string; lifetimeSpendMinor: number }>('GET', '/v1/me/loyalty', { token: customer.tokens.accessToken });
    expect(before.body).toMatchObject({ tier: 'bronze', lifetimeSpendMinor: 0 });
    await deliver(big.orderId);

    const loyalty = await call<{ tier: string; lifetimeSpendMinor: number; nextTier: string | null }>('GET', '/v1/me/loyalty', {
      token: customer.tokens.accessToken,
    });
    expect(loyalty.status).toBe(200);
    expect(loyalty.body).toMatchObject({ tier: 'silver', lifetimeSpendMinor: big.totalMinor, nextTier: 'gold' });
    const assigned = await customerEvents(customer.customerId, 'LoyaltyTierAssigned');
    expect(assigned).toHaveLength(1);
    expect(assigned[0]?.payload).toEqual({ tier: 'silver', previousTier: 'bronze' });

    // A further delivery within the tier adds to the spend and assigns nothing.
    const small = await order(customer, [{ productId: 'gogol-the-overcoat', quantity: 1 }]);
    await deliver(small.orderId);
    const after = await call<{ tier: string; lifetimeSpendMinor: number }>('GET', '/v1/me/loyalty', { token: customer.tokens.accessToken });
    expect(after.body).toMatchObject({ tier: 'silver', lifetimeSpendMinor: big.totalMinor + small.totalMinor });
    expect(await customerEvents(customer.customerId, 'LoyaltyTierAssigned')).toHaveLength(1);
    const cancelled = await order(customer, [{ productId: war.productId, quantity: 99 }]);
    expect((await moveOrder(operator, cancelled.orderId, 'CANCELLED')).status).toBe(200);
    expect((await storedCustomer(customer.customerId))['lifetimeSpendMinor']).toBe(big.totalMinor + small.totalMinor);
  });

  it('adds up deliveries of two orders at once, and assigns the tier once', async () => {
    const customer = await registerCustomer();
    await grantLoyalty(customer);
    const [a, b] = await Promise.all([orderWorth(customer, 1_000_000, 4), orderWorth(customer, 800_000, 2)]);
    for (const status of ['CONFIRMED', 'SHIPPED']) {
      for (const o of [a, b]) expect((await moveOrder(operator, o.orderId, status)).status).toBe(200);
    }
    const delivered = await Promise.all([moveOrder(operator, a.orderId, 'DELIVERED'), moveOrder(operator, b.orderId, 'DELIVERED')]);
    expect(delivered.map((d) => d.status)).toEqual([200, 200]);
    const record = await storedCustomer(customer.customerId);
    expect(record['lifetimeSpendMinor']).toBe(1_800_000);
    expect(record['loyaltyTier']).toBe('silver');
    const assigned = await customerEvents(customer.customerId, 'LoyaltyTierAssigned');
    expect(assigned.map((e) => e.payload)).toEqual([{ tier: 'silver', previousTier: 'bronze' }]);
  });

  it('computes nothing for a customer who did not grant loyalty_program', async () => {
    const customer = await registerCustomer();
    const big = await orderWorth(customer, 6_000_000, 3);
    await deliver(big.orderId);
    const loyalty = await call('GET', '/v1/me/loyalty', { token: customer.tokens.accessToken });
    expect(loyalty.status).toBe(403);
    const record = await storedCustomer(customer.customerId);
    expect(record['lifetimeSpendMinor']).toBeUndefined();
    expect(record['loyaltyTier']).toBeNull();
    expect(await customerEvents(customer.customerId, 'LoyaltyTierAssigned')).toHaveLength(0);
    expect(await customerEvents(customer.customerId, 'OrderStatusChanged')).toHaveLength(3);

    // Granting later does not count what was delivered before it.
    await grantLoyalty(customer);
    const after = await call<{ tier: string; lifetimeSpendMinor: number }>('GET', '/v1/me/loyalty', { token: customer.tokens.accessToken });
    expect(after.body).toMatchObject({ tier: 'bronze', lifetimeSpendMinor: 0 });
  });
});

describe('changing a price (operators)', () => {
  it('sets the price, and writes ProductPriceChanged once per change in the same transaction', async () => {
    const book = await ownProduct(100_000);
    const path = `/v1/admin/products/${book.productId}/price`;
    const dropped = await call<Product>('POST', path, { token: operator, body: { priceMinor: 80_000 } });
    expect(dropped.status).toBe(200);
    expect(dropped.body).toEqual({ ...book, priceMinor: 80_000 });
    expect((await call<Product>('GET', `/v1/products/${book.productId}`)).body.priceMinor).toBe(80_000);
    let events = await productEvents(book.productId);
    expect(events.map((e) => e.payload)).toEqual([{ productId: book.productId, oldPriceMinor: 100_000, newPriceMinor: 80_000, dropped: true }]);
    expect(events[0]?.customerId).toBeUndefined();

    // The same price again changes nothing; a rise is an event with dropped: false.
    expect((await call<Product>('POST', path, { token: operator, body: { priceMinor: 80_000 } })).status).toBe(200);
    expect(await productEvents(book.productId)).toHaveLength(1);
    expect((await call<Product>('POST', path, { token: operator, body: { priceMinor: 90_000 } })).body.priceMinor).toBe(90_000);
    events = await productEvents(book.productId);
    expect(events.map((e) => e.payload).find((p) => p['dropped'] === false)).toEqual({
      productId: book.productId,
      oldPriceMinor: 80_000,
      newPriceMinor: 90_000,
      dropped: false,
    });

    // New orders take the new price.
    const customer = await registerCustomer();
    const placed = await order(customer, [{ productId: book.productId, quantity: 2 }]);
    expect(placed.totalMinor).toBe(180_000);
  });

  it('answers 404 for a book that does not exist, and 422 for a bad price', async () => {
    const missing = await call('POST', `/v1/admin/products/no-such-book-${randomUUID().slice(0, 8)}/price`, { token: operator, body: { priceMinor: 100 } });
    expect(missing.status).toBe(404);
    for (const priceMinor of [-1, 1.5, '100']) {
      const bad = await call<{ errors: { path: string }[] }>('POST', '/v1/admin/products/gogol-dead-souls/price', { token: operator, body: { priceMinor } });
      expect(bad.status, String(priceMinor)).toBe(422);
      expect(bad.body.errors.map((e) => e.path)).toEqual(['body.priceMinor']);
    }
  });

  it('records concurrent price changes each with the price it replaced', async () => {
    const book = await ownProduct(50_000);
    const prices = [40_000, 30_000, 20_000, 10_000];
    const answers = await Promise.all(prices.map((priceMinor) => call('POST', `/v1/admin/products/${book.productId}/price`, { token: operator, body: { priceMinor } })));
    expect(answers.every((a) => a.status === 200 || a.status === 409)).toBe(true);
    const events = (await productEvents(book.productId)).sort((x, y) => x.occurredAt.localeCompare(y.occurredAt));
    expect(events.length).toBe(answers.filter((a) => a.status === 200).length);
    // The events chain: each replaced the price the one before set.
    const final = (await call<Product>('GET', `/v1/products/${book.productId}`)).body.priceMinor;
    const olds = new Set(events.map((e) => e.payload['oldPriceMinor']));
    const news = new Set(events.map((e) => e.payload['newPriceMinor']));
    expect(olds.has(50_000)).toBe(true);
    expect(news.has(final)).toBe(true);
    for (const e of events) if (e.payload['oldPriceMinor'] !== 50_000) expect(news.has(e.payload['oldPriceMinor'])).toBe(true);
  });
});
