/**
 * Recommendations (issue 7 point 2): customers who bought this also bought, from the purchases of
 * customers who granted personalization and are not restricted. Customers and orders are made
 * through the API, with books of this file's own so other files' orders (in the same months) do
 * not change what is asserted: A buys X+Y, B buys X+Z, C buys X; D (blocked) buys X+W.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, problemContentType } from '../support/api';
import { consentVersion, registerCustomer, type TestCustomer } from '../support/customers';
import { orderBody, ownProduct, placeOrder, type Product, tables } from '../support/orders';
import { createRequest } from '../support/privacy';

interface Problem {
  type: string;
  status: number;
  detail: string;
}

interface Recommendations {
  items: Product[];
  builtAt: string | null;
}

interface BuildReport {
  buildId: string;
  ordersRead: number;
  customersConsidered: number;
  customersIncluded: number;
  recommendationsWritten: number;
  current: boolean;
}

const setPersonalization = async (customer: TestCustomer, granted: boolean) => {
  const response = await call('PUT', '/v1/me/consents/personalization', {
    token: customer.tokens.accessToken,
    body: { granted, documentVersion: consentVersion },
  });
  expect(response.status).toBe(200);
};

const buy = async (customer: TestCustomer, books: Product[]) => {
  const placed = await placeOrder(customer.tokens.accessToken, orderBody(books.map((book) => ({ productId: book.productId, quantity: 1 }))));
  expect(placed.status).toBe(201);
};

const runBuild = async (): Promise<BuildReport> => {
  const response = await call<{ job: string; result: BuildReport }>('POST', '/_local/jobs/recommendations/run');
  expect(response.status).toBe(200);
  return response.body.result;
};

const recommendationsOf = (customer: TestCustomer) => call<Recommendations | Problem>('GET', '/v1/me/recommendations', { token: customer.tokens.accessToken });

const ownIds = (answer: Recommendations, own: Product[]) => {
  const ids = new Set(own.map((book) => book.productId));
  return answer.items.map((item) => item.productId).filter((id) => ids.has(id));
};

const storedItem = async (customerId: string, buildId: string) => {
  const { db, names } = await tables();
  return (await db.send(new GetCommand({ TableName: names['recommendations'], Key: { customerId, buildId }, ConsistentRead: true }))).Item;
};

describe('recommendations', () => {
  let a: TestCustomer;
  let b: TestCustomer;
  let c: TestCustomer;
  let d: TestCustomer;
  let x: Product;
  let y: Product;
  let z: Product;
  let w: Product;

  beforeAll(async () => {
    [a, b, c, d, x, y, z, w] = await Promise.all([
      registerCustomer(),
      registerCustomer(),
      registerCustomer(),
      registerCustomer(),
      ownProduct(50_000),
      ownProduct(60_000),
      ownProduct(70_000),
      ownProduct(80_000),
    ]);
    await Promise.all([a, b, c, d].map((customer) => setPersonalization(customer, true)));
    await Promise.all([buy(a, [x, y]), buy(b, [x, z]), buy(c, [x]), buy(d, [x, w])]);
    const block = await createRequest(d.tokens.accessToken, { type: 'block' });
    expect(block.status).toBe(201);
  }, 60_000);

  it('answers 403 naming personalization to a customer who has not granted it', async () => {
    const stranger = await registerCustomer();
    const refused = await call<Problem>('GET', '/v1/me/recommendations', { token: stranger.tokens.accessToken });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(problemContentType);
    expect(refused.body).toMatchObject({ type: 'urn:problem:folio:forbidden', status: 403 });
    expect(refused.body.detail).toContain('personalization');
  });

  it('answers an empty list without a build time to a consenting customer no build included', async () => {
    const newcomer = await registerCustomer();
    await setPersonalization(newcomer, true);
    const answer = await recommendationsOf(newcomer);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ items: [], builtAt: null });
  });

  it('recommends what the others bought with the same book, leaves out a blocked customer, and drops a withdrawn customer’s purchases from the next build', async () => {
    const first = await runBuild();
    expect(first.current).toBe(true);
    expect(first.ordersRead).toBeGreaterThanOrEqual(4);
    expect(first.customersIncluded).toBeGreaterThanOrEqual(3);

    const forC = await recommendationsOf(c);
    expect(forC.status).toBe(200);
    const answer = forC.body as Recommendations;
    expect(answer.builtAt).not.toBeNull();
    // Y and Z (each bought once with X), first; never X (C bought it) nor W (only the blocked D bought it).
    expect(answer.items.slice(0, 2).map((item) => item.productId)).toEqual([y.productId, z.productId].sort());
    expect(ownIds(answer, [x, y, z, w]).sort()).toEqual([y.productId, z.productId].sort());
    // Products from the catalogue, as they are now.
    expect(answer.items.find((item) => item.productId === y.productId)).toEqual({ ...y });
    expect(answer.items.length).toBeLessThanOrEqual(10);

    // A bought X and Y: Z is recommended, nothing A bought is.
    const forA = (await recommendationsOf(a)).body as Recommendations;
    expect(ownIds(forA, [x, y, z, w])).toEqual([z.productId]);

    // The blocked customer has no item in the build, and is refused (processing restricted).
    expect(await storedItem(d.customerId, first.buildId)).toBeUndefined();
    expect(await storedItem(c.customerId, first.buildId)).toMatchObject({ customerId: c.customerId, buildId: first.buildId, expiresAt: expect.any(Number) as unknown });
    const forD = await recommendationsOf(d);
    expect(forD.status).toBe(403);
    expect((forD.body as Problem).detail).toContain('restricted');

    // A withdraws: refused at once, before any build.
    await setPersonalization(a, false);
    const refused = await recommendationsOf(a);
    expect(refused.status).toBe(403);
    expect((refused.body as Problem).detail).toContain('personalization');

    // The next build leaves A out: C no longer gets Y (only A bought it with X); Z stays.
    const second = await runBuild();
    expect(second.current).toBe(true);
    expect(second.buildId > first.buildId).toBe(true);
    expect(await storedItem(a.customerId, second.buildId)).toBeUndefined();
    const after = (await recommendationsOf(c)).body as Recommendations;
    expect(ownIds(after, [x, y, z, w])).toEqual([z.productId]);
    expect(after.items[0]?.productId).toBe(z.productId);
  }, 60_000);

  it('is for signed-in customers only', async () => {
    expect((await call('GET', '/v1/me/recommendations')).status).toBe(401);
  });
});
