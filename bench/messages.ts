/**
 * Messages (issue 6, point 6): campaign eligibility over 100,000 customers, and the deliverer's
 * throughput against the local stand-ins.
 *
 * Eligibility: the audiences of 100,000 customers are written straight into DynamoDB Local as the
 * customers stream keeps them (40 % eligible for email advertising, 10 % subscribed but
 * suppressed, the rest not subscribed, so not in the audience at all), then the real audience
 * reader counts the audience and reads every eligible page, in a fresh process with the stack's
 * function environment (bench/probes/audience.ts). Items read are DynamoDB's own counts
 * (ScannedCount). The claim: items read equal the audience (eligible + suppressed for the count,
 * eligible for the fan-out), not the number of customers.
 *
 * Throughput: service emails and one-part Cyrillic SMS put on the outbound queue with the real SQS
 * client, timed until every message's record is SENT. The deliverer paces itself at the provider
 * limits it is configured with (SES 14 sends/s, SMS 20 parts/s by default, shared by the queue's
 * concurrent consumers), so the figure shows the pacing holds: close to the per-instance share,
 * never above it (see SenderFigures).
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { audienceKey, shardOf } from '../lambdas/domain/messaging/permissions';
import { tableEnv, type TableName } from '../system/tables';
import { type QueueName, queues } from '../system/queues';
import { root, spawnStack } from '../test/support/spawn-stack';
import { seedItems } from './seed';

const run = promisify(execFile);

export interface AudienceFigures {
  readonly customers: number;
  readonly eligible: number;
  readonly suppressed: number;
  readonly count: { readonly wallMs: number; readonly itemsRead: number; readonly requests: number };
  readonly read: { readonly wallMs: number; readonly itemsRead: number; readonly requests: number; readonly members: number };
  /** Items read by the fan-out per recipient: 1.0 means the cost is the audience, not the customer base. */
  readonly itemsPerRecipient: number;
}

export interface SenderFigures {
  readonly channel: 'email' | 'sms';
  readonly messages: number;
  readonly wallMs: number;
  readonly perSecond: number;
  /** The account's limit the deliverer is configured with (EMAIL_SENDS_PER_SECOND, SMS_PARTS_PER_SECOND). */
  readonly configuredLimitPerSecond: number;
  /**
   * Each concurrent deliverer paces at its share of the limit (limit / the queue's maxConcurrency).
   * In the cloud each instance is its own process with its own pacer, so together they reach the
   * limit; the local runtime loads a handler once for both consumers, so one pacer serves both and
   * the local figure is one share.
   */
  readonly perInstanceLimitPerSecond: number;
}

export interface MessagesReport {
  readonly audience: AudienceFigures;
  readonly senders: readonly SenderFigures[];
}

const local = { region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };


const untilAllSent = async (db: DynamoDBDocumentClient, table: string, ids: readonly string[], timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  const pending = new Set(ids);
  while (pending.size > 0) {
    if (Date.now() > deadline) throw new Error(`${pending.size} messages not sent in time`);
    for (const chunk of [...pending].reduce<string[][]>((acc, id, i) => (i % 100 === 0 ? [...acc, [id]] : (acc.at(-1)?.push(id), acc)), [])) {
      const result = await db.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: chunk.map((messageId) => ({ messageId })), ProjectionExpression: 'messageId, #s', ExpressionAttributeNames: { '#s': 'status' } } } }));
      for (const item of result.Responses?.[table] ?? []) if (item['status'] === 'SENT') pending.delete(String(item['messageId']));
    }
    if (pending.size > 0) await new Promise((r) => setTimeout(r, 200));
  }
};

export const measureMessages = async (options: { customers?: number; emails?: number; sms?: number; onProgress?: (message: string) => void } = {}): Promise<MessagesReport> => {
  const customers = options.customers ?? 100_000;
  const progress = options.onProgress ?? (() => undefined);
  progress('starting a local stack for the messages benchmark');
  const stack = await spawnStack();
  try {
    const info = (await (await fetch(`${stack.url}/_local/stack`)).json()) as {
      endpoints: { dynamodb: string; aws: string };
      tables: Record<TableName, string>;
      queues: Record<QueueName, string>;
    };
    const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: info.endpoints.dynamodb, ...local }));

    progress(`writing the campaign audiences of ${customers.toLocaleString('en')} customers into DynamoDB Local`);
    const members: Record<string, unknown>[] = [];
    let eligible = 0;
    let suppressed = 0;
    for (let i = 0; i < customers; i += 1) {
      const customerId = randomUUID();
      const decile = i % 10;
      if (decile >= 5) continue; // not subscribed: not in the audience
      const state = decile === 4 ? 'suppressed' : 'eligible';
      if (state === 'eligible') eligible += 1;
      else suppressed += 1;
      members.push({
        audienceKey: audienceKey('email', 'advertising', state, shardOf(customerId)),
        customerId,
        channel: 'email',
        category: 'advertising',
        state,
        ...(state === 'eligible' ? { address: `reader-${i}@example.com` } : { reason: 'no_consent' }),
        locale: i % 3 === 0 ? 'en' : 'ru',
      });
    }
    await seedItems(db, info.tables.audiences, members, 4);

    progress('counting and reading the eligible audience with the campaign adapter');
    const env = {
      ...process.env,
      ...Object.fromEntries(Object.entries(info.tables).map(([name, table]) => [tableEnv(name as TableName), table])),
      AWS_ENDPOINT_URL_DYNAMODB: info.endpoints.dynamodb,
      AWS_REGION: 'eu-central-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    };
    const probe = await run(process.execPath, ['--import', 'tsx', 'bench/probes/audience.ts'], { cwd: root, env, maxBuffer: 1 << 20 });
    const figures = JSON.parse(probe.stdout.trim().split('\n').at(-1) ?? '{}') as {
      count: { result: { eligible: number; suppressed: number }; wallMs: number; itemsRead: number; requests: number };
      read: { result: number; wallMs: number; itemsRead: number; requests: number };
    };
    if (figures.count.result.eligible !== eligible || figures.read.result !== eligible) {
      throw new Error(`the audience reader found ${figures.count.result.eligible} / ${figures.read.result} eligible, ${eligible} were written`);
    }

    const sqs = new SQSClient({ endpoint: info.endpoints.aws, ...local });
    const senders: SenderFigures[] = [];
    for (const [channel, count, limit] of [
      ['email', options.emails ?? 140, 14],
      ['sms', options.sms ?? 100, 20],
    ] as const) {
      progress(`sending ${count} service ${channel === 'email' ? 'emails' : 'SMS'} through the deliverer`);
      const ids = Array.from({ length: count }, () => randomUUID());
      const started = performance.now();
      for (let i = 0; i < ids.length; i += 10) {
        await sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: info.queues.outboundMessages,
            Entries: ids.slice(i, i + 10).map((messageId, n) => ({
              Id: String(n),
              MessageBody: JSON.stringify(
                channel === 'email'
                  ? { messageId, channel, category: 'service', to: `bench-${messageId}@example.com`, subject: 'Ваш заказ отправлен', text: 'Ваш заказ отправлен.' }
                  : { messageId, channel, category: 'service', to: `+7999${String(i + n).padStart(7, '0')}`, text: 'imobook.ru: ваш заказ отправлен.' },
              ),
            })),
          }),
        );
      }
      await untilAllSent(db, info.tables.messages, ids, 120_000);
      const wallMs = performance.now() - started;
      senders.push({
        channel,
        messages: count,
        wallMs: Math.round(wallMs),
        perSecond: Math.round((count / wallMs) * 1000 * 10) / 10,
        configuredLimitPerSecond: limit,
        perInstanceLimitPerSecond: limit / queues.outboundMessages.maxConcurrency,
      });
    }
    sqs.destroy();
    db.destroy();

    return {
      audience: {
        customers,
        eligible,
        suppressed,
        count: { wallMs: figures.count.wallMs, itemsRead: figures.count.itemsRead, requests: figures.count.requests },
        read: { wallMs: figures.read.wallMs, itemsRead: figures.read.itemsRead, requests: figures.read.requests, members: figures.read.result },
        itemsPerRecipient: Math.round((figures.read.itemsRead / Math.max(1, eligible)) * 1000) / 1000,
      },
      senders,
    };
  } finally {
    await stack.stop();
  }
};

// `tsx bench/messages.ts` measures this part alone.
if (process.argv[1]?.endsWith('messages.ts')) {
  const report = await measureMessages({ onProgress: (m) => process.stderr.write(`${m}\n`) });
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

export const messagesMarkdown = (report: MessagesReport): string[] => {
  const a = report.audience;
  return [
    '## Messages: campaign eligibility and the deliverer',
    '',
    `Campaign audiences of ${a.customers.toLocaleString('en')} customers: ${a.eligible.toLocaleString('en')} eligible for email advertising, ` +
      `${a.suppressed.toLocaleString('en')} subscribed but suppressed, the rest not subscribed (not in the audience). ` +
      'Read with the campaign adapter (bench/probes/audience.ts); items are DynamoDB\'s own ScannedCount.',
    '',
    '| step | time | items read | requests |',
    '|---|---:|---:|---:|',
    `| count eligible and suppressed (the POST's answer) | ${a.count.wallMs} ms | ${a.count.itemsRead.toLocaleString('en')} | ${a.count.requests} |`,
    `| read every eligible page (the fan-out) | ${a.read.wallMs} ms | ${a.read.itemsRead.toLocaleString('en')} | ${a.read.requests} |`,
    '',
    `Items read by the fan-out per recipient: ${a.itemsPerRecipient} — the cost is the audience, not the ${a.customers.toLocaleString('en')} customers.`,
    '',
    '| deliverer | messages | time | per second | per-instance limit | account limit |',
    '|---|---:|---:|---:|---:|---:|',
    ...report.senders.map(
      (s) => `| ${s.channel} | ${s.messages} | ${(s.wallMs / 1000).toFixed(1)} s | ${s.perSecond} | ${s.perInstanceLimitPerSecond} | ${s.configuredLimitPerSecond} |`,
    ),
    '',
    'The local runtime loads the deliverer once for both of its concurrent consumers, so one pacer serves both and the figure is one instance\'s share; in the cloud each instance paces itself and together they reach the account limit, never more.',
    '',
  ];
};
