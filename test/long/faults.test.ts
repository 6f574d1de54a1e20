/**
 * Faults (issue 10, point 5), on a local stack of its own that keeps its data in a directory, so
 * that DynamoDB Local can be stopped and started again without losing the tables:
 *
 * - the email and SMS stand-ins fail for a while during a burst of 100 messages: every message is
 *   delivered after they recover, none twice (the messages table says SENT for each, the outbox
 *   holds exactly one per recipient);
 * - DynamoDB Local is stopped for a few seconds while customers place orders
 *   (`POST /_local/dynamodb/restart?downMs=`): callers get 503 problem documents with Retry-After,
 *   never another 5xx; every order answered 201 is stored once; retrying a 503'd request with its
 *   Idempotency-Key gives exactly one order.
 *
 * - a job killed mid-run and run again gives the same final state: site-stats, cut off by DynamoDB
 *   Local stopping halfway through it, then run again, writes exactly the figures of an
 *   uninterrupted run of the same views (destruction run twice: test/integration/destruction.test.ts;
 *   site-stats run twice in a row: test/integration/site-events.test.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomInt, randomUUID } from 'node:crypto';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsClientConfig, problemContentType, type StackInfo } from '../support/api';
import { type SpawnedStack, spawnStack } from '../support/spawn-stack';
import { Api, directTables } from './client';
import { findPersonalData } from '../support/personal-data';

let stack: SpawnedStack;
let api: Api;
let info: StackInfo;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'folio-long-faults-'));
  stack = await spawnStack({ env: { FOLIO_IN_MEMORY: '0', FOLIO_DATA_DIR: dataDir, LOCAL_OPERATOR_PASSWORD: 'Long-Operator-Pass1!' } });
  api = new Api(stack.url);
  info = await api.stackInfo();
}, 90_000);

afterAll(async () => {
  await stack?.stop('SIGINT');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  // The whole run's log holds no personal data, as the integration run's does (its teardown).
  expect(findPersonalData(stack?.output() ?? '', ['Long-Operator-Pass1!'])).toEqual([]);
});

describe('stand-ins down during a burst', () => {
  it('delivers each of 100 emails and SMS exactly once after SES and SNS fail for a while', async () => {
    const sqs = new SQSClient(awsClientConfig(info.endpoints.aws));
    const tables = directTables(info);
    const tag = randomUUID().slice(0, 8);
    const smsPrefix = `+7991${String(randomInt(0, 1000)).padStart(3, '0')}`;
    // Emails and SMS in turn, so that both stand-ins are called while they are down.
    const messages = Array.from({ length: 50 }, (_, i) => [
      { messageId: randomUUID(), channel: 'email', category: 'service', to: `burst-${tag}-${i}@example.com`, subject: 'Your order', text: `Order update ${i}` },
      { messageId: randomUUID(), channel: 'sms', category: 'service', to: `${smsPrefix}${String(i).padStart(4, '0')}`, text: `imobook.ru: заказ ${i} отправлен` },
    ]).flat();
    try {
      expect((await api.call('POST', '/_local/faults', { body: { target: 'ses', forMs: 8_000, match: `burst-${tag}` } })).status).toBe(200);
      expect((await api.call('POST', '/_local/faults', { body: { target: 'sns', forMs: 8_000, match: smsPrefix } })).status).toBe(200);
      for (let i = 0; i < messages.length; i += 10) {
        await sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: info.queues['outboundMessages'],
            Entries: messages.slice(i, i + 10).map((message, n) => ({ Id: String(n), MessageBody: JSON.stringify(message) })),
          }),
        );
      }
      const ours = async () => {
        const items = (await api.call<{ items: { channel: string; to: string }[] }>('GET', '/_local/outbox')).body.items;
        return items.filter((m) => m.to.startsWith(`burst-${tag}`) || m.to.startsWith(smsPrefix));
      };
      await api.eventually(async () => ((await ours()).length >= messages.length ? true : undefined), 60_000);
      // Late redeliveries would show now.
      await new Promise((r) => setTimeout(r, 3_000));
      const delivered = await ours();
      const perRecipient = new Map<string, number>();
      for (const m of delivered) perRecipient.set(m.to, (perRecipient.get(m.to) ?? 0) + 1);
      expect([...perRecipient.keys()].sort()).toEqual(messages.map((m) => m.to).sort());
      expect([...perRecipient.values()].every((n) => n === 1)).toBe(true);

      const records = await Promise.all(
        messages.map(async (m) => (await tables.db.send(new GetCommand({ TableName: info.tables['messages'], Key: { messageId: m.messageId }, ConsistentRead: true }))).Item),
      );
      expect(records.filter((r) => r?.['status'] === 'SENT')).toHaveLength(messages.length);
      // The outage was real: messages of both channels needed more than one attempt.
      const retried = (channel: string) => records.filter((r, i) => messages[i]?.channel === channel && Number(r?.['attempts'] ?? 0) > 1).length;
      expect(retried('email')).toBeGreaterThan(0);
      expect(retried('sms')).toBeGreaterThan(0);
      console.info(`burst: ${messages.length} messages, ${retried('email')} emails and ${retried('sms')} SMS retried, each delivered once`);
    } finally {
      sqs.destroy();
      tables.close();
    }
  }, 120_000);
});

describe('DynamoDB Local stopped and started during writes', () => {
  it('answers 503 with Retry-After while it is down, and every order is stored exactly once', async () => {
    const customers = await Promise.all(Array.from({ length: 8 }, () => api.registerCustomer()));
    const products = await api.productIds();
    const acknowledged = new Map<string, Set<string>>(customers.map((c) => [c.customerId, new Set()]));
    const statuses = new Map<number, number>();
    const badProblems: string[] = [];
    let unavailable = 0;
    let retriedToSuccess = 0;
    let restarted = false;

    /** Places orders until told to stop; a 503'd order is retried with its key until it succeeds. */
    const client = async (c: (typeof customers)[number]) => {
      while (!restarted) {
        const key = randomUUID();
        const items = [{ productId: products[randomInt(0, products.length)] as string, quantity: randomInt(1, 3) }];
        for (let attempt = 0; ; attempt += 1) {
          const placed = await api.placeOrder(c.tokens.accessToken, items, key);
          statuses.set(placed.status, (statuses.get(placed.status) ?? 0) + 1);
          if (placed.status === 201) {
            acknowledged.get(c.customerId)?.add(placed.body.orderId);
            if (attempt > 0) retriedToSuccess += 1;
            break;
          }
          if (placed.status === 503) {
            unavailable += 1;
            const retryAfter = Number(placed.headers.get('retry-after'));
            if (!problemContentType.test(placed.headers.get('content-type') ?? '') || !(retryAfter > 0)) badProblems.push(`503 without problem JSON or Retry-After`);
            await new Promise((r) => setTimeout(r, Math.min(retryAfter, 1) * 500));
            if (attempt > 200) throw new Error('an order was refused with 503 for too long');
            continue;
          }
          throw new Error(`an order was answered ${placed.status}: ${placed.text.slice(0, 200)}`);
        }
      }
    };

    const clients = Promise.allSettled(customers.map(client));
    let restart;
    try {
      await new Promise((r) => setTimeout(r, 2_000));
      restart = await api.call<{ restarted: boolean; downMs: number }>('POST', '/_local/dynamodb/restart?downMs=3000');
      // A little more traffic on the restarted DynamoDB Local, then stop.
      await new Promise((r) => setTimeout(r, 2_000));
    } finally {
      restarted = true;
    }
    const failed = (await clients).find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    expect(restart.status, restart.text).toBe(200);

    expect(badProblems).toEqual([]);
    expect(unavailable, 'the outage must have been seen').toBeGreaterThan(0);
    expect(retriedToSuccess).toBeGreaterThan(0);
    expect([...statuses.keys()].sort()).toEqual([201, 503]);

    const tables = directTables(info);
    let stored = 0;
    try {
      for (const c of customers) {
        const ids = (await tables.ordersOf(c.customerId)).map((o) => String(o['orderId']));
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.sort()).toEqual([...(acknowledged.get(c.customerId) ?? [])].sort());
        stored += ids.length;
      }
    } finally {
      tables.close();
    }
    console.info(
      `restart: DynamoDB Local down ${restart.body.downMs} ms; ${[...statuses.values()].reduce((a, b) => a + b, 0)} order requests, ` +
        `${unavailable} answered 503 (Retry-After), ${retriedToSuccess} orders placed on a retry with their key, ${stored} orders stored once each`,
    );
  }, 120_000);
});

describe('a job killed mid-run and run again', () => {
  /** A day's page views put straight into siteEvents: `views` spread over 300 paths and 40 referrers. */
  const seedDay = async (tables: ReturnType<typeof directTables>, day: string, views: number) => {
    const items = Array.from({ length: views }, (_, i) => ({
      bucket: `${day}#${i % 4}`,
      eventKey: `${day}T12:00:00.000Z#${randomUUID()}`,
      expiresAt: Math.floor(Date.now() / 1000) + 35 * 86_400,
      minute: `${day}T12:00:00.000Z`,
      network: `10.${i % 200}.0.0/24`,
      path: `/long/book-${i % 300}`,
      referrerOrigin: i % 3 === 0 ? null : `https://ref-${i % 40}.example`,
    }));
    const batches = Array.from({ length: Math.ceil(items.length / 25) }, (_, n) => items.slice(n * 25, n * 25 + 25));
    // Eight writers at once.
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let batch = batches.shift(); batch !== undefined; batch = batches.shift()) {
          let pending: unknown[] = batch.map((Item) => ({ PutRequest: { Item } }));
          while (pending.length > 0) {
            const result = await tables.db.send(new BatchWriteCommand({ RequestItems: { [info.tables['siteEvents'] as string]: pending as never } }));
            pending = result.UnprocessedItems?.[info.tables['siteEvents'] as string] ?? [];
          }
        }
      }),
    );
  };
  const figuresOf = async (tables: ReturnType<typeof directTables>, day: string) =>
    Object.fromEntries(
      (await tables.scanAll({ TableName: info.tables['siteStats'], FilterExpression: '#day = :d', ExpressionAttributeNames: { '#day': 'day' }, ExpressionAttributeValues: { ':d': day }, ConsistentRead: true }))
        .map((item) => [String(item['statKey']), Number(item['views'])] as const)
        .sort(([a], [b]) => a.localeCompare(b)),
    );
  const runAt = (day: string) => api.call<{ result: { events: number } }>('POST', `/_local/jobs/site-stats/run?at=${day}T00:30:00.000Z`.replace(/\d{4}-\d{2}-\d{2}T/, (d) => `${nextDay(d.slice(0, 10))}T`));
  const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);

  it('site-stats interrupted by DynamoDB Local stopping, run again: the same figures as an uninterrupted run', async () => {
    const tables = directTables(info);
    try {
      const views = 2_500;
      const clean = '2026-03-10';
      const interrupted = '2026-03-11';
      await seedDay(tables, clean, views);
      await seedDay(tables, interrupted, views);

      // The reference: an uninterrupted run.
      const started = Date.now();
      const reference = await runAt(clean);
      const runMs = Date.now() - started;
      expect(reference.status, reference.text).toBe(200);
      expect(reference.body.result.events).toBe(views);
      const expected = await figuresOf(tables, clean);
      expect(expected['#summary']).toBe(views);
      expect(Object.keys(expected)).toHaveLength(1 + 300 + 40);

      // The same job on the other day, with DynamoDB Local stopped a quarter of the way through it.
      const running = runAt(interrupted);
      await new Promise((r) => setTimeout(r, runMs / 4));
      const restart = await api.call('POST', '/_local/dynamodb/restart?downMs=2000');
      expect(restart.status, restart.text).toBe(200);
      const killed = await running;
      expect(killed.status, 'the run must have been cut off').not.toBe(200);

      const rerun = await runAt(interrupted);
      expect(rerun.status, rerun.text).toBe(200);
      expect(rerun.body.result.events).toBe(views);
      expect(await figuresOf(tables, interrupted)).toEqual(expected);
      // And once more: nothing changes.
      expect((await runAt(interrupted)).status).toBe(200);
      expect(await figuresOf(tables, interrupted)).toEqual(expected);
      console.info(`site-stats: ${views} views, clean run ${runMs} ms; the interrupted run answered ${killed.status}; the re-run wrote the same ${Object.keys(expected).length} figures`);
    } finally {
      tables.close();
    }
  }, 120_000);
});
