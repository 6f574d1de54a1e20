/**
 * The API on the local stack under load (issue 9, points 2 and 5): GET /v1/products, GET /v1/me,
 * POST /v1/orders and PUT /v1/me/subscriptions at 1, 20 and 50 concurrent clients (p50, p99,
 * requests per second, errors), beside the same DynamoDB calls each route makes, sent raw to
 * DynamoDB Local in the same order at one client, in the same run on the same stack: route p50 −
 * raw p50 is what the local gateway, the handler and the local stack's proxy add (the overhead).
 * The one-call routes are compared with their one call; POST /v1/orders with its four (session,
 * customer, prices, the transaction) and PUT /v1/me/subscriptions with its three (session, the
 * settings, the transaction with the audit entry), so the bar measures the gateway and handler and
 * not the number of calls the design needs (docs/performance.md, section 1.3). And the local stack's resident memory (the spawned process and all its
 * descendants, DynamoDB Local's JVM among them) at rest and at its peak under 50 clients.
 *
 * Each client is a loop that sends its next request when the answer came (keep-alive, Node's
 * fetch); a cell runs for a fixed time, not a fixed count, so the whole stays short. Customers
 * are registered, confirmed and signed in through the API beforehand, one per client at the
 * highest concurrency: PUT /v1/me/subscriptions is optimistic per customer, and clients sharing
 * a customer would measure their own conflicts.
 *
 * A local figure, not a cloud one: everything shares the machine's CPUs with the clients, and
 * DynamoDB Local is far slower per call than DynamoDB. It is for comparing runs.
 *
 *   npx tsx bench/load.ts [--json]     this part alone
 */
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { spawnStack } from '../test/support/spawn-stack';

export interface LatencySpread {
  readonly count: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface LoadFigures extends LatencySpread {
  readonly concurrency: number;
  /** Completed requests over the wall time of the cell. */
  readonly perSecond: number;
  readonly wallMs: number;
  /** Answers other than 2xx, and requests that got no answer; a healthy run has none. */
  readonly errors: number;
  /** The first few errors, for the reader of results.json. */
  readonly errorSamples: readonly string[];
}

export type RouteName = 'GET /v1/products' | 'GET /v1/me' | 'POST /v1/orders' | 'PUT /v1/me/subscriptions';

export interface RouteReport {
  readonly route: RouteName;
  readonly cells: readonly LoadFigures[];
  /** The route's own DynamoDB calls, sent raw in the same order, at one client. */
  readonly raw: { readonly operation: string; readonly calls: number; readonly figures: LoadFigures };
  /** Route p50 at one client − raw p50 at one client. */
  readonly overheadMs: number;
}

export interface ProcessMemory {
  readonly pid: number;
  readonly command: string;
  readonly rssBytes: number;
}

export interface MemoryReport {
  /** After the stack's banner and a second of idleness, before any request. */
  readonly atRest: { readonly totalBytes: number; readonly processes: readonly ProcessMemory[] };
  /** The highest sum sampled while 50 clients ran (every route's 50-client cell). */
  readonly peakUnderLoad: { readonly totalBytes: number; readonly processes: readonly ProcessMemory[] };
  readonly samples: number;
  readonly sampleEveryMs: number;
}

export interface LoadReport {
  readonly cellMs: number;
  readonly warmup: number;
  readonly customers: number;
  readonly concurrency: readonly number[];
  readonly routes: readonly RouteReport[];
  readonly orderShape: { readonly lines: number; readonly copies: number; readonly storedBytes: number };
  readonly memory: MemoryReport;
}

// ---------------------------------------------------------------------------------------------
// Figures.

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;

export const spreadOf = (samples: readonly number[]): LatencySpread => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { count: sorted.length, p50Ms: percentile(sorted, 0.5), p99Ms: percentile(sorted, 0.99), maxMs: sorted.at(-1) ?? Number.NaN };
};

/** What one call did: undefined when it succeeded, else a short description of the failure. */
type Once = (client: number) => Promise<string | undefined>;

/** `concurrency` clients, each calling `once` again as soon as its answer came, until `durationMs` has passed. */
const load = async (durationMs: number, concurrency: number, once: Once): Promise<LoadFigures> => {
  const samples: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  const client = async (index: number) => {
    while (performance.now() < deadline) {
      const t = performance.now();
      let failure: string | undefined;
      try {
        failure = await once(index);
      } catch (error) {
        failure = error instanceof Error ? error.message : String(error);
      }
      samples.push(performance.now() - t);
      if (failure !== undefined) {
        errors += 1;
        if (errorSamples.length < 5) errorSamples.push(failure);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, index) => client(index)));
  const wallMs = performance.now() - started;
  return { concurrency, ...spreadOf(samples), perSecond: (samples.length / wallMs) * 1000, wallMs, errors, errorSamples };
};

// ---------------------------------------------------------------------------------------------
// Memory: the stack's process tree, from /proc.

const childrenOf = async (pid: number): Promise<number[]> => {
  let tasks: string[];
  try {
    tasks = await readdir(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const children = await Promise.all(tasks.map((task) => readFile(`/proc/${pid}/task/${task}/children`, 'utf8').catch(() => '')));
  return children.flatMap((text) => text.split(/\s+/).filter((s) => s !== '').map(Number));
};

const processMemory = async (pid: number): Promise<ProcessMemory | undefined> => {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const rss = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    const name = /^Name:\s+(.*)$/m.exec(status)?.[1] ?? '?';
    const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0').filter((s) => s !== '');
    const script = cmdline.find((arg) => /\.(ts|js|mjs|jar)$/.test(arg))?.split('/').at(-1);
    // Kernel threads and zombies have no VmRSS.
    return { pid, command: script === undefined ? name : `${name} ${script}`, rssBytes: rss === null ? 0 : Number(rss[1]) * 1024 };
  } catch {
    return undefined;
  }
};

/** The resident memory of `root` and every descendant, each process once. */
const treeMemory = async (root: number): Promise<{ totalBytes: number; processes: ProcessMemory[] }> => {
  const seen = new Set<number>();
  const queue = [root];
  const processes: ProcessMemory[] = [];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    if (seen.has(pid)) continue;
    seen.add(pid);
    const memory = await processMemory(pid);
    if (memory === undefined) continue;
    processes.push(memory);
    queue.push(...(await childrenOf(pid)));
  }
  return { totalBytes: processes.reduce((sum, p) => sum + p.rssBytes, 0), processes };
};

/** Samples the tree every `everyMs` until stopped; keeps the highest total. */
const memorySampler = (root: number, everyMs: number) => {
  let peak = { totalBytes: 0, processes: [] as ProcessMemory[] };
  let samples = 0;
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  const sample = async () => {
    const now = await treeMemory(root);
    samples += 1;
    if (now.totalBytes > peak.totalBytes) peak = now;
  };
  return {
    start() {
      running = true;
      const tick = () => {
        if (!running) return;
        void sample().finally(() => {
          if (running) timer = setTimeout(tick, everyMs);
        });
      };
      tick();
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      await sample();
      return { peak, samples };
    },
  };
};

// ---------------------------------------------------------------------------------------------
// The API, as a storefront calls it.

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
  let body: unknown = text;
  try {
    body = text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    // Not JSON: kept as text for the error message.
  }
  return { status: response.status, body };
};

const failureOf = (answer: Json): string | undefined =>
  answer.status >= 200 && answer.status < 300 ? undefined : `${answer.status}: ${JSON.stringify(answer.body).slice(0, 200)}`;

const expectStatus = (what: string, answer: Json, status: number): void => {
  if (answer.status !== status) throw new Error(`${what} answered ${answer.status}, not ${status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
};

interface Customer {
  readonly customerId: string;
  readonly token: string;
}

/** Registers, confirms (code from the local outbox) and signs in one customer, as a storefront does. */
const signedInCustomer = async (base: string): Promise<Customer> => {
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
  const token = (signedIn.body as { accessToken: string }).accessToken;
  const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub?: string };
  if (claims.sub === undefined) throw new Error('the access token names no customer');
  return { customerId: claims.sub, token };
};

const subscriptionsWith = (informational: boolean) => ({
  email: { advertising: false, informational },
  sms: { advertising: false, informational: false },
  push: { advertising: false, informational: false },
});

const recipient = { fullName: 'Bench Reader', phone: '+79990000000' };
const delivery = { country: 'RU', city: 'Moscow', street: 'Tverskaya', building: '1', postalCode: '125009' };

// ---------------------------------------------------------------------------------------------
// The measurement.

export const measureLoad = async (
  options: { cellMs?: number; warmup?: number; concurrency?: readonly number[]; onProgress?: (message: string) => void } = {},
): Promise<LoadReport> => {
  const cellMs = options.cellMs ?? 3_000;
  const warmup = options.warmup ?? 30;
  const levels = options.concurrency ?? [1, 20, 50];
  const most = Math.max(...levels);
  const progress = options.onProgress ?? (() => undefined);
  const sampleEveryMs = 200;

  progress('starting a local stack for the load benchmark');
  const stack = await spawnStack();
  const rootPid = stack.child.pid;
  let db: DynamoDBDocumentClient | undefined;
  try {
    if (rootPid === undefined) throw new Error('the local stack has no process id');
    const base = stack.url;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const atRest = await treeMemory(rootPid);

    const info = (await request(`${base}/_local/stack`)).body as { endpoints: { dynamodb: string }; tables: Record<string, string> };
    const tableOf = (name: string): string => {
      const table = info.tables[name];
      if (table === undefined) throw new Error(`the stack names no ${name} table`);
      return table;
    };
    const tables = {
      catalogue: tableOf('catalogue'),
      customers: tableOf('customers'),
      orders: tableOf('orders'),
      sessions: tableOf('sessions'),
      baskets: tableOf('baskets'),
      events: tableOf('events'),
      audit: tableOf('audit'),
    };

    progress(`registering ${most} customers through the API`);
    const customers: Customer[] = [];
    // Ten at a time: the stand-ins are in one process, and the setup is not what is measured.
    while (customers.length < most) {
      const batch = Math.min(10, most - customers.length);
      customers.push(...(await Promise.all(Array.from({ length: batch }, () => signedInCustomer(base)))));
    }
    const customerOf = (client: number): Customer => customers[client % customers.length] as Customer;
    const auth = (client: number) => ({ Authorization: `Bearer ${customerOf(client).token}` });

    const products = await request(`${base}/v1/products?limit=3`);
    expectStatus('GET /v1/products', products, 200);
    const productIds = (products.body as { items: { productId: string }[] }).items.map((p) => p.productId);
    if (productIds.length === 0) throw new Error('the catalogue is empty');
    const orderBody = { items: productIds.map((productId, i) => ({ productId, quantity: 1 + (i % 2) })), recipient, delivery };

    let flip = 0;
    const routes: Record<RouteName, Once> = {
      'GET /v1/products': async () => failureOf(await request(`${base}/v1/products`)),
      'GET /v1/me': async (client) => failureOf(await request(`${base}/v1/me`, { headers: auth(client) })),
      'POST /v1/orders': async (client) =>
        failureOf(
          await request(`${base}/v1/orders`, {
            method: 'POST',
            body: orderBody,
            // As a retry-safe storefront sends it: each order its own key.
            headers: { ...auth(client), 'Idempotency-Key': randomUUID() },
          }),
        ),
      'PUT /v1/me/subscriptions': async (client) =>
        failureOf(
          await request(`${base}/v1/me/subscriptions`, {
            method: 'PUT',
            // A real change every time (alternating), so every request writes.
            body: { email: { informational: (flip++ & 1) === 0 } },
            headers: auth(client),
          }),
        ),
    };

    // The raw operations, straight to DynamoDB Local: no gateway, no function, no proxy.
    db = DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: info.endpoints.dynamodb, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    );
    const client = db;
    const placed = await request(`${base}/v1/orders`, { method: 'POST', body: orderBody, headers: { ...auth(0), 'Idempotency-Key': randomUUID() } });
    expectStatus('POST /v1/orders', placed, 201);
    const order = placed.body as { orderId: string; items: { quantity: number }[] };
    const storedOrder = { ...order, customerId: customerOf(0).customerId, requestHash: 'f'.repeat(64) };
    const rawCustomer = customerOf(0).customerId;
    let rawFlip = 0;
    // Each route's calls as its handler makes them (lambdas/commons/http/authenticated.ts reads
    // the session; the adapters the rest), with items of the same size.
    const session = () => client.send(new GetCommand({ TableName: tables.sessions, Key: { customerId: rawCustomer }, ConsistentRead: true }));
    const customer = () => client.send(new GetCommand({ TableName: tables.customers, Key: { customerId: rawCustomer }, ConsistentRead: true }));
    const raw: Record<RouteName, { operation: string; calls: number; once: () => Promise<undefined> }> = {
      'GET /v1/products': {
        operation: 'Query, one page of 20 of the catalogue (byTitle)',
        calls: 1,
        once: async () => {
          await client.send(
            new QueryCommand({
              TableName: tables.catalogue,
              IndexName: 'byTitle',
              KeyConditionExpression: 'listing = :listing',
              ExpressionAttributeValues: { ':listing': 'books' },
              Limit: 20,
            }),
          );
          return undefined;
        },
      },
      'GET /v1/me': {
        operation: 'GetItem of the session, GetItem of the customer (both consistent)',
        calls: 2,
        once: async () => {
          await session();
          await customer();
          return undefined;
        },
      },
      'POST /v1/orders': {
        operation: `GetItem session, GetItem customer, BatchGetItem ${productIds.length} prices, TransactWriteItems (order of ${Buffer.byteLength(JSON.stringify(storedOrder))} bytes, ${productIds.length} basket deletes, event)`,
        calls: 4,
        once: async () => {
          await session();
          await customer();
          await client.send(
            new BatchGetCommand({
              RequestItems: {
                [tables.catalogue]: {
                  Keys: productIds.map((productId) => ({ productId })),
                  ConsistentRead: true,
                  ProjectionExpression: '#id, #title, #price',
                  ExpressionAttributeNames: { '#id': 'productId', '#title': 'title', '#price': 'priceMinor' },
                },
              },
            }),
          );
          const orderId = `bench-${randomUUID()}`;
          const at = new Date().toISOString();
          await client.send(
            new TransactWriteCommand({
              TransactItems: [
                { Put: { TableName: tables.orders, Item: { ...storedOrder, orderId, orderMonth: at.slice(0, 7) }, ConditionExpression: 'attribute_not_exists(orderId)' } },
                ...productIds.map((productId) => ({ Delete: { TableName: tables.baskets, Key: { customerId: rawCustomer, itemKey: `bench#${productId}` } } })),
                {
                  Put: {
                    TableName: tables.events,
                    // A type no consumer acts on: the raw calls must not send the customer mail.
                    Item: { eventId: randomUUID(), type: 'BenchRawCall', customerId: rawCustomer, occurredAt: at, detail: { orderId, totalMinor: 1, itemCount: 2 }, expiresAt: 1 },
                    ConditionExpression: 'attribute_not_exists(eventId)',
                  },
                },
              ],
            }),
          );
          return undefined;
        },
      },
      'PUT /v1/me/subscriptions': {
        operation: 'GetItem session, GetItem customer (consistent), TransactWriteItems (the settings, an audit entry)',
        calls: 3,
        once: async () => {
          await session();
          await customer();
          const at = new Date().toISOString();
          await client.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Update: {
                    TableName: tables.customers,
                    Key: { customerId: rawCustomer },
                    UpdateExpression: 'SET subscriptions = :next, subscriptionsChangedAt = :at, updatedAt = :at',
                    ConditionExpression: '#status = :active',
                    ExpressionAttributeNames: { '#status': 'status' },
                    ExpressionAttributeValues: { ':next': subscriptionsWith((rawFlip++ & 1) === 0), ':at': at, ':active': 'ACTIVE' },
                  },
                },
                {
                  Put: {
                    TableName: tables.audit,
                    Item: { customerId: rawCustomer, entryKey: `${at}#${randomUUID()}`, at, action: 'subscriptions.changed', actor: { type: 'customer' }, detail: { from: {}, to: {} } },
                    ConditionExpression: 'attribute_not_exists(entryKey)',
                  },
                },
              ],
            }),
          );
          return undefined;
        },
      },
    };

    const names = Object.keys(routes) as RouteName[];
    progress(`warming up (${warmup} requests per route and per raw operation)`);
    for (const name of names) {
      for (let i = 0; i < warmup; i += 1) {
        const failure = await routes[name](i);
        if (failure !== undefined) throw new Error(`${name} failed while warming up: ${failure}`);
        await raw[name].once();
      }
    }

    const cells = new Map<RouteName, LoadFigures[]>(names.map((name) => [name, []]));
    const rawFigures = new Map<RouteName, LoadFigures>();
    let peak = { totalBytes: 0, processes: [] as ProcessMemory[] };
    let samples = 0;
    for (const concurrency of levels) {
      const sampler = concurrency === most ? memorySampler(rootPid, sampleEveryMs) : undefined;
      sampler?.start();
      for (const name of names) {
        progress(`${name}: ${concurrency} client(s) for ${cellMs / 1000} s`);
        cells.get(name)?.push(await load(cellMs, concurrency, routes[name]));
        if (concurrency === 1) {
          progress(`raw ${raw[name].operation}: 1 client for ${cellMs / 1000} s`);
          rawFigures.set(name, await load(cellMs, 1, raw[name].once));
        }
      }
      if (sampler !== undefined) {
        const sampled = await sampler.stop();
        peak = sampled.peak;
        samples = sampled.samples;
      }
    }

    const routeReports = names.map((name): RouteReport => {
      const routeCells = cells.get(name) ?? [];
      const rawCell = rawFigures.get(name);
      const single = routeCells.find((c) => c.concurrency === 1);
      if (rawCell === undefined || single === undefined) throw new Error(`${name} was not measured at one client`);
      return { route: name, cells: routeCells, raw: { operation: raw[name].operation, calls: raw[name].calls, figures: rawCell }, overheadMs: single.p50Ms - rawCell.p50Ms };
    });
    return {
      cellMs,
      warmup,
      customers: customers.length,
      concurrency: levels,
      routes: routeReports,
      orderShape: {
        lines: order.items.length,
        copies: order.items.reduce((sum, line) => sum + line.quantity, 0),
        storedBytes: Buffer.byteLength(JSON.stringify(storedOrder)),
      },
      memory: { atRest, peakUnderLoad: peak, samples, sampleEveryMs },
    };
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- stack output ---\n${stack.output().slice(-3000)}`);
  } finally {
    db?.destroy();
    await stack.stop('SIGINT');
  }
};

// ---------------------------------------------------------------------------------------------
// The report.

/** The bar of issue 9, point 2: the local gateway and handler add at most this to a route's p50. */
export const overheadLimitMs = 5;

const ms = (value: number): string => value.toFixed(1);
const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);

const row = (what: string, f: LoadFigures): string =>
  `| ${what} | ${f.concurrency} | ${f.count} | ${ms(f.p50Ms)} | ${ms(f.p99Ms)} | ${ms(f.maxMs)} | ${f.perSecond.toFixed(0)} | ${f.errors} |`;

const processes = (list: readonly ProcessMemory[]): string =>
  list
    .filter((p) => p.rssBytes > 0)
    .map((p) => `${p.command} ${mb(p.rssBytes)} MB`)
    .join('; ');

export const loadMarkdown = (report: LoadReport): string[] => [
  '## The API under load',
  '',
  `One local stack, ${report.customers} customers registered, confirmed and signed in through the API (client i uses customer i, so no two clients ` +
    `change one customer's subscriptions at once). Each client sends its next request when the answer came, over keep-alive connections; ` +
    `each cell runs ${report.cellMs / 1000} s after ${report.warmup} warm-up requests per route. GET /v1/products is the first page (20 books); ` +
    `POST /v1/orders places ${report.orderShape.lines} lines (${report.orderShape.copies} copies), each order with its own Idempotency-Key; ` +
    'PUT /v1/me/subscriptions flips email.informational. An error is any answer other than 2xx. ' +
    'Beside each route, in the same run on the same stack and at one client, the same DynamoDB calls the route makes, sent raw to DynamoDB Local ' +
    'in the same order (no gateway, no function, no proxy). Everything shares the machine\'s CPUs with the benchmark\'s own clients: compare runs, not clouds.',
  '',
  '| | clients | requests | p50 ms | p99 ms | max ms | per second | errors |',
  '|---|---:|---:|---:|---:|---:|---:|---:|',
  ...report.routes.flatMap((r) => [...r.cells.map((f) => row(r.route, f)), row(`raw: ${r.raw.operation}`, r.raw.figures)]),
  '',
  `Gateway and handler overhead: the route's p50 at one client minus the p50 of its own DynamoDB calls sent raw at one client (bar ≤ ${overheadLimitMs} ms): ` +
    "what the local gateway, the token check, the handler and the local stack's append-only proxy add.",
  '',
  `| route | DynamoDB calls | route p50 ms | raw calls p50 ms | overhead ms | ≤ ${overheadLimitMs} ms |`,
  '|---|---:|---:|---:|---:|:-:|',
  ...report.routes.map((r) => {
    const single = r.cells.find((c) => c.concurrency === 1);
    return `| ${r.route} | ${r.raw.calls} | ${ms(single?.p50Ms ?? Number.NaN)} | ${ms(r.raw.figures.p50Ms)} | ${ms(r.overheadMs)} | ${r.overheadMs <= overheadLimitMs ? 'met' : '**missed**'} |`;
  }),
  '',
  `Resident memory of the local stack (VmRSS of the spawned process and every descendant, DynamoDB Local's JVM among them): ` +
    `at rest after start ${mb(report.memory.atRest.totalBytes)} MB (${processes(report.memory.atRest.processes)}); ` +
    `peak under ${Math.max(...report.concurrency)} clients ${mb(report.memory.peakUnderLoad.totalBytes)} MB (${processes(report.memory.peakUnderLoad.processes)}), ` +
    `highest of ${report.memory.samples} samples taken every ${report.memory.sampleEveryMs} ms.`,
  '',
];

// `tsx bench/load.ts` measures this part alone; `--json` prints the report as one line.
if (process.argv[1]?.endsWith('load.ts')) {
  const report = await measureLoad({ onProgress: (m) => process.stderr.write(`${m}\n`) });
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(report)}\n`);
  else process.stdout.write(`${loadMarkdown(report).join('\n')}\n`);
}
