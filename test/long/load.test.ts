/**
 * Load with bookkeeping (issue 10, point 4): a local stack of its own, and for a fixed time many
 * simulated customers at once, each registering and confirming (code from the local outbox), then
 * placing orders with Idempotency-Keys (sometimes retrying the same key, sometimes sending it twice
 * at once), changing subscriptions and granting or withdrawing consents. Each customer keeps the
 * books of what the API acknowledged; afterwards the tables (read with a real DynamoDB client on
 * DynamoDB Local itself) must agree: no 5xx at all, every acknowledged order stored exactly once
 * (one order per key however often it was sent), every consent change in the ledger in the order
 * it was made, and the current consent state equal to the ledger's last receipt per purpose.
 *
 * LOAD_SECONDS and LOAD_CUSTOMERS (the number of concurrent customers) tune it; 60 s and 20 by default.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StackInfo } from '../support/api';
import { type SpawnedStack, spawnStack } from '../support/spawn-stack';
import { Api, consentVersion, directTables } from './client';
import { findPersonalData } from '../support/personal-data';

const seconds = Number(process.env['LOAD_SECONDS'] ?? 60);
const concurrency = Number(process.env['LOAD_CUSTOMERS'] ?? 20);
const purposes = ['advertising', 'personalization', 'loyalty_program'] as const;
const channels = ['email', 'sms', 'push'] as const;
const categories = ['advertising', 'informational'] as const;

interface Books {
  customerId: string;
  token: string;
  /** orderId → how many 201/200 answers named it. */
  orders: Map<string, number>;
  /** Idempotency-Key → the orderId its first acknowledged answer named. */
  keys: Map<string, string>;
  /** Per purpose, the receipt ids the API answered, in the order the changes were made. */
  receipts: Map<string, string[]>;
  lastSubscriptions: unknown;
  /** Answers that were not what the contract promises (status only). */
  surprises: string[];
}

let stack: SpawnedStack;
let api: Api;
let info: StackInfo;

beforeAll(async () => {
  stack = await spawnStack({ env: { LOCAL_OPERATOR_PASSWORD: 'Long-Operator-Pass1!' } });
  api = new Api(stack.url);
  info = await api.stackInfo();
}, 90_000);

afterAll(async () => {
  await stack?.stop('SIGINT');
  // The whole run's log holds no personal data, as the integration run's does (its teardown).
  expect(findPersonalData(stack?.output() ?? '', ['Long-Operator-Pass1!'])).toEqual([]);
});

const pick = <T>(items: readonly T[]): T => items[randomInt(0, items.length)] as T;

const acknowledgeOrder = (books: Books, status: number, orderId: string | undefined, what: string) => {
  if ((status === 201 || status === 200) && orderId !== undefined) {
    books.orders.set(orderId, (books.orders.get(orderId) ?? 0) + 1);
    return orderId;
  }
  books.surprises.push(`${what} → ${status}`);
  return undefined;
};

/** One simulated customer: registers, then acts `actions` times or until the deadline. */
const customer = async (deadline: number, products: string[], actions: number): Promise<Books> => {
  const registered = await api.registerCustomer();
  const token = registered.tokens.accessToken;
  const books: Books = { customerId: registered.customerId, token, orders: new Map(), keys: new Map(), receipts: new Map(), lastSubscriptions: undefined, surprises: [] };
  // The registration's receipts start the books: a change to the same state answers them again.
  const initial = await api.call<{ purpose: string; receiptId: string | null }[]>('GET', '/v1/me/consents', { token });
  if (initial.status !== 200) books.surprises.push(`consents → ${initial.status}`);
  for (const consent of initial.body ?? []) if (consent.receiptId !== null) books.receipts.set(consent.purpose, [consent.receiptId]);
  for (let done = 0; done < actions && Date.now() < deadline; done += 1) {
    const action = randomInt(0, 10);
    if (action < 5) {
      const items = Array.from({ length: randomInt(1, 3) }, () => ({ productId: pick(products), quantity: randomInt(1, 4) }))
        // One line per book: a book twice is a validation error, not load.
        .filter((item, i, all) => all.findIndex((other) => other.productId === item.productId) === i);
      const retry = randomInt(0, 3);
      if (action === 0) {
        // No key at all: a new order each time.
        const placed = await api.placeOrder(token, items);
        acknowledgeOrder(books, placed.status, placed.body?.orderId, 'order without key');
        continue;
      }
      const key = randomUUID();
      if (retry === 0) {
        // The same key twice at once (a double click): one order.
        const [a, b] = await Promise.all([api.placeOrder(token, items, key), api.placeOrder(token, items, key)]);
        const first = acknowledgeOrder(books, a.status, a.body?.orderId, 'concurrent keyed order');
        const second = acknowledgeOrder(books, b.status, b.body?.orderId, 'concurrent keyed order');
        if (first !== undefined && second !== undefined && first !== second) books.surprises.push(`one key, two orders ${first} ${second}`);
        if (first ?? second) books.keys.set(key, (first ?? second) as string);
      } else {
        const placed = await api.placeOrder(token, items, key);
        const orderId = acknowledgeOrder(books, placed.status, placed.body?.orderId, 'keyed order');
        if (orderId !== undefined) books.keys.set(key, orderId);
        if (retry === 1) {
          // A retry after a lost answer: the same key and body, the same order.
          const again = await api.placeOrder(token, items, key);
          const replayed = acknowledgeOrder(books, again.status, again.body?.orderId, 'retried keyed order');
          if (replayed !== orderId) books.surprises.push(`retry named another order ${replayed} ≠ ${orderId}`);
        }
      }
    } else if (action < 7) {
      const patch = { [pick(channels)]: { [pick(categories)]: randomInt(0, 2) === 1 } };
      const changed = await api.call<{ subscriptions: unknown }>('PUT', '/v1/me/subscriptions', { token, body: patch });
      if (changed.status === 200) books.lastSubscriptions = changed.body.subscriptions;
      else books.surprises.push(`subscriptions → ${changed.status}`);
    } else {
      const purpose = pick(purposes);
      const granted = randomInt(0, 2) === 1;
      const answer = await api.call<{ receiptId: string; granted: boolean }>('PUT', `/v1/me/consents/${purpose}`, { token, body: { granted, documentVersion: consentVersion } });
      if (answer.status !== 200 || answer.body.granted !== granted) {
        books.surprises.push(`consent ${purpose} → ${answer.status}`);
        continue;
      }
      const list = books.receipts.get(purpose) ?? [];
      // The same state again answers the current receipt and appends none.
      if (list.at(-1) !== answer.body.receiptId) list.push(answer.body.receiptId);
      books.receipts.set(purpose, list);
    }
  }
  return books;
};

describe('load with bookkeeping', () => {
  it('this stack keeps its data in memory, so DynamoDB Local may not be restarted under it', async () => {
    const refused = await api.call<{ status: number }>('POST', '/_local/dynamodb/restart?downMs=0');
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it(`${concurrency} customers for ${seconds} s: no 5xx, every acknowledged order stored once, the consent ledger complete and in order`, async () => {
    const products = await api.productIds();
    expect(products.length).toBeGreaterThanOrEqual(3);
    const started = Date.now();
    const deadline = started + seconds * 1000;
    // Each worker is a customer for a while, then a new one registers in its place.
    const worker = async () => {
      const served: Books[] = [];
      while (Date.now() < deadline) served.push(await customer(deadline, products, randomInt(15, 40)));
      return served;
    };
    const all = (await Promise.all(Array.from({ length: concurrency }, worker))).flat();
    const elapsed = (Date.now() - started) / 1000;

    const tables = directTables(info);
    let orders = 0;
    let keyed = 0;
    let consentChanges = 0;
    try {
      for (const books of all) {
        expect(books.surprises, books.customerId).toEqual([]);
        // Orders: what the API acknowledged is exactly what is stored, each order once.
        const stored = await tables.ordersOf(books.customerId);
        const storedIds = stored.map((o) => String(o['orderId']));
        expect(new Set(storedIds).size, 'an order stored twice').toBe(storedIds.length);
        expect(storedIds.sort()).toEqual([...books.orders.keys()].sort());
        // One order per key, however often (or however concurrently) it was sent.
        expect(new Set(books.keys.values()).size).toBe(books.keys.size);
        orders += storedIds.length;
        keyed += books.keys.size;

        // Consents: every acknowledged change in the ledger, in the order made, and nothing else
        // but the two registration receipts.
        const ledger = (await tables.receiptsOf(books.customerId)).sort((a, b) => String(a['receiptKey']).localeCompare(String(b['receiptKey'])));
        const fromSettings = ledger.filter((r) => r['collectionMethod'] === 'consent_settings');
        expect(ledger.length - fromSettings.length, 'registration receipts').toBe(2);
        for (const purpose of purposes) {
          const made = books.receipts.get(purpose) ?? [];
          expect(ledger.filter((r) => r['purpose'] === purpose).map((r) => r['receiptId']), purpose).toEqual(made);
          consentChanges += fromSettings.filter((r) => r['purpose'] === purpose).length;
        }
        // The current state, as the customer reads it, is the ledger's last receipt per purpose.
        const state = await api.call<{ purpose: string; granted: boolean; receiptId: string | null }[]>('GET', '/v1/me/consents', { token: books.token });
        expect(state.status).toBe(200);
        for (const consent of state.body) {
          const last = ledger.filter((r) => r['purpose'] === consent.purpose).at(-1);
          expect({ granted: consent.granted, receiptId: consent.receiptId }, consent.purpose).toEqual({ granted: last?.['granted'] ?? false, receiptId: last?.['receiptId'] ?? null });
        }
        if (books.lastSubscriptions !== undefined) {
          expect((await api.call('GET', '/v1/me/subscriptions', { token: books.token })).body).toEqual(books.lastSubscriptions);
        }
      }
    } finally {
      tables.close();
    }

    const statuses = Object.fromEntries([...api.tally.byStatus].sort(([a], [b]) => a - b));
    console.info(
      `load: ${all.length} customers (${concurrency} at a time), ${elapsed.toFixed(0)} s, ${api.tally.requests} API requests (${(api.tally.requests / elapsed).toFixed(1)}/s), ` +
        `statuses ${JSON.stringify(statuses)}, ${orders} orders stored (${keyed} keys), ${consentChanges} consent changes`,
    );
    expect(api.tally.serverErrors).toEqual([]);
    expect(orders).toBeGreaterThan(concurrency);
    expect(consentChanges).toBeGreaterThan(concurrency);
  }, (seconds + 120) * 1000);
});
