/**
 * The contractor sync's cost grows with the changes to send, not with the change log's history
 * (issue 6): with 100,000 and then 200,000 older changes already acknowledged, a run that finds
 * 1,000 new changes reads about 1,000 items and takes about the same time.
 *
 * DynamoDB Local alone (in memory) with the tables of system/tables.ts. The history is written
 * straight into `subscriptionChanges` (BatchWriteItem 25 per call, several calls at once): changes
 * spread over the ten days before the watermark and on the watermark's own day before it, plus the
 * contractor's state with that watermark. Then 1,000 new changes after the watermark, and
 * syncContractor runs in this process with the real DynamoDB adapters (lambdas/adapters/change-log.ts,
 * contractor-client.ts) against a local HTTP endpoint that counts and acknowledges the batches.
 * Items read are what the run's Queries scanned plus the state item; requests are counted per
 * HTTP attempt on the functions' DynamoDB client.
 *
 *   npx tsx bench/subscriptions.ts        prints the figures (also part of `npm run bench`)
 */
import { createServer, type Server } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createTables, startDynamoDbLocal } from '../local/dynamodb';
import { freePort } from '../local/ports';
import { type TableName, tableEnv } from '../system/tables';
import { requestCounter, seedItems } from './seed';

export interface SubscriptionSyncFigures {
  /** Changes in the log before the watermark (already acknowledged). */
  readonly history: number;
  readonly newChanges: number;
  readonly sent: number;
  readonly batches: number;
  readonly itemsRead: number;
  readonly itemsReadPerChange: number;
  readonly requests: Readonly<Record<string, number>>;
  /** The median of the runs. */
  readonly wallMs: number;
  readonly samplesMs: readonly number[];
  /** How long seeding this size took (not part of the figure). */
  readonly seedMs: number;
}

export interface SubscriptionsReport {
  readonly sizes: readonly SubscriptionSyncFigures[];
  /** The larger history's run time over the smaller's. */
  readonly timeRatio: number;
}

const physical = (table: TableName): string => `folio-bench-${table}`;
const hour = 3_600_000;
const day = 24 * hour;
const permissions = { email: { advertising: true, informational: true }, sms: { advertising: false, informational: false } };

const changeItem = (at: number, index: number, label: string): Record<string, unknown> => {
  const recordedAt = new Date(at).toISOString();
  const id = `${label}${String(index).padStart(7, '0')}`;
  return {
    day: recordedAt.slice(0, 10),
    changeKey: `${recordedAt}#${id}`,
    customerId: `customer-${id}`,
    subscriberId: `customer-${id}`,
    erased: false,
    email: `reader-${id}@example.com`,
    permissions,
    recordedAt,
    expiresAt: Math.floor(at / 1000) + 30 * 24 * 3600,
  };
};


/** The contractor's endpoint: acknowledges every batch and counts the changes. */
const countingEndpoint = async (): Promise<{ url: string; server: Server; received: () => number }> => {
  let changes = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const batch = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { changes: unknown[] };
      changes += batch.changes.length;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ accepted: batch.changes.length }));
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}/batches`, server, received: () => changes };
};

export const measureSubscriptions = async (
  options: { sizes?: readonly number[]; newChanges?: number; onProgress?: (message: string) => void } = {},
): Promise<SubscriptionsReport> => {
  const sizes = options.sizes ?? [100_000, 200_000];
  const newChanges = options.newChanges ?? 1_000;
  const runs = 3;
  const progress = options.onProgress ?? (() => undefined);
  progress('starting DynamoDB Local for the contractor sync benchmark');
  const dynamo = await startDynamoDbLocal(await freePort(), undefined);
  const endpoint = await countingEndpoint();
  const raw = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const seeder = DynamoDBDocumentClient.from(raw);
  try {
    await createTables(raw, physical);
    // The functions' environment, before their modules are loaded.
    Object.assign(process.env, {
      [tableEnv('subscriptionChanges')]: physical('subscriptionChanges'),
      [tableEnv('contractorSync')]: physical('contractorSync'),
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_REGION: 'eu-central-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
    const { dynamodb } = await import('../lambdas/commons/clients/dynamodb');
    const { changeLogReader } = await import('../lambdas/adapters/change-log');
    const { contractorSyncState } = await import('../lambdas/adapters/contractor-client');
    const { syncContractor } = await import('../lambdas/domain/messaging/contractor-sync');

    const requests = requestCounter(dynamodb);
    const contractor = { name: 'bench', endpoint: endpoint.url, secretId: 'bench' };
    const ports = {
      state: contractorSyncState,
      changes: changeLogReader,
      post: async (url: string, body: string, headers: Readonly<Record<string, string>>) => {
        const response = await fetch(url, { method: 'POST', body, headers });
        await response.arrayBuffer();
        return response.status;
      },
      secret: async () => 'bench-secret',
      metrics: { lag: () => undefined, sent: () => undefined },
      clock: () => new Date(),
      sleep: async () => undefined,
    };

    // A warm-up run (a contractor with nothing to send), so no figure pays for the first connections.
    await syncContractor(ports, { ...contractor, name: 'warm-up' }, new Date(Date.UTC(2026, 9, 1)));

    // A synthetic timeline: each size's run is a day after the last, its history before its watermark.
    const start = Date.UTC(2026, 10, 1, 12);
    const figures: SubscriptionSyncFigures[] = [];
    let seeded = 0;
    for (const [round, size] of sizes.entries()) {
      const now = start + round * day;
      const watermarkAt = now - 2 * hour;
      // The older history: this round's share over the ten days before, and on the watermark's day before it.
      const add = size - seeded;
      const seedStarted = performance.now();
      progress(`seeding ${add.toLocaleString('en')} older changes (history ${size.toLocaleString('en')})`);
      const from = watermarkAt - 10 * day;
      const history = Array.from({ length: add }, (_, i) => changeItem(from + Math.floor(((i + 0.5) * (watermarkAt - from - hour)) / add), i, `h${round}-`));
      await seedItems(seeder, physical('subscriptionChanges'), history);
      seeded = size;
      const watermark = `${new Date(watermarkAt).toISOString()}#watermark`;
      const state = { contractor: contractor.name, watermark, lastAckAt: new Date(watermarkAt).toISOString(), consecutiveFailures: 0 };
      // The new changes: after the watermark, settled by `now`.
      const fresh = Array.from({ length: newChanges }, (_, i) => changeItem(watermarkAt + 1_000 + Math.floor((i * (hour - 2_000)) / newChanges), i, `n${round}-`));
      await seedItems(seeder, physical('subscriptionChanges'), fresh);
      const seedMs = performance.now() - seedStarted;

      // Three runs from the same watermark (reset before each); the median counts.
      progress(`syncing ${newChanges} new changes over a history of ${size.toLocaleString('en')} (${runs} runs)`);
      const samples: { wallMs: number; summary: Awaited<ReturnType<typeof syncContractor>>; requests: Record<string, number> }[] = [];
      for (let run = 0; run < runs; run += 1) {
        await seeder.send(new PutCommand({ TableName: physical('contractorSync'), Item: state }));
        const before = endpoint.received();
        requests.reset();
        const began = performance.now();
        const summary = await syncContractor(ports, contractor, new Date(now));
        const wallMs = performance.now() - began;
        if (!summary.acknowledged || summary.sent !== newChanges || endpoint.received() - before !== newChanges) {
          throw new Error(`the sync sent ${summary.sent} of ${newChanges} changes (acknowledged: ${summary.acknowledged})`);
        }
        samples.push({ wallMs, summary, requests: requests.counts() });
      }
      samples.sort((a, b) => a.wallMs - b.wallMs);
      const median = samples[Math.floor(samples.length / 2)];
      if (median === undefined) throw new Error('no runs');
      const { summary, wallMs } = median;
      figures.push({
        history: size,
        newChanges,
        sent: summary.sent,
        batches: summary.batches,
        itemsRead: summary.itemsRead,
        itemsReadPerChange: summary.itemsRead / newChanges,
        requests: median.requests,
        wallMs,
        samplesMs: samples.map((x) => x.wallMs),
        seedMs,
      });
    }
    requests.stop();
    const first = figures[0];
    const last = figures.at(-1);
    return { sizes: figures, timeRatio: first !== undefined && last !== undefined ? last.wallMs / first.wallMs : 1 };
  } finally {
    seeder.destroy();
    await new Promise((resolve) => endpoint.server.close(resolve));
    dynamo.process.kill();
  }
};

export const subscriptionsMarkdown = (report: SubscriptionsReport): string[] => [
  `## Contractor sync`,
  '',
  `DynamoDB Local alone; the change log holds the history (already acknowledged, before the contractor's watermark) and 1,000 new changes; ` +
    `syncContractor runs with the real DynamoDB adapters against a local endpoint that acknowledges every batch. ` +
    `Items read: what the Queries scanned plus the contractor's state item. Three runs per size from the same watermark (reset before each).`,
  '',
  `| history | new changes | batches | items read | per change | requests | time (median; runs) |`,
  `|---:|---:|---:|---:|---:|---|---:|`,
  ...report.sizes.map(
    (f) =>
      `| ${f.history.toLocaleString('en')} | ${f.newChanges} | ${f.batches} | ${f.itemsRead} | ${f.itemsReadPerChange.toFixed(3)} | ${Object.entries(f.requests)
        .map(([c, n]) => `${n} ${c}`)
        .join(', ')} | ${(f.wallMs / 1000).toFixed(2)} s (${f.samplesMs.map((x) => (x / 1000).toFixed(2)).join(', ')}) |`,
  ),
  '',
  `Time with the larger history over the smaller: ${report.timeRatio.toFixed(2)} ×.`,
  '',
];

// `tsx bench/subscriptions.ts` measures this part alone; `--json` prints only the report (bench/run.ts
// runs it so, in a process of its own: the functions' SDK clients are made once per process, and
// an earlier benchmark's would point at a stopped DynamoDB Local).
if (import.meta.url === `file://${process.argv[1]}`) {
  const report = await measureSubscriptions({ onProgress: (m) => process.stderr.write(`bench: ${m}\n`) });
  if (!process.argv.includes('--json')) process.stdout.write(`${subscriptionsMarkdown(report).join('\n')}\n`);
  process.stdout.write(`${JSON.stringify(report)}\n`);
}
