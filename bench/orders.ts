/**
 * What placing an order costs on the local stack: POST /v1/orders end to end (gateway, token
 * check, session check, customer, idempotency read, catalogue BatchGetItem, one TransactWriteItems
 * through the DynamoDB proxy), at 1 and at 20 concurrent clients, beside a bare PutItem of a
 * stored order's size straight into DynamoDB Local in the same run, on the same stack: the floor
 * that the stand-in alone sets.
 *
 * A local figure, not a cloud one: everything shares the machine's CPUs, and DynamoDB Local is
 * far slower per call than DynamoDB. What it is good for is comparing runs and seeing how much of
 * an order's time is the function's own.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { spawnStack } from '../test/support/spawn-stack';

export interface LatencySpread {
  readonly count: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface LoadFigures extends LatencySpread {
  readonly concurrency: number;
  /** Completed requests over the wall time of the phase. */
  readonly perSecond: number;
  readonly wallMs: number;
  /** Answers other than the expected status; a healthy run has none. */
  readonly failures: number;
}

export interface OrdersReport {
  /** Orders (or puts) per phase and client count; warm-up requests are not counted. */
  readonly count: number;
  readonly warmup: number;
  readonly placeOrder: readonly LoadFigures[];
  readonly rawPutItem: readonly LoadFigures[];
  /** The order each POST placed: lines and their size as stored. */
  readonly orderShape: { readonly lines: number; readonly copies: number; readonly storedBytes: number };
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;

export const spreadOf = (samples: readonly number[]): LatencySpread => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { count: sorted.length, p50Ms: percentile(sorted, 0.5), p99Ms: percentile(sorted, 0.99), maxMs: sorted.at(-1) ?? Number.NaN };
};

/** Runs `count` calls of `once` from `concurrency` clients, each waiting for its answer before the next. */
const load = async (count: number, concurrency: number, once: (index: number) => Promise<boolean>): Promise<LoadFigures> => {
  const samples: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  const client = async () => {
    for (let index = next++; index < count; index = next++) {
      const t = performance.now();
      const ok = await once(index);
      samples.push(performance.now() - t);
      if (!ok) failures += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  const wallMs = performance.now() - started;
  return { concurrency, ...spreadOf(samples), perSecond: (count / wallMs) * 1000, wallMs, failures };
};

const lines = [
  { productId: 'tolstoy-war-and-peace', quantity: 1 },
  { productId: 'pushkin-eugene-onegin', quantity: 2 },
  { productId: 'chekhov-the-seagull', quantity: 1 },
];
const orderBody = {
  items: lines,
  recipient: { fullName: 'Bench Reader', phone: '+79990000000' },
  delivery: { country: 'RU', city: 'Moscow', street: 'Tverskaya', building: '1', postalCode: '125009' },
};

interface Json {
  status: number;
  body: unknown;
}

const request = async (url: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Json> => {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...init.headers },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
};

const expectStatus = (what: string, answer: Json, status: number): void => {
  if (answer.status !== status) throw new Error(`${what} answered ${answer.status}, not ${status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
};

/** Registers, confirms (code from the local outbox) and signs in one customer, as a storefront does. */
const signedInCustomer = async (base: string): Promise<string> => {
  const email = `bench-${randomUUID()}@example.com`;
  const password = `Pw-${randomUUID().slice(0, 8)}-Aa1!`;
  const consents = [
    { purpose: 'personal_data_processing', documentVersion: '2025-09-01', granted: true },
    { purpose: 'advertising', documentVersion: '2025-09-01', granted: false },
  ];
  expectStatus('register', await request(`${base}/v1/auth/register`, { method: 'POST', body: { email, password, firstName: 'Bench', lastName: 'Reader', consents } }), 202);
  let code: string | undefined;
  for (let tries = 0; code === undefined && tries < 100; tries += 1) {
    const outbox = (await request(`${base}/_local/outbox?to=${encodeURIComponent(email)}&channel=email`)).body as { items: { body: string; category: string }[] };
    code = outbox.items.filter((m) => m.category === 'auth').map((m) => /\b(\d{6})\b/.exec(m.body)?.[1]).find((c) => c !== undefined);
    if (code === undefined) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (code === undefined) throw new Error('no confirmation code arrived in the local outbox');
  expectStatus('confirm', await request(`${base}/v1/auth/confirm`, { method: 'POST', body: { email, code } }), 204);
  const signedIn = await request(`${base}/v1/auth/login`, { method: 'POST', body: { email, password } });
  expectStatus('login', signedIn, 200);
  return (signedIn.body as { accessToken: string }).accessToken;
};

export const measureOrders = async (
  options: { count?: number; warmup?: number; concurrency?: readonly number[]; onProgress?: (message: string) => void } = {},
): Promise<OrdersReport> => {
  const count = options.count ?? 200;
  const warmup = options.warmup ?? 20;
  const levels = options.concurrency ?? [1, 20];
  const progress = options.onProgress ?? (() => undefined);
  progress('starting a local stack for the orders benchmark');
  const stack = await spawnStack();
  try {
    const base = stack.url;
    const info = (await request(`${base}/_local/stack`)).body as { endpoints: { dynamodb: string }; tables: Record<string, string> };
    const token = await signedInCustomer(base);

    const place = async () => {
      const answer = await request(`${base}/v1/orders`, {
        method: 'POST',
        body: orderBody,
        // As a retry-safe storefront sends it: each order its own key.
        headers: { Authorization: `Bearer ${token}`, 'Idempotency-Key': randomUUID() },
      });
      return answer;
    };
    progress(`warming up POST /v1/orders (${warmup} orders)`);
    let sample: Json | undefined;
    for (let i = 0; i < warmup; i += 1) sample = await place();
    if (sample === undefined) throw new Error('the warm-up needs at least one order');
    expectStatus('POST /v1/orders', sample, 201);
    const order = sample.body as { orderId: string; items: { quantity: number }[] };

    // The raw put writes an item of the stored order's size and shape into the same table.
    const db = DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: info.endpoints.dynamodb, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    );
    const stored = { ...order, customerId: randomUUID(), requestHash: 'f'.repeat(64) };
    const putOnce = async () => {
      await db.send(
        new PutCommand({
          TableName: info.tables['orders'],
          Item: { ...stored, orderId: `bench-${randomUUID()}` },
          ConditionExpression: 'attribute_not_exists(orderId)',
        }),
      );
      return true;
    };
    for (let i = 0; i < warmup; i += 1) await putOnce();

    const placeOrder: LoadFigures[] = [];
    const rawPutItem: LoadFigures[] = [];
    for (const concurrency of levels) {
      progress(`POST /v1/orders: ${count} orders from ${concurrency} client(s)`);
      placeOrder.push(await load(count, concurrency, async () => (await place()).status === 201));
      progress(`raw PutItem: ${count} puts from ${concurrency} client(s)`);
      rawPutItem.push(await load(count, concurrency, putOnce));
    }
    db.destroy();
    return {
      count,
      warmup,
      placeOrder,
      rawPutItem,
      orderShape: {
        lines: order.items.length,
        copies: order.items.reduce((sum, line) => sum + line.quantity, 0),
        storedBytes: Buffer.byteLength(JSON.stringify(stored)),
      },
    };
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- stack output ---\n${stack.output().slice(-3000)}`);
  } finally {
    await stack.stop('SIGINT');
  }
};
