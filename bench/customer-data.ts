/**
 * Per-customer work (issue 9, point 4): the access export and the destruction of one customer
 * with 2,000 orders, timed, with the DynamoDB requests they make beside the minimum the batch
 * APIs allow.
 *
 * One local stack (in memory); the customer is written straight into DynamoDB Local (the stack's
 * direct endpoint, BatchWriteItem 25 per call): a profile, 2,000 orders of about 900 bytes (with
 * recipient and delivery, found by the orders' byCustomer index) and a few items in every other
 * personal-data table. Then, in this process, with the functions' environment set as the stack
 * sets it, buildAccessExport(readCustomerItems) and destroyCustomer(destructionStore) run against
 * it. Requests are counted by a middleware on the functions' own document client, once per HTTP
 * attempt (a retry counts).
 *
 * The minimum: a GetItem per key lookup; per queried table max(1, ceil(bytes / 1 MB)) Query pages
 * (bytes as DynamoDB sizes items: attribute names plus values); for the destruction also
 * ceil(deletions / 25) BatchWriteItem calls (one call may hold several tables), one UpdateItem per
 * item to anonymise (no batch API updates items: BatchWriteItem only puts or deletes whole items,
 * without conditions), the tombstone, the act, and the act lookup of a request.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TableName } from '../system/tables';
import { spawnStack } from '../test/support/spawn-stack';
import { seedItems } from './seed';

const MB = 1024 * 1024;

export interface RequestCount {
  readonly total: number;
  /** By command, e.g. QueryCommand: 3. */
  readonly byCommand: Readonly<Record<string, number>>;
}

export interface CustomerWork {
  readonly wallMs: number;
  readonly requests: RequestCount;
  readonly minimum: number;
  readonly ratio: number;
  /** How the minimum is made up. */
  readonly minimumParts: Readonly<Record<string, number>>;
}

export interface CustomerDataReport {
  readonly orders: number;
  /** An order item's size as DynamoDB counts it. */
  readonly orderItemBytes: number;
  /** Items seeded in the other personal-data tables. */
  readonly otherItems: Readonly<Partial<Record<TableName, number>>>;
  readonly export: CustomerWork & {
    /** Items and DynamoDB bytes read per table. */
    readonly tables: Readonly<Record<string, { readonly items: number; readonly bytes: number; readonly minRequests: number }>>;
  };
  readonly destruction: CustomerWork & {
    /** The requests and minimum without the per-item UpdateItems, the part a batch API covers. */
    readonly batchable: { readonly requests: number; readonly minimum: number; readonly ratio: number };
    readonly updates: { readonly requests: number; readonly minimum: number };
    readonly act: readonly { readonly table: string; readonly action: string; readonly count: number }[];
  };
}

// ---------------------------------------------------------------------------------------------
// DynamoDB's item size: attribute names and values (UTF-8 strings, numbers about one byte per two
// digits plus one, 3 bytes of overhead per list or map and 1 per element).

const valueBytes = (value: unknown): number => {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number') return Math.ceil(String(Math.abs(value)).replace(/[.-]/g, '').replace(/^0+/, '').length / 2) + 1;
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, element) => sum + 1 + valueBytes(element), 0);
  if (typeof value === 'object') {
    return 3 + Object.entries(value).reduce((sum, [name, element]) => sum + 1 + Buffer.byteLength(name) + valueBytes(element), 0);
  }
  return Buffer.byteLength(String(value));
};

export const itemBytes = (item: Record<string, unknown>): number =>
  Object.entries(item).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + valueBytes(value), 0);

// ---------------------------------------------------------------------------------------------
// The customer.

const titles = [
  ['tolstoy-war-and-peace', 'War and Peace', 'Leo Tolstoy', 1290],
  ['pushkin-eugene-onegin', 'Eugene Onegin', 'Alexander Pushkin', 540],
  ['chekhov-the-seagull', 'The Seagull', 'Anton Chekhov', 390],
] as const;

const orderItem = (customerId: string, index: number): Record<string, unknown> => {
  const createdAt = new Date(Date.UTC(2020, 0, 1) + index * 3_600_000).toISOString();
  const items = titles.map(([productId, title, author, price], line) => ({ productId, title, author, unitPrice: price, quantity: 1 + ((index + line) % 3) }));
  const total = items.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
  return {
    orderId: `bench-order-${String(index).padStart(5, '0')}-${randomUUID()}`,
    customerId,
    createdAt,
    status: 'DELIVERED',
    currency: 'RUB',
    items,
    subtotal: total,
    deliveryFee: 300,
    total: total + 300,
    recipient: { fullName: 'Bench Reader Benchmarkovich', phone: '+79990000000', email: 'bench.reader@example.com' },
    delivery: {
      country: 'RU',
      city: 'Moscow',
      street: 'Tverskaya',
      building: '1',
      apartment: '17',
      postalCode: '125009',
      comment: 'Ring twice, please.',
    },
    history: [
      { status: 'PLACED', at: createdAt },
      { status: 'DELIVERED', at: createdAt },
    ],
    requestHash: 'f'.repeat(64),
  };
};

const otherItems = (customerId: string, requestId: string, now: string): Partial<Record<TableName, Record<string, unknown>[]>> => ({
  customers: [
    { customerId, email: 'bench.reader@example.com', firstName: 'Bench', lastName: 'Reader', phone: '+79990000000', status: 'ACTIVE', createdAt: now },
  ],
  consentReceipts: ['personal_data_processing', 'advertising', 'personalization'].map((purpose, i) => ({
    customerId,
    receiptKey: `${now}#${i}`,
    purpose,
    documentVersion: '2025-09-01',
    granted: i !== 1,
    at: now,
  })),
  audit: Array.from({ length: 5 }, (_, i) => ({ customerId, entryKey: `${now}#${i}`, action: 'account.updated', actor: { type: 'customer', id: customerId }, at: now })),
  sessions: [{ customerId, sessionId: randomUUID(), createdAt: now, expiresAt: now }],
  watchList: [{ customerId, status: 'WATCHING', since: now, reason: 'bench' }],
  baskets: ['tolstoy-war-and-peace', 'chekhov-the-seagull'].map((productId) => ({ customerId, itemKey: productId, productId, quantity: 1, addedAt: now })),
  favorites: ['gogol-dead-souls', 'pushkin-eugene-onegin'].map((productId) => ({ customerId, productId, addedAt: now })),
  events: Array.from({ length: 5 }, (_, i) => ({ eventId: randomUUID(), customerId, occurredAt: `${now}#${i}`, type: 'OrderPlaced', detail: { n: i } })),
  messages: Array.from({ length: 3 }, (_, i) => ({ messageId: randomUUID(), customerId, createdAt: `${now}#${i}`, channel: 'email', category: 'order', subject: 'Your order' })),
  privacyRequests: [
    { requestId, customerId, receivedAt: now, type: 'destroy', status: 'RECEIVED', details: 'Please delete everything.', history: [] },
  ],
  accessExports: [0, 1].map((part) => ({ requestId, part, body: 'x'.repeat(200) })),
});


// ---------------------------------------------------------------------------------------------

const sum = (values: Iterable<number>): number => [...values].reduce((a, b) => a + b, 0);

export const measureCustomerData = async (
  options: { orders?: number; onProgress?: (message: string) => void } = {},
): Promise<CustomerDataReport> => {
  const orderCount = options.orders ?? 2_000;
  const progress = options.onProgress ?? (() => undefined);
  progress('starting a local stack for the per-customer benchmark');
  const stack = await spawnStack();
  try {
    const response = await fetch(`${stack.url}/_local/stack`, { signal: AbortSignal.timeout(15_000) });
    const info = (await response.json()) as { endpoints: { dynamodb: string }; tables: Record<string, string> };
    const physical = (table: TableName): string => {
      const name = info.tables[table];
      if (name === undefined) throw new Error(`the stack has no ${table} table`);
      return name;
    };

    const customerId = randomUUID();
    const requestId = randomUUID();
    const now = new Date().toISOString();
    const orders = Array.from({ length: orderCount }, (_, i) => orderItem(customerId, i));
    const others = otherItems(customerId, requestId, now);
    progress(`writing one customer with ${orderCount} orders into DynamoDB Local`);
    const seeder = DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: info.endpoints.dynamodb, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    );
    await seedItems(seeder, physical('orders'), orders, 1);
    for (const [table, items] of Object.entries(others) as [TableName, Record<string, unknown>[]][]) await seedItems(seeder, physical(table), items, 1);
    seeder.destroy();

    // The functions' environment, as the stack gives it, before their modules are loaded.
    Object.assign(process.env, {
      ...Object.fromEntries(Object.entries(info.tables).map(([name, table]) => [`TABLE_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`, table])),
      AWS_ENDPOINT_URL_DYNAMODB: info.endpoints.dynamodb,
      AWS_REGION: 'eu-central-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
    const { dynamodb } = await import('../lambdas/commons/clients/dynamodb');
    const { buildAccessExport } = await import('../lambdas/domain/privacy/access-export');
    const { readCustomerItems } = await import('../lambdas/adapters/customer-items');
    const { destroyCustomer, jobActor } = await import('../lambdas/domain/privacy/destruction');
    const { destructionStore } = await import('../lambdas/adapters/destruction-store');
    const { IdentityError } = await import('../lambdas/domain/accounts/identity');

    // One count per HTTP attempt: below the retry middleware (finalizeRequest, high priority).
    let counts: Record<string, number> = {};
    dynamodb.middlewareStack.add(
      (next, context) => async (args) => {
        const name = context.commandName ?? 'unknown';
        counts[name] = (counts[name] ?? 0) + 1;
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low', name: 'benchRequestCount' },
    );
    const counted = async <T>(work: () => Promise<T>): Promise<{ result: T; wallMs: number; requests: RequestCount }> => {
      counts = {};
      const started = performance.now();
      const result = await work();
      const wallMs = performance.now() - started;
      return { result, wallMs, requests: { total: sum(Object.values(counts)), byCommand: { ...counts } } };
    };

    // A warm-up read, so neither timing pays for the client's first connection.
    await readCustomerItems('customers', { kind: 'key', attribute: 'customerId' }, randomUUID());

    // (a) The access export.
    progress('access export');
    const tables: Record<string, { items: number; bytes: number; minRequests: number }> = {};
    const exported = await counted(() =>
      buildAccessExport(
        async (table, lookup, id) => {
          const items = await readCustomerItems(table, lookup, id);
          const bytes = sum(items.map(itemBytes));
          tables[table] = { items: items.length, bytes, minRequests: lookup.kind === 'key' ? 1 : Math.max(1, Math.ceil(bytes / MB)) };
          return items;
        },
        customerId,
        new Date(),
      ),
    );
    if (exported.result.sections['orders']?.length !== orderCount) {
      throw new Error(`the export found ${exported.result.sections['orders']?.length ?? 0} orders, not ${orderCount}`);
    }
    const exportMinimum = sum(Object.values(tables).map((t) => t.minRequests));

    // (b) The destruction, with real adapters; the Cognito user does not exist (nothing seeded there).
    progress('destruction');
    const identity = {
      delete: async (): Promise<void> => {
        throw new IdentityError('notFound');
      },
    };
    const destroyed = await counted(() =>
      destroyCustomer({ identity, store: destructionStore, clock: () => new Date(), ids: randomUUID }, customerId, 'benchmark', jobActor, requestId),
    );
    dynamodb.middlewareStack.remove('benchRequestCount');
    const act = destroyed.result.what;
    const countOf = (table: string) => act.find((entry) => entry.table === table)?.count ?? 0;
    const deletions = sum(act.filter((entry) => entry.table !== 'cognito' && entry.action === 'deleted').map((entry) => entry.count));
    const anonymised = countOf('orders') + countOf('privacyRequests');
    const requestCount = others.privacyRequests?.length ?? 0;
    const destroyParts = {
      'act lookup (GetItem)': 1,
      'reads (as the export)': exportMinimum,
      "accessExports of the customer's requests (Query)": requestCount,
      'tombstone (PutItem)': 1,
      [`deletions (BatchWriteItem, ${deletions} items / 25)`]: Math.ceil(deletions / 25),
      [`anonymisation (UpdateItem, ${anonymised} items, no batch API)`]: anonymised,
      'act (PutItem)': 1,
    };
    const destroyMinimum = sum(Object.values(destroyParts));
    const updates = destroyed.requests.byCommand['UpdateItemCommand'] ?? 0;
    const batchableRequests = destroyed.requests.total - updates;
    const batchableMinimum = destroyMinimum - anonymised;

    return {
      orders: orderCount,
      orderItemBytes: Math.round(sum(orders.map(itemBytes)) / orders.length),
      otherItems: Object.fromEntries(Object.entries(others).map(([table, items]) => [table, items.length])),
      export: {
        wallMs: exported.wallMs,
        requests: exported.requests,
        minimum: exportMinimum,
        ratio: exported.requests.total / exportMinimum,
        minimumParts: Object.fromEntries(Object.entries(tables).map(([table, t]) => [table, t.minRequests])),
        tables,
      },
      destruction: {
        wallMs: destroyed.wallMs,
        requests: destroyed.requests,
        minimum: destroyMinimum,
        ratio: destroyed.requests.total / destroyMinimum,
        minimumParts: destroyParts,
        batchable: { requests: batchableRequests, minimum: batchableMinimum, ratio: batchableRequests / batchableMinimum },
        updates: { requests: updates, minimum: anonymised },
        act: act.map(({ table, action, count }) => ({ table, action, count })),
      },
    };
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- stack output ---\n${stack.output().slice(-3000)}`);
  } finally {
    await stack.stop('SIGINT');
  }
};
