/**
 * The monthly impersonal export over 100,000 orders of one month (issue 7 point 6): how long it
 * takes, how many items it reads, and how many rows k-anonymity releases and suppresses.
 *
 * DynamoDB Local alone (in memory) with the tables of system/tables.ts; the month's orders and
 * their customers are written straight into `orders` (with `orderMonth`, so the byMonth index
 * holds them) and `customers` (BatchWriteItem 25 per call, several calls at once). The customers
 * are spread unevenly over regions (a long tail of small regions, some with a single customer), 1% are
 * blocked, 0.5% destroyed (tombstones) and some orders' customers are missing. Then
 * exportImpersonalPurchases runs in this process with the real adapters: the byMonth Query
 * (lambdas/adapters/orders-by-month.ts), BatchGetItem of the customers (customer-batch.ts), the
 * keys through the real Secrets Manager client against the local Secrets Manager
 * (local/aws-endpoint.ts), and the objects through the real S3 client into the local S3
 * (local/s3.ts). Items read: orders from the Query plus customer records found.
 *
 *   npx tsx bench/impersonal-export.ts           prints the figures
 *   npx tsx bench/impersonal-export.ts --json    prints only the report JSON (last line)
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startAwsEndpoint } from '../local/aws-endpoint';
import { createTables, startDynamoDbLocal } from '../local/dynamodb';
import { FaultSwitch } from '../local/faults';
import { freePort } from '../local/ports';
import { LocalS3, startS3Endpoint } from '../local/s3';
import { LocalSecretsManager } from '../local/secrets-manager';
import type { LocalSns } from '../local/sns';
import type { LocalSqs } from '../local/sqs';
import { secretEnv } from '../system/secrets';
import { type TableName, tableEnv } from '../system/tables';
import { requestCounter, seedItems } from './seed';

export interface ImpersonalExportReport {
  readonly orders: number;
  readonly customers: number;
  readonly k: number;
  readonly ordersRead: number;
  readonly customersRead: number;
  readonly itemsRead: number;
  readonly requests: Readonly<Record<string, number>>;
  readonly rowsReleased: number;
  readonly rowsSuppressed: number;
  readonly classesReleased: number;
  readonly classesSuppressed: number;
  readonly customersLeftOut: number;
  readonly exportBytes: number;
  /**
   * Memory while the export ran, sampled every 20 ms in this process: the peak heap and RSS, and
   * the heap before it began. The local S3 stand-in shares the process and holds one copy of
   * the file, so the export's own peak is at most `peakHeapMiB − baseHeapMiB`.
   */
  readonly memory: { readonly baseHeapMiB: number; readonly peakHeapMiB: number; readonly peakRssMiB: number };
  readonly wallMs: number;
  /** Where the time went: the byMonth Query, the customers' BatchGetItem, the keys, the two PutObjects, and the rest (rows, k-anonymity, serialising). */
  readonly phasesMs: Readonly<Record<'orders' | 'customers' | 'keys' | 'write' | 'compute', number>>;
  /** How long seeding took (not part of the figure). */
  readonly seedMs: number;
}

const physical = (table: TableName): string => `folio-bench-${table}`;
const bucket = 'folio-bench-exports';
const month = '2031-11';

/** A deterministic pseudo-random sequence (mulberry32), so every run seeds the same data. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};


/** Customers and the month's orders. */
const dataset = (orderCount: number, customerCount: number) => {
  const next = random(7);
  // 300 regions: the first few large, then a long tail (Zipf-like weights); the last ones hold a customer or two.
  const regions = Array.from({ length: 300 }, (_, i) => `Region ${String(i).padStart(3, '0')}`);
  const weights = regions.map((_, i) => 1 / (i + 1) ** 1.6);
  const total = weights.reduce((a, b) => a + b, 0);
  const regionOf = () => {
    let x = next() * total;
    for (const [i, w] of weights.entries()) {
      x -= w;
      if (x <= 0) return regions[i] as string;
    }
    return regions[0] as string;
  };
  const customers = Array.from({ length: customerCount }, (_, i) => {
    const customerId = `bench-customer-${String(i).padStart(6, '0')}`;
    const roll = next();
    if (roll < 0.005) return { customerId, status: 'DESTROYED', destroyedAt: '2031-10-01T00:00:00.000Z' };
    return {
      customerId,
      email: `reader-${i}@example.com`,
      firstName: 'Reader',
      lastName: `No${i}`,
      status: 'ACTIVE',
      registeredAt: '2031-01-01T00:00:00.000Z',
      createdAt: '2031-01-01T00:00:00.000Z',
      closedAt: null,
      consents: {},
      consentSeq: 0,
      loyaltyTier: null,
      home: regionOf(),
      ...(roll < 0.015 ? { restriction: { blocked: true, stoppedPurposes: [], since: '2031-09-01T00:00:00.000Z', requestIds: [`r${i}`] } } : {}),
    };
  });
  const prices = [19_900, 34_900, 45_000, 59_900, 79_900, 99_000, 129_900, 189_900, 249_900, 499_900];
  const orders = Array.from({ length: orderCount }, (_, i) => {
    // 0.3% of the orders belong to customers with no record (ids that were never stored).
    const missing = next() < 0.003;
    const customer = customers[Math.floor(next() * customers.length)] as { customerId: string; home?: string };
    const customerId = missing ? `bench-missing-${i}` : customer.customerId;
    const lines = 1 + Math.floor(next() * 3);
    const items = Array.from({ length: lines }, () => {
      const priceMinor = prices[Math.floor(next() * prices.length)] as number;
      const quantity = 1 + Math.floor(next() * 2);
      return { productId: `book-${String(Math.floor(next() * 5_000)).padStart(5, '0')}`, title: 'A book', quantity, priceMinor, lineTotalMinor: priceMinor * quantity };
    });
    const createdAt = new Date(Date.UTC(2031, 10, 1) + Math.floor((i * 30 * 86_400_000) / orderCount)).toISOString();
    return {
      orderId: `bench-order-${String(i).padStart(6, '0')}`,
      customerId,
      status: next() < 0.03 ? 'CANCELLED' : 'DELIVERED',
      items,
      totalMinor: items.reduce((s, l) => s + l.lineTotalMinor, 0),
      currency: 'RUB',
      recipient: { fullName: 'Reader Readerov', phone: '+79160000000' },
      delivery: { country: 'RU', region: customer.home ?? regionOf(), city: 'City', street: 'Street 1', postalCode: '101000' },
      createdAt,
      orderMonth: month,
      statusHistory: [],
      requestHash: 'x',
    };
  });
  // The record's `home` region is the bench's own device; the stored customer has no such field.
  return { customers: customers.map(({ home: _home, ...c }: Record<string, unknown>) => c), orders };
};

export const measureImpersonalExport = async (
  options: { orders?: number; customers?: number; k?: number; onProgress?: (message: string) => void } = {},
): Promise<ImpersonalExportReport> => {
  const orderCount = options.orders ?? 100_000;
  const customerCount = options.customers ?? 25_000;
  const k = options.k ?? 5;
  const progress = options.onProgress ?? (() => undefined);
  progress('starting DynamoDB Local, the local S3 and Secrets Manager for the impersonal export benchmark');
  const dynamo = await startDynamoDbLocal(await freePort(), undefined);
  const s3Port = await freePort();
  const s3 = new LocalS3([bucket]);
  const s3Server = await startS3Endpoint(s3Port, s3);
  const awsPort = await freePort();
  const secretsManager = new LocalSecretsManager();
  const awsServer = await startAwsEndpoint(awsPort, { secretsManager, faults: new FaultSwitch(), sqs: undefined as unknown as LocalSqs, sns: undefined as unknown as LocalSns });
  const raw = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const seeder = DynamoDBDocumentClient.from(raw);
  try {
    await createTables(raw, physical);
    // The functions' environment, before their modules are loaded.
    Object.assign(process.env, {
      [tableEnv('orders')]: physical('orders'),
      [tableEnv('customers')]: physical('customers'),
      [secretEnv('exportPseudonymKeys')]: 'folio-local/exportPseudonymKeys',
      EXPORTS_BUCKET: bucket,
      S3_FORCE_PATH_STYLE: 'true',
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${s3Port}`,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${awsPort}`,
      AWS_REGION: 'eu-central-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
    const { dynamodb } = await import('../lambdas/commons/clients/dynamodb');
    const { ports } = await import('../lambdas/functions/export-impersonal-purchases');
    const { exportImpersonalPurchases } = await import('../lambdas/domain/analytics/impersonal-export');

    const seedStarted = performance.now();
    const data = dataset(orderCount, customerCount);
    progress(`seeding ${data.customers.length.toLocaleString('en')} customers and ${data.orders.length.toLocaleString('en')} orders of ${month}`);
    await seedItems(seeder, physical('customers'), data.customers);
    await seedItems(seeder, physical('orders'), data.orders);
    const seedMs = performance.now() - seedStarted;

    const requests = requestCounter(dynamodb);
    progress(`exporting ${month} (k = ${k})`);
    const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);
    const baseHeapMiB = mib(process.memoryUsage().heapUsed);
    let peakHeap = 0;
    let peakRss = 0;
    const sample = () => {
      const usage = process.memoryUsage();
      peakHeap = Math.max(peakHeap, usage.heapUsed);
      peakRss = Math.max(peakRss, usage.rss);
    };
    const sampler = setInterval(sample, 20);
    const began = performance.now();
    const phases = { orders: 0, customers: 0, keys: 0, write: 0 };
    const timed =
      <A extends unknown[], R>(phase: keyof typeof phases, f: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        const t = performance.now();
        try {
          return await f(...args);
        } finally {
          phases[phase] += performance.now() - t;
        }
      };
    const timedPorts = {
      ...ports,
      ordersOfMonth: timed('orders', ports.ordersOfMonth),
      customers: timed('customers', ports.customers),
      keys: { read: timed('keys', ports.keys.read), write: timed('keys', ports.keys.write) },
      put: timed('write', ports.put),
    };
    const result = await exportImpersonalPurchases(timedPorts, new Date(Date.UTC(2031, 11, 1, 3)), k);
    const wallMs = performance.now() - began;
    sample();
    clearInterval(sampler);
    const memory = { baseHeapMiB, peakHeapMiB: mib(peakHeap), peakRssMiB: mib(peakRss) };
    const phasesMs = { ...phases, compute: wallMs - phases.orders - phases.customers - phases.keys - phases.write };
    requests.stop();
    const { manifest } = result;
    const exported = s3.object(bucket, `impersonal/${month}/purchases.jsonl`);
    if (exported === undefined || s3.object(bucket, `impersonal/${month}/manifest.json`) === undefined) throw new Error('the export wrote no objects');
    const lines = exported.toString('utf8').split('\n').filter(Boolean).length;
    if (lines !== manifest.rowsReleased) throw new Error(`the file holds ${lines} rows, the manifest says ${manifest.rowsReleased}`);
    return {
      orders: orderCount,
      customers: customerCount,
      k,
      ordersRead: result.ordersRead,
      customersRead: result.customersRead,
      itemsRead: result.ordersRead + result.customersRead,
      requests: requests.counts(),
      rowsReleased: manifest.rowsReleased,
      rowsSuppressed: manifest.rowsSuppressed,
      classesReleased: manifest.classesReleased,
      classesSuppressed: manifest.classesSuppressed,
      customersLeftOut: manifest.customersLeftOut,
      exportBytes: exported.length,
      memory,
      wallMs,
      phasesMs,
      seedMs,
    };
  } finally {
    seeder.destroy();
    await new Promise((resolve) => s3Server.close(resolve));
    await new Promise((resolve) => awsServer.close(resolve));
    dynamo.process.kill();
  }
};

export const impersonalExportMarkdown = (report: ImpersonalExportReport): string[] => [
  `## Impersonal export`,
  '',
  `DynamoDB Local alone; ${report.orders.toLocaleString('en')} orders of one month by ${report.customers.toLocaleString('en')} customers (300 regions, Zipf-like with a long tail of one-customer regions, 1% blocked, 0.5% destroyed, 0.3% of orders with no customer record, 3% cancelled); ` +
    `exportImpersonalPurchases runs with the real adapters (byMonth Query, BatchGetItem of the customers, the local Secrets Manager and S3 through the real SDK clients). ` +
    `Items read: the orders the Query returned plus the customer records found.`,
  '',
  `| orders | k | items read | requests | rows released | rows suppressed | classes released / suppressed | customers left out | time |`,
  `|---:|---:|---:|---|---:|---:|---:|---:|---:|`,
  `| ${report.orders.toLocaleString('en')} | ${report.k} | ${report.itemsRead.toLocaleString('en')} (${report.ordersRead.toLocaleString('en')} orders, ${report.customersRead.toLocaleString('en')} customers) | ${Object.entries(
    report.requests,
  )
    .map(([c, n]) => `${n} ${c}`)
    .join(', ')} | ${report.rowsReleased.toLocaleString('en')} | ${report.rowsSuppressed.toLocaleString('en')} | ${report.classesReleased} / ${report.classesSuppressed} | ${report.customersLeftOut.toLocaleString('en')} | ${(report.wallMs / 1000).toFixed(2)} s |`,
  '',
  `Where the time went: ${Object.entries(report.phasesMs)
    .map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(2)} s`)
    .join(', ')}; the file is ${(report.exportBytes / 1_000_000).toFixed(1)} MB. Memory while exporting: heap ${report.memory.baseHeapMiB} MiB before, peak ${report.memory.peakHeapMiB} MiB (the local S3 stand-in's copy of the file included), peak RSS ${report.memory.peakRssMiB} MiB, against 1024 MiB configured.`,
  '',
];

// `tsx bench/impersonal-export.ts` measures this part alone; `--json` prints only the report (in a
// process of its own: the functions' SDK clients are made once per process).
if (import.meta.url === `file://${process.argv[1]}`) {
  const report = await measureImpersonalExport({ onProgress: (m) => process.stderr.write(`bench: ${m}\n`) });
  if (!process.argv.includes('--json')) process.stdout.write(`${impersonalExportMarkdown(report).join('\n')}\n`);
  process.stdout.write(`${JSON.stringify(report)}\n`);
}
