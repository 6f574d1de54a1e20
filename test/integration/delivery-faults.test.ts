/**
 * A provider stand-in that fails for a while delays messages but loses none and sends none twice:
 * SES and SNS throttle for a few seconds (POST /_local/faults, matched to this test's recipients
 * only), the deliverer backs off through SQS, and every message arrives exactly once.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { awsClientConfig, call, eventually, type StackInfo, stackInfo } from '../support/api';

interface OutboxItem {
  channel: string;
  to: string;
  body: string;
}

let info: StackInfo;
let sqs: SQSClient;
let db: DynamoDBDocumentClient;

beforeAll(async () => {
  info = await stackInfo();
  sqs = new SQSClient(awsClientConfig(info.endpoints.aws));
  db = DynamoDBDocumentClient.from(new DynamoDBClient(awsClientConfig(info.endpoints.dynamodb)));
});

const sentTo = async (channel: string, prefix: string) =>
  (await call<{ items: OutboxItem[] }>('GET', `/_local/outbox?channel=${channel}`)).body.items.filter((item) => item.to.startsWith(prefix));

const burst = async (messages: Record<string, unknown>[]) => {
  for (let i = 0; i < messages.length; i += 10) {
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: info.queues['outboundMessages'],
        Entries: messages.slice(i, i + 10).map((message, n) => ({ Id: String(n), MessageBody: JSON.stringify(message) })),
      }),
    );
  }
};

const attemptsOf = async (messageIds: readonly string[]) =>
  Promise.all(messageIds.map(async (messageId) => (await db.send(new GetCommand({ TableName: info.tables['messages'], Key: { messageId } }))).Item));

describe('delivery through a failing provider', () => {
  it('delivers every email exactly once after SES throttles for a while', async () => {
    const prefix = `fault-${randomUUID().slice(0, 8)}`;
    const armed = await call('POST', '/_local/faults', { body: { target: 'ses', forMs: 2_500, match: prefix } });
    expect(armed.status).toBe(200);
    const messages = Array.from({ length: 8 }, (_, i) => ({
      messageId: randomUUID(),
      channel: 'email',
      category: 'service',
      to: `${prefix}-${i}@example.com`,
      subject: 'Your order',
      text: `Order update ${i}`,
    }));
    await burst(messages);

    const delivered = await eventually(async () => {
      const found = await sentTo('email', prefix);
      return found.length >= messages.length ? found : undefined;
    }, 25_000);
    // Exactly once each, even after retries and redeliveries.
    expect(delivered.map((m) => m.to).sort()).toEqual(messages.map((m) => m.to).sort());
    const records = await attemptsOf(messages.map((m) => m.messageId));
    expect(records.every((r) => r?.['status'] === 'SENT')).toBe(true);
    // The throttling was real: at least one message needed more than one attempt.
    expect(Math.max(...records.map((r) => Number(r?.['attempts'] ?? 0)))).toBeGreaterThan(1);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await sentTo('email', prefix)).toHaveLength(messages.length);
  });

  it('delivers every SMS exactly once after SNS throttles for a while', async () => {
    const prefix = `+7990${String(randomInt(0, 10_000)).padStart(4, '0')}`;
    expect((await call('POST', '/_local/faults', { body: { target: 'sns', forMs: 2_500, match: prefix } })).status).toBe(200);
    const messages = Array.from({ length: 6 }, (_, i) => ({
      messageId: randomUUID(),
      channel: 'sms',
      category: 'service',
      to: `${prefix}${String(i).padStart(3, '0')}`,
      text: `imobook.ru: заказ ${i} отправлен`,
    }));
    await burst(messages);
    const delivered = await eventually(async () => {
      const found = await sentTo('sms', prefix);
      return found.length >= messages.length ? found : undefined;
    }, 25_000);
    expect(delivered.map((m) => m.to).sort()).toEqual(messages.map((m) => m.to).sort());
    const records = await attemptsOf(messages.map((m) => m.messageId));
    expect(Math.max(...records.map((r) => Number(r?.['attempts'] ?? 0)))).toBeGreaterThan(1);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await sentTo('sms', prefix)).toHaveLength(messages.length);
  });
});
