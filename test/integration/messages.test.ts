/**
 * The outbound-messages queue end to end on the stand-ins: a message put on the queue with the
 * real SQS client is sent through SES or SNS by the deliverer, recorded in the messages table,
 * shown in the outbox, and never sent twice for one message id.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { awsClientConfig, call, eventually, type StackInfo, stackInfo } from '../support/api';

interface OutboxItem {
  channel: string;
  to: string;
  subject?: string;
  body: string;
  headers?: Record<string, string>;
  category: string;
}

let info: StackInfo;
let sqs: SQSClient;
let db: DynamoDBDocumentClient;

beforeAll(async () => {
  info = await stackInfo();
  sqs = new SQSClient(awsClientConfig(info.endpoints.aws));
  db = DynamoDBDocumentClient.from(new DynamoDBClient(awsClientConfig(info.endpoints.dynamodb)));
});

const outbox = async (to: string) => (await call<{ items: OutboxItem[] }>('GET', `/_local/outbox?to=${encodeURIComponent(to)}`)).body.items;

const enqueue = (message: Record<string, unknown>) =>
  sqs.send(new SendMessageCommand({ QueueUrl: info.queues['outboundMessages'], MessageBody: JSON.stringify(message) }));

describe('outbound messages', () => {
  it('sends an email once per message id and records it', async () => {
    const to = `reader-${randomUUID()}@example.com`;
    const messageId = randomUUID();
    const message = { messageId, channel: 'email', category: 'service', to, subject: 'Your order', text: 'Shipped.' };
    await enqueue(message);
    const items = await eventually(async () => {
      const found = await outbox(to);
      return found.length > 0 ? found : undefined;
    });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ channel: 'email', to, subject: 'Your order', body: 'Shipped.', category: 'service' });

    const record = await eventually(async () => {
      const { Item } = await db.send(new GetCommand({ TableName: info.tables['messages'], Key: { messageId } }));
      return Item?.['status'] === 'SENT' ? Item : undefined;
    });
    expect(record).toMatchObject({ attempts: 1, channel: 'email', category: 'service' });
    expect(record['providerId']).toEqual(expect.any(String));

    // A redelivery of the same message (same id) is recognised and not sent again.
    await enqueue(message);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await outbox(to)).toHaveLength(1);
  });

  it('sends an SMS through the SNS stand-in', async () => {
    const phone = `+7916${Math.floor(1_000_000 + Math.random() * 8_999_999)}`;
    await enqueue({ messageId: randomUUID(), channel: 'sms', category: 'service', to: phone, text: 'Your order has shipped.' });
    const items = await eventually(async () => {
      const found = (await call<{ items: OutboxItem[] }>('GET', `/_local/outbox?channel=sms&to=${encodeURIComponent(phone)}`)).body.items;
      return found.length > 0 ? found : undefined;
    });
    expect(items[0]).toMatchObject({ channel: 'sms', to: phone, body: 'Your order has shipped.', category: 'service' });
  });
});
