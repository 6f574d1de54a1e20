/**
 * The daily recommendation build (issue 7 point 2) over a year of orders: 100,000 orders spread
 * over the 12 months before the scheduled time, by 3,000 customers, of 1,000 books.
 *
 * DynamoDB Local alone (in memory) with the tables of system/tables.ts. Orders (about 700 bytes,
 * with recipient and delivery, `orderMonth` set as the order store sets it) and customers are
 * written straight into the tables (BatchWriteItem 25 per call, several calls at once). Customers:
 * 85 % granted personalization, 3 % of those are blocked and 2 % stopped personalization, 2 %
 * closed; the rest never granted it. Each customer favours two of 20 genres of 50 books (four in
 * five of their books), orders hold 1–3 books, and 2 % of orders are cancelled. Then
 * buildRecommendations runs in this process with the real adapters
 * (lambdas/adapters/recommendation-store.ts, orders-by-month.ts). Requests are counted per HTTP
 * attempt on the functions' DynamoDB client.
 *
 *   npx tsx bench/recommendations.ts          prints the figures
 *   npx tsx bench/recommendations.ts --json   the report JSON alone, as the last line
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTables, startDynamoDbLocal } from '../local/dynamodb';
import { freePort } from '../local/ports';
import { type TableName, tableEnv } from '../system/tables';
import { requestCounter, seedItems } from './seed';

export interface RecommendationsReport {
  readonly orders: number;
  readonly customers: number;
  readonly books: number;
  /** An order item's size as DynamoDB counts it (attribute names plus values), on average. */
  readonly orderItemBytes: number;
  /** Orders read by the build (the window's orders through the byMonth index). */
  readonly ordersRead: number;
  /** Customers read (BatchGetItem): every customer with an order in the window. */
  readonly customersRead: number;
  readonly customersIncluded: number;
  readonly recommendationsWritten: number;
  /** Included customers with fewer than 10 recommendations. */
  readonly shortLists: number;
  readonly requests: Readonly<Record<string, number>>;
  /** Read capacity units the orders' Queries consume (eventually consistent: 4 KB per 0.5 RCU, over each page's bytes). */
  readonly orderReadUnits: number;
  readonly wallMs: number;
  /** Where the time went: reading the orders, reading the customers, counting and scoring, writing the items. */
  readonly phasesMs: Readonly<Record<'readOrders' | 'readCustomers' | 'compute' | 'write', number>>;
  /** Heap used after the build, MB. */
  readonly heapMiB: number;
  readonly seedMs: number;
}

const physical = (table: TableName): string => `folio-bench-${table}`;
const day = 24 * 3_600_000;

/** A small deterministic generator (mulberry32), so every run seeds the same data. */
const generator = (seed: number) => {
  let state = seed >>> 0;
  return (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

/** DynamoDB's item size: attribute names plus values (strings and numbers approximated by their text). */
const itemBytes = (value: unknown): number => {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number') return Math.ceil(String(value).length / 2) + 1;
  if (typeof value === 'boolean' || value === null) return 1;
  if (Array.isArray(value)) return 3 + value.reduce<number>((sum, v) => sum + 1 + itemBytes(v), 0);
  if (typeof value === 'object') return 3 + Object.entries(value).reduce((sum, [k, v]) => sum + Buffer.byteLength(k) + 1 + itemBytes(v), 0);
  return 0;
};


const consent = (granted: boolean, at: string) => ({ granted, documentVersion: '2025-09-01', changedAt: at, receiptId: `r-${at}` });

export const measureRecommendations = async (
  options: { orders?: number; customers?: number; onProgress?: (message: string) => void } = {},
): Promise<RecommendationsReport> => {
  const orderCount = options.orders ?? 100_000;
  const customerCount = options.customers ?? 3_000;
  const genres = 20;
  const perGenre = 50;
  const bookCount = genres * perGenre;
  const progress = options.onProgress ?? (() => undefined);
  const now = new Date('2026-11-24T02:00:00.000Z');
  const random = generator(7);

  progress('starting DynamoDB Local for the recommendation benchmark');
  const dynamo = await startDynamoDbLocal(await freePort(), undefined);
  const raw = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const seeder = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  try {
    await createTables(raw, physical);
    const seedStarted = performance.now();

    const bookId = (i: number) => `bench-book-${String(i).padStart(4, '0')}`;
    const customers = Array.from({ length: customerCount }, (_, i) => {
      const customerId = `bench-customer-${String(i).padStart(5, '0')}`;
      const roll = random();
      const granted = roll < 0.85;
      const since = '2025-10-01T00:00:00.000Z';
      const restriction =
        granted && roll < 0.85 * 0.03
          ? { blocked: true, stoppedPurposes: [], since, requestIds: [`req-${i}`] }
          : granted && roll < 0.85 * 0.05
            ? { blocked: false, stoppedPurposes: ['personalization'], since, requestIds: [] }
            : undefined;
      const closed = random() < 0.02;
      return {
        customerId,
        email: `reader-${i}@example.com`,
        firstName: 'Anna',
        lastName: 'Karenina',
        status: closed ? 'CLOSED' : 'ACTIVE',
        registeredAt: since,
        createdAt: since,
        closedAt: closed ? since : null,
        consents: { personal_data_processing: consent(true, since), personalization: consent(granted, since), advertising: consent(false, since) },
        consentSeq: 1,
        loyaltyTier: null,
        ...(restriction === undefined ? {} : { restriction, restrictionSeq: 1 }),
        favourites: [Math.floor(random() * genres), Math.floor(random() * genres)],
      };
    });

    const windowMs = 365 * day;
    const orders = Array.from({ length: orderCount }, (_, i) => {
      const customer = customers[Math.floor(random() * customerCount)] ?? customers[0];
      if (customer === undefined) throw new Error('no customers');
      const lines = new Set<number>();
      const size = 1 + Math.floor(random() * 3);
      while (lines.size < size) {
        const favoured = random() < 0.8;
        const genre = favoured ? (customer.favourites[Math.floor(random() * 2)] ?? 0) : Math.floor(random() * genres);
        // Within a genre, popularity falls off (the square makes low indexes likelier).
        lines.add(genre * perGenre + Math.floor(random() ** 2 * perGenre));
      }
      const createdAt = new Date(now.getTime() - 1_000 - Math.floor(random() * (windowMs - 2 * day))).toISOString();
      const items = [...lines].map((book) => ({ productId: bookId(book), title: `Book ${book}`, quantity: 1, priceMinor: 59_000, lineTotalMinor: 59_000 }));
      return {
        orderId: `bench-order-${String(i).padStart(6, '0')}`,
        customerId: customer.customerId,
        status: random() < 0.02 ? 'CANCELLED' : 'DELIVERED',
        items,
        totalMinor: items.length * 59_000,
        currency: 'RUB',
        recipient: { fullName: 'Anna Karenina', phone: '+79161234567' },
        delivery: { country: 'RU', city: 'Moscow', street: 'Tverskaya', building: '7', apartment: '12', postalCode: '125009' },
        createdAt,
        statusHistory: [{ status: 'PLACED', at: createdAt, actor: { type: 'customer', id: customer.customerId } }],
        requestHash: 'f'.repeat(64),
        orderMonth: createdAt.slice(0, 7),
      };
    });
    const orderItemBytes = Math.round(orders.reduce((sum, order) => sum + itemBytes(order), 0) / orders.length);

    progress(`seeding ${customerCount.toLocaleString('en')} customers and ${orderCount.toLocaleString('en')} orders`);
    await seedItems(
      seeder,
      physical('customers'),
      customers.map(({ favourites: _favourites, ...customer }) => customer),
    );
    await seedItems(seeder, physical('orders'), orders);
    const seedMs = performance.now() - seedStarted;

    // The functions' environment, before their modules are loaded.
    Object.assign(process.env, {
      [tableEnv('orders')]: physical('orders'),
      [tableEnv('customers')]: physical('customers'),
      [tableEnv('recommendations')]: physical('recommendations'),
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_REGION: 'eu-central-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
    const { dynamodb } = await import('../lambdas/commons/clients/dynamodb');
    const { recommendationBuildStore } = await import('../lambdas/adapters/recommendation-store');
    const { buildRecommendations } = await import('../lambdas/domain/analytics/recommendations');

    const requests = requestCounter(dynamodb);
    // Read units: a Query costs the bytes of the items it reads (the whole items, whatever the
    // projection) in 4 KB units, halved (eventually consistent); per month, at the mean order size.
    let orderReadUnits = 0;
    let pageBytes = 0;
    let shortLists = 0;
    const marks: Record<string, number> = {};
    const mark = (name: string) => {
      marks[name] ??= performance.now();
    };
    const ports = {
      ...recommendationBuildStore,
      customers: {
        async personalizationOf(ids: readonly string[]) {
          mark('ordersRead');
          const views = await recommendationBuildStore.customers.personalizationOf(ids);
          marks['customersRead'] = performance.now();
          return views;
        },
      },
      orders: {
        async *ofMonth(month: string, from: string, before: string) {
          for await (const order of recommendationBuildStore.orders.ofMonth(month, from, before)) {
            pageBytes += orderItemBytes;
            yield order;
          }
          orderReadUnits += Math.ceil(pageBytes / 4096) / 2;
          pageBytes = 0;
        },
      },
      recommendations: {
        ...recommendationBuildStore.recommendations,
        async putAll(items: Parameters<typeof recommendationBuildStore.recommendations.putAll>[0]) {
          mark('computed');
          shortLists += items.filter((item) => item.productIds.length < 10).length;
          await recommendationBuildStore.recommendations.putAll(items);
          mark('written');
        },
      },
      ids: () => 'bench-build-0000',
    };

    progress('building recommendations');
    const began = performance.now();
    const report = await buildRecommendations(ports, now);
    const wallMs = performance.now() - began;
    const phase = (from: number | undefined, to: number | undefined) => Math.round((to ?? began) - (from ?? began));
    const phasesMs = {
      readOrders: phase(began, marks['ordersRead']),
      readCustomers: phase(marks['ordersRead'], marks['customersRead']),
      compute: phase(marks['customersRead'], marks['computed']),
      write: phase(marks['computed'], marks['written']),
    };
    requests.stop();
    if (!report.current) throw new Error('the build did not become current');
    return {
      orders: orderCount,
      customers: customerCount,
      books: bookCount,
      orderItemBytes,
      ordersRead: report.ordersRead,
      customersRead: report.customersConsidered,
      customersIncluded: report.customersIncluded,
      recommendationsWritten: report.recommendationsWritten,
      shortLists,
      requests: requests.counts(),
      orderReadUnits,
      wallMs,
      phasesMs,
      heapMiB: Math.round(process.memoryUsage().heapUsed / 1024 / 1024),
      seedMs,
    };
  } finally {
    seeder.destroy();
    dynamo.process.kill();
  }
};

export const recommendationsMarkdown = (report: RecommendationsReport): string[] => [
  `## Recommendation build`,
  '',
  `DynamoDB Local alone; ${report.orders.toLocaleString('en')} orders (about ${report.orderItemBytes} bytes each) over the 12 months before the scheduled time, ` +
    `${report.customers.toLocaleString('en')} customers (85 % granted personalization; some of them blocked, stopped or closed), ${report.books.toLocaleString('en')} books. ` +
    `buildRecommendations runs with the real DynamoDB adapters: the orders through the byMonth index (one paged Query per month), the customers by BatchGetItem, the items by BatchWriteItem, then the pointer.`,
  '',
  `| orders read | customers read | included | recommendations written | short lists | requests | order read units | time (orders, customers, compute, write) | heap |`,
  `|---:|---:|---:|---:|---:|---|---:|---:|---:|`,
  `| ${report.ordersRead.toLocaleString('en')} | ${report.customersRead.toLocaleString('en')} | ${report.customersIncluded.toLocaleString('en')} | ${report.recommendationsWritten.toLocaleString('en')} | ${report.shortLists} | ${Object.entries(
    report.requests,
  )
    .map(([c, n]) => `${n} ${c}`)
    .join(', ')} | ${report.orderReadUnits.toFixed(0)} | ${(report.wallMs / 1000).toFixed(2)} s (${[report.phasesMs.readOrders, report.phasesMs.readCustomers, report.phasesMs.compute, report.phasesMs.write]
    .map((ms) => (ms / 1000).toFixed(2))
    .join(', ')}) | ${report.heapMiB} MiB |`,
  '',
];

// `tsx bench/recommendations.ts` measures this part alone; `--json` prints only the report (bench/run.ts
// runs it so, in a process of its own: the functions' SDK clients are made once per process).
if (import.meta.url === `file://${process.argv[1]}`) {
  const report = await measureRecommendations({ onProgress: (m) => process.stderr.write(`bench: ${m}\n`) });
  if (!process.argv.includes('--json')) process.stdout.write(`${recommendationsMarkdown(report).join('\n')}\n`);
  process.stdout.write(`${JSON.stringify(report)}\n`);
}
