/**
 * Placing and reading orders as a customer: catalogue prices only, the basket's ordered lines
 * removed, every bad field named, idempotency by key (retries and racing duplicates make one
 * order), newest-first pages, and another customer's order indistinguishable from none.
 */
import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { call, problemContentType } from '../support/api';
import { registerCustomer } from '../support/customers';
import { customerEvents, delivery, orderBody, type OrderView, placeOrder, type Product, recipient, storedOrders, tables } from '../support/orders';

interface Problem {
  status: number;
  title: string;
  detail?: string;
  errors?: { path: string; message: string }[];
}

const product = async (productId: string): Promise<Product> => {
  const response = await call<Product>('GET', `/v1/products/${productId}`);
  expect(response.status).toBe(200);
  return response.body;
};

const pathsOf = (body: unknown): string[] => ((body as Problem).errors ?? []).map((e) => e.path).sort();

describe('placing an order', () => {
  it('prices every line from the catalogue and stores the totals computed by the server', async () => {
    const customer = await registerCustomer();
    const [war, onegin] = await Promise.all([product('tolstoy-war-and-peace'), product('pushkin-eugene-onegin')]);
    const placed = await placeOrder(customer.tokens.accessToken, orderBody([
      { productId: war.productId, quantity: 2 },
      { productId: onegin.productId, quantity: 1 },
    ]));
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({
      status: 'PLACED',
      currency: 'RUB',
      recipient,
      delivery,
      items: [
        { productId: war.productId, title: war.title, quantity: 2, priceMinor: war.priceMinor, lineTotalMinor: war.priceMinor * 2 },
        { productId: onegin.productId, title: onegin.title, quantity: 1, priceMinor: onegin.priceMinor, lineTotalMinor: onegin.priceMinor },
      ],
      totalMinor: war.priceMinor * 2 + onegin.priceMinor,
    });
    expect(placed.body.orderId).toMatch(/^[A-Za-z0-9_-]{22,64}$/);
    expect(placed.body.statusHistory).toEqual([{ status: 'PLACED', at: placed.body.createdAt, actor: { type: 'customer' } }]);
    // Internal fields stay inside.
    expect(Object.keys(placed.body).sort()).toEqual(
      ['createdAt', 'currency', 'delivery', 'items', 'orderId', 'recipient', 'status', 'statusHistory', 'totalMinor'].sort(),
    );

    const read = await call<OrderView>('GET', `/v1/orders/${placed.body.orderId}`, { token: customer.tokens.accessToken });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(placed.body);

    const [stored] = await storedOrders(customer.customerId);
    expect(stored).toMatchObject({ orderId: placed.body.orderId, customerId: customer.customerId, totalMinor: placed.body.totalMinor });
    expect(stored?.['requestHash']).toMatch(/^[0-9a-f]{64}$/);
    const events = await customerEvents(customer.customerId, 'OrderPlaced');
    expect(events).toHaveLength(1);
    expect(events[0]?.payload).toEqual({ orderId: placed.body.orderId, totalMinor: placed.body.totalMinor, itemCount: 3 });
  });

  it('removes the ordered books from the basket, and only those', async () => {
    const customer = await registerCustomer();
    const token = customer.tokens.accessToken;
    const books = ['gogol-dead-souls', 'chekhov-the-seagull', 'gogol-the-overcoat'];
    for (const productId of books) {
      const put = await call('PUT', `/v1/me/basket/items/${productId}`, { token, body: { quantity: 2 } });
      expect(put.status, productId).toBe(200);
    }
    const placed = await placeOrder(token, orderBody([
      { productId: 'gogol-dead-souls', quantity: 2 },
      { productId: 'chekhov-the-seagull', quantity: 1 },
      // Not in the basket: ordering it deletes nothing and fails nothing.
      { productId: 'chekhov-three-sisters', quantity: 1 },
    ]));
    expect(placed.status).toBe(201);

    const basket = await call<{ items: { productId: string }[] }>('GET', '/v1/me/basket', { token });
    expect(basket.status).toBe(200);
    expect(basket.body.items.map((i) => i.productId)).toEqual(['gogol-the-overcoat']);
    const { db, names } = await tables();
    const lines = await db.send(
      new QueryCommand({
        TableName: names['baskets'],
        KeyConditionExpression: 'customerId = :c AND begins_with(itemKey, :p)',
        ExpressionAttributeValues: { ':c': customer.customerId, ':p': 'item#' },
      }),
    );
    expect((lines.Items ?? []).map((i) => i['itemKey'])).toEqual(['item#gogol-the-overcoat']);
  });

  it('names each bad recipient and delivery field, and stores nothing', async () => {
    const customer = await registerCustomer();
    const { city: _city, ...withoutCity } = delivery;
    const refused = await placeOrder(customer.tokens.accessToken, {
      items: [{ productId: 'gogol-dead-souls', quantity: 1 }],
      recipient: { ...recipient, phone: '8 916 123-45-67' },
      delivery: { ...withoutCity, postalCode: '12345' },
    });
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toMatch(problemContentType);
    // The postal-code rule is a refinement of the whole address (it depends on the country), so zod
    // runs it only once the address has every field; the missing city is named first.
    expect(pathsOf(refused.body)).toEqual(['body.delivery.city', 'body.recipient.phone']);

    // One at a time, each is named on its own.
    const cases: [Record<string, unknown>, string][] = [
      [{ delivery: { ...delivery, postalCode: '12345' } }, 'body.delivery.postalCode'],
      [{ recipient: { ...recipient, phone: '12345' } }, 'body.recipient.phone'],
      [{ delivery: withoutCity }, 'body.delivery.city'],
      [{ recipient: { phone: recipient.phone } }, 'body.recipient.fullName'],
      [{ delivery: { ...delivery, country: 'Russia' } }, 'body.delivery.country'],
    ];
    for (const [change, path] of cases) {
      const response = await placeOrder(customer.tokens.accessToken, orderBody([{ productId: 'gogol-dead-souls', quantity: 1 }], change));
      expect(response.status, path).toBe(422);
      expect(pathsOf(response.body), path).toEqual([path]);
    }
    // A foreign postal code follows its own country's shape.
    const german = await placeOrder(
      customer.tokens.accessToken,
      orderBody([{ productId: 'gogol-dead-souls', quantity: 1 }], { delivery: { ...delivery, country: 'DE', postalCode: '10115' } }),
    );
    expect(german.status).toBe(201);
    expect(await storedOrders(customer.customerId)).toHaveLength(1);
  });

  it('refuses a client-sent price or total with 422: a forged price never reaches an order', async () => {
    const customer = await registerCustomer();
    const forged = await placeOrder(customer.tokens.accessToken, orderBody([{ productId: 'tolstoy-war-and-peace', quantity: 1, priceMinor: 1 } as never]));
    expect(forged.status).toBe(422);
    expect(pathsOf(forged.body)).toEqual(['body.items.0.priceMinor']);
    const total = await placeOrder(customer.tokens.accessToken, orderBody([{ productId: 'tolstoy-war-and-peace', quantity: 1 }], { totalMinor: 1 }));
    expect(total.status).toBe(422);
    expect(pathsOf(total.body)).toEqual(['body.totalMinor']);
    for (const quantity of [0, 100, 1.5]) {
      const response = await placeOrder(customer.tokens.accessToken, orderBody([{ productId: 'tolstoy-war-and-peace', quantity }]));
      expect(response.status, String(quantity)).toBe(422);
      expect(pathsOf(response.body)).toEqual(['body.items.0.quantity']);
    }
    expect(await storedOrders(customer.customerId)).toHaveLength(0);
  });

  it('answers 422 naming the item of a book the catalogue does not have', async () => {
    const customer = await registerCustomer();
    const response = await placeOrder(customer.tokens.accessToken, orderBody([
      { productId: 'gogol-dead-souls', quantity: 1 },
      { productId: 'no-such-book', quantity: 1 },
    ]));
    expect(response.status).toBe(422);
    expect(pathsOf(response.body)).toEqual(['body.items.1.productId']);
    expect(await storedOrders(customer.customerId)).toHaveLength(0);
    expect(await customerEvents(customer.customerId, 'OrderPlaced')).toHaveLength(0);
  });
});

describe('the Idempotency-Key of an order', () => {
  it('answers a retry with the first order and creates nothing new', async () => {
    const customer = await registerCustomer();
    const key = `order-${randomUUID()}`;
    const body = orderBody([{ productId: 'dostoevsky-the-idiot', quantity: 1 }]);
    const first = await placeOrder(customer.tokens.accessToken, body, key);
    const retry = await placeOrder(customer.tokens.accessToken, body, key);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    // The same request in another key order is the same request.
    const reordered = await placeOrder(customer.tokens.accessToken, { delivery: body.delivery, recipient: body.recipient, items: body.items }, key);
    expect(reordered.status).toBe(201);
    expect(reordered.body.orderId).toBe(first.body.orderId);
    expect(await storedOrders(customer.customerId)).toHaveLength(1);
    expect(await customerEvents(customer.customerId, 'OrderPlaced')).toHaveLength(1);

    // Without a key, each request is an order of its own.
    const a = await placeOrder(customer.tokens.accessToken, body);
    const b = await placeOrder(customer.tokens.accessToken, body);
    expect(a.body.orderId).not.toBe(b.body.orderId);
    expect(await storedOrders(customer.customerId)).toHaveLength(3);
  });

  it('answers 409 for the same key with another request, and keeps the first order', async () => {
    const customer = await registerCustomer();
    const key = `order-${randomUUID()}`;
    const first = await placeOrder(customer.tokens.accessToken, orderBody([{ productId: 'dostoevsky-demons', quantity: 1 }]), key);
    expect(first.status).toBe(201);
    const other = await placeOrder(customer.tokens.accessToken, orderBody([{ productId: 'dostoevsky-demons', quantity: 2 }]), key);
    expect(other.status).toBe(409);
    expect(other.headers.get('content-type')).toMatch(problemContentType);
    expect((other.body as unknown as Problem).detail).toBe('This Idempotency-Key was used with another request.');
    const stored = await storedOrders(customer.customerId);
    expect(stored).toHaveLength(1);
    expect((stored[0]?.['items'] as { quantity: number }[])[0]?.quantity).toBe(1);

    // Another customer's use of the same key is an order of their own.
    const stranger = await registerCustomer();
    const theirs = await placeOrder(stranger.tokens.accessToken, orderBody([{ productId: 'dostoevsky-demons', quantity: 2 }]), key);
    expect(theirs.status).toBe(201);
    expect(theirs.body.orderId).not.toBe(first.body.orderId);
  });

  it('makes one order of 8 identical requests racing with one key', async () => {
    const customer = await registerCustomer();
    const key = randomUUID();
    const body = orderBody([
      { productId: 'chekhov-the-cherry-orchard', quantity: 3 },
      { productId: 'turgenev-fathers-and-sons', quantity: 1 },
    ]);
    const answers = await Promise.all(Array.from({ length: 8 }, () => placeOrder(customer.tokens.accessToken, body, key)));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    expect(new Set(answers.map((a) => a.body.orderId)).size).toBe(1);
    expect(await storedOrders(customer.customerId)).toHaveLength(1);
    expect(await customerEvents(customer.customerId, 'OrderPlaced')).toHaveLength(1);
  });

  it('answers 422 naming the header for a key that is not 1–64 visible ASCII characters', async () => {
    const customer = await registerCustomer();
    const body = orderBody([{ productId: 'dostoevsky-demons', quantity: 1 }]);
    for (const key of ['x'.repeat(65), 'with space', '']) {
      const response = await call<Problem>('POST', '/v1/orders', { token: customer.tokens.accessToken, body, headers: { 'Idempotency-Key': key } });
      expect(response.status, JSON.stringify(key)).toBe(422);
      expect(pathsOf(response.body)).toEqual(['header.Idempotency-Key']);
    }
    const longest = await placeOrder(customer.tokens.accessToken, body, '~'.repeat(64));
    expect(longest.status).toBe(201);
    expect(await storedOrders(customer.customerId)).toHaveLength(1);
  });
});

describe('reading orders', () => {
  it('lists the caller’s orders newest first, page by page, with their status history', async () => {
    const customer = await registerCustomer();
    const token = customer.tokens.accessToken;
    const placed: string[] = [];
    for (const productId of ['gogol-dead-souls', 'chekhov-the-seagull', 'gogol-the-overcoat']) {
      const response = await placeOrder(token, orderBody([{ productId, quantity: 1 }]));
      expect(response.status).toBe(201);
      placed.push(response.body.orderId);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const first = await call<{ items: OrderView[]; nextCursor: string | null }>('GET', '/v1/orders?limit=2', { token });
    expect(first.status).toBe(200);
    expect(first.body.items.map((o) => o.orderId)).toEqual([placed[2], placed[1]]);
    expect(first.body.items[0]?.statusHistory).toEqual([expect.objectContaining({ status: 'PLACED', actor: { type: 'customer' } })]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await call<{ items: OrderView[]; nextCursor: string | null }>(
      'GET',
      `/v1/orders?limit=2&cursor=${encodeURIComponent(first.body.nextCursor ?? '')}`,
      { token },
    );
    expect(second.status).toBe(200);
    expect(second.body.items.map((o) => o.orderId)).toEqual([placed[0]]);
    expect(second.body.nextCursor).toBeNull();

    // The whole list in one page, and another customer's view of it: empty, and the cursor refused.
    const all = await call<{ items: OrderView[] }>('GET', '/v1/orders', { token });
    expect(all.body.items.map((o) => o.orderId)).toEqual([...placed].reverse());
    const stranger = await registerCustomer();
    expect((await call<{ items: unknown[] }>('GET', '/v1/orders', { token: stranger.tokens.accessToken })).body.items).toEqual([]);
    const foreignCursor = await call<Problem>('GET', `/v1/orders?cursor=${encodeURIComponent(first.body.nextCursor ?? '')}`, {
      token: stranger.tokens.accessToken,
    });
    expect(foreignCursor.status).toBe(422);
    expect(pathsOf(foreignCursor.body)).toEqual(['query.cursor']);
    const forged = await call<Problem>('GET', '/v1/orders?cursor=bm90LWEtY3Vyc29y', { token });
    expect(forged.status).toBe(422);
  });

  it('answers another customer’s order exactly like a missing one', async () => {
    const owner = await registerCustomer();
    const stranger = await registerCustomer();
    const placed = await placeOrder(owner.tokens.accessToken, orderBody([{ productId: 'gogol-dead-souls', quantity: 1 }]));
    expect(placed.status).toBe(201);
    const foreign = await call<Problem>('GET', `/v1/orders/${placed.body.orderId}`, { token: stranger.tokens.accessToken });
    const missing = await call<Problem>('GET', `/v1/orders/${'A'.repeat(22)}`, { token: stranger.tokens.accessToken });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
    expect(foreign.text).not.toContain(placed.body.orderId);
    const malformed = await call<Problem>('GET', '/v1/orders/short', { token: owner.tokens.accessToken });
    expect(malformed.status).toBe(422);
    expect(pathsOf(malformed.body)).toEqual(['path.orderId']);
  });

  it('refuses the order routes without a token', async () => {
    expect((await call('GET', '/v1/orders')).status).toBe(401);
    expect((await call('POST', '/v1/orders', { body: orderBody([{ productId: 'gogol-dead-souls', quantity: 1 }]) })).status).toBe(401);
  });
});
