/**
 * The basket through the API: lines set and removed by the customer, priced from the catalogue
 * whenever it is read, each customer's basket reachable by that customer only.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { awsClientConfig, call, problemContentType, type StackInfo, stackInfo } from '../support/api';
import { registerCustomer } from '../support/customers';

interface Basket {
  items: { productId: string; quantity: number; priceMinor: number }[];
  totalMinor: number;
  currency: string;
}
interface Problem {
  status: number;
  detail?: string;
  errors?: { path: string; message: string }[];
}

// Books from the end of the seed list, which the other test files leave alone.
const candide = 'voltaire-candide';
const germinal = 'zola-germinal';
const trial = 'kafka-the-trial';

let info: StackInfo;
let db: DynamoDBDocumentClient;

beforeAll(async () => {
  info = await stackInfo();
  db = DynamoDBDocumentClient.from(new DynamoDBClient(awsClientConfig(info.endpoints.dynamodbProxy)));
});

const priceOf = async (productId: string): Promise<number> => {
  const product = await call<{ priceMinor: number }>('GET', `/v1/products/${productId}`);
  expect(product.status).toBe(200);
  return product.body.priceMinor;
};

const basketOf = (token: string) => call<Basket>('GET', '/v1/me/basket', { token });
const put = (token: string, productId: string, body: unknown) => call<Basket & Problem>('PUT', `/v1/me/basket/items/${productId}`, { token, body });
const remove = (token: string, productId: string) => call<Basket>('DELETE', `/v1/me/basket/items/${productId}`, { token });

describe('the basket', () => {
  it('starts empty', async () => {
    const customer = await registerCustomer();
    const basket = await basketOf(customer.tokens.accessToken);
    expect(basket.status).toBe(200);
    expect(basket.headers.get('cache-control')).toBe('no-store');
    expect(basket.body).toEqual({ items: [], totalMinor: 0, currency: 'RUB' });
  });

  it('adds, changes and removes lines, priced from the catalogue and in product-id order', async () => {
    const token = (await registerCustomer()).tokens.accessToken;
    const [candidePrice, germinalPrice, trialPrice] = await Promise.all([priceOf(candide), priceOf(germinal), priceOf(trial)]);

    const first = await put(token, germinal, { quantity: 2 });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ items: [{ productId: germinal, quantity: 2, priceMinor: germinalPrice }], totalMinor: 2 * germinalPrice, currency: 'RUB' });

    await put(token, trial, { quantity: 1 });
    const third = await put(token, candide, { quantity: 3 });
    expect(third.body.items.map((i) => i.productId)).toEqual([trial, candide, germinal].sort());
    expect(third.body.totalMinor).toBe(3 * candidePrice + 2 * germinalPrice + trialPrice);

    const changed = await put(token, germinal, { quantity: 99 });
    expect(changed.status).toBe(200);
    expect(changed.body.items.find((i) => i.productId === germinal)).toEqual({ productId: germinal, quantity: 99, priceMinor: germinalPrice });
    expect(changed.body.totalMinor).toBe(3 * candidePrice + 99 * germinalPrice + trialPrice);

    const removed = await remove(token, candide);
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({
      items: [
        { productId: trial, quantity: 1, priceMinor: trialPrice },
        { productId: germinal, quantity: 99, priceMinor: germinalPrice },
      ].sort((a, b) => a.productId.localeCompare(b.productId)),
      totalMinor: 99 * germinalPrice + trialPrice,
      currency: 'RUB',
    });
    expect((await basketOf(token)).body).toEqual(removed.body);

    // Removing what is not there changes nothing.
    const again = await remove(token, candide);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(removed.body);

    await remove(token, trial);
    expect((await remove(token, germinal)).body).toEqual({ items: [], totalMinor: 0, currency: 'RUB' });
  });

  it("takes the price the catalogue has when it is read, and leaves out a book that left the catalogue", async () => {
    const token = (await registerCustomer()).tokens.accessToken;
    const productId = `test-${randomUUID()}`;
    // A book of this test's own, outside the listing, so no other test sees its price move.
    await db.send(new PutCommand({ TableName: info.tables['catalogue'], Item: { productId, title: 'A Basket Test', author: 'Test', priceMinor: 1000, currency: 'RUB' } }));
    try {
      await put(token, productId, { quantity: 2 });
      const candidePrice = await priceOf(candide);
      await put(token, candide, { quantity: 1 });
      expect((await basketOf(token)).body.totalMinor).toBe(2000 + candidePrice);

      await db.send(new UpdateCommand({ TableName: info.tables['catalogue'], Key: { productId }, UpdateExpression: 'SET priceMinor = :p', ExpressionAttributeValues: { ':p': 1500 } }));
      expect(await priceOf(productId)).toBe(1500);
      const repriced = await basketOf(token);
      expect(repriced.body.items.find((i) => i.productId === productId)).toEqual({ productId, quantity: 2, priceMinor: 1500 });
      expect(repriced.body.totalMinor).toBe(3000 + candidePrice);
    } finally {
      await db.send(new DeleteCommand({ TableName: info.tables['catalogue'], Key: { productId } }));
    }
    const vanished = await basketOf(token);
    expect(vanished.status).toBe(200);
    expect(vanished.body.items.map((i) => i.productId)).toEqual([candide]);
    expect(vanished.body.totalMinor).toBe(await priceOf(candide));
    // Its line can still be taken out.
    expect((await remove(token, productId)).status).toBe(200);
  });

  it('answers 422 naming body.quantity for a quantity outside 1–99 or not a whole number', async () => {
    const token = (await registerCustomer()).tokens.accessToken;
    for (const quantity of [0, 100, 'x', 1.5, -1, null]) {
      const response = await put(token, candide, { quantity });
      expect(response.status, JSON.stringify(quantity)).toBe(422);
      expect(response.headers.get('content-type')).toMatch(problemContentType);
      expect(response.body.errors?.map((e) => e.path)).toEqual(['body.quantity']);
    }
    expect((await put(token, candide, {})).body.errors?.map((e) => e.path)).toEqual(['body.quantity']);
    expect((await basketOf(token)).body.items).toEqual([]);
  });

  it('answers 422 naming an unknown field, a missing body and a malformed product id', async () => {
    const token = (await registerCustomer()).tokens.accessToken;
    const extra = await put(token, candide, { quantity: 1, priceMinor: 1 });
    expect(extra.status).toBe(422);
    expect(extra.body.errors).toEqual([{ path: 'body.priceMinor', message: 'is not a known field' }]);
    const missing = await call<Problem>('PUT', `/v1/me/basket/items/${candide}`, { token });
    expect(missing.status).toBe(422);
    expect(missing.body.errors?.map((e) => e.path)).toEqual(['body']);
    const badId = await put(token, 'Not_An_Id', { quantity: 1 });
    expect(badId.status).toBe(422);
    expect(badId.body.errors?.map((e) => e.path)).toEqual(['path.productId']);
    expect((await basketOf(token)).body.items).toEqual([]);
  });

  it('answers 404 for a book the catalogue does not have, and keeps no line for it', async () => {
    const token = (await registerCustomer()).tokens.accessToken;
    const response = await put(token, 'no-such-book', { quantity: 1 });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(problemContentType);
    expect(response.body.detail).toBe('There is no book with this id.');
    expect((await basketOf(token)).body).toEqual({ items: [], totalMinor: 0, currency: 'RUB' });
  });

  it('keeps each customer’s basket apart', async () => {
    const [anna, boris] = await Promise.all([registerCustomer(), registerCustomer()]);
    const a = anna.tokens.accessToken;
    const b = boris.tokens.accessToken;
    await put(a, candide, { quantity: 2 });
    expect((await basketOf(b)).body.items).toEqual([]);

    await put(b, candide, { quantity: 5 });
    await put(b, germinal, { quantity: 1 });
    expect((await basketOf(a)).body.items.map((i) => [i.productId, i.quantity])).toEqual([[candide, 2]]);

    // Boris removing the book takes it out of his basket only.
    await remove(b, candide);
    expect((await basketOf(a)).body.items.map((i) => [i.productId, i.quantity])).toEqual([[candide, 2]]);
    expect((await basketOf(b)).body.items.map((i) => [i.productId, i.quantity])).toEqual([[germinal, 1]]);
  });

  it('takes changes of one basket made at the same time, each of them', async () => {
    const token = (await registerCustomer()).tokens.accessToken;
    const books = [candide, germinal, trial, 'kafka-the-metamorphosis', 'melville-moby-dick', 'goethe-faust-part-one'];
    const answers = await Promise.all(books.map((productId, i) => put(token, productId, { quantity: i + 1 })));
    expect(answers.map((a) => a.status)).toEqual(books.map(() => 200));
    const basket = await basketOf(token);
    expect(basket.body.items.map((i) => [i.productId, i.quantity]).sort()).toEqual(books.map((productId, i) => [productId, i + 1]).sort());
  });

  it('is for signed-in customers only', async () => {
    expect((await call('GET', '/v1/me/basket')).status).toBe(401);
    expect((await call('PUT', `/v1/me/basket/items/${candide}`, { body: { quantity: 1 } })).status).toBe(401);
    expect((await call('DELETE', `/v1/me/basket/items/${candide}`)).status).toBe(401);
  });
});
