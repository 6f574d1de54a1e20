/**
 * Campaigns end to end on the local stack: only customers who granted `advertising` and are
 * subscribed receive them (service messages reach everyone), every advertising email carries
 * RFC 8058 one-click unsubscribe, which stops the next send at once and reaches the contractor
 * `mailer` after the next sync run; a message queued before an opt-out is not sent.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { campaignMessageId } from '../../lambdas/domain/messaging/campaigns';
import { awsClientConfig, call, eventually, problemContentType, type StackInfo, stackInfo } from '../support/api';
import { consentVersion, outbox, operatorTokens, registerCustomer, type TestCustomer } from '../support/customers';
import { orderBody, placeOrder, ownProduct } from '../support/orders';

let info: StackInfo;
let db: DynamoDBDocumentClient;
let operator: string;

beforeAll(async () => {
  info = await stackInfo();
  db = DynamoDBDocumentClient.from(new DynamoDBClient(awsClientConfig(info.endpoints.dynamodb)));
  operator = (await operatorTokens()).accessToken;
});

const grantAdvertising = async (customer: TestCustomer) => {
  const granted = await call('PUT', '/v1/me/consents/advertising', { token: customer.tokens.accessToken, body: { granted: true, documentVersion: consentVersion } });
  expect(granted.status).toBe(200);
};

const eligibleItem = async (customerId: string, channel: string, category: string) => {
  for (let shard = 0; shard < 8; shard += 1) {
    const audienceKey = `${channel}#${category}#eligible#${shard}`;
    const { Item } = await db.send(new GetCommand({ TableName: info.tables['audiences'], Key: { audienceKey, customerId } }));
    if (Item !== undefined) return Item;
  }
  return undefined;
};

/** The customer stands in the campaign audience once the customers stream has been read. */
const inAudience = (customerId: string, channel: string, category: string) => eventually(() => eligibleItem(customerId, channel, category));

const messageRecord = async (messageId: string) =>
  (await db.send(new GetCommand({ TableName: info.tables['messages'], Key: { messageId } }))).Item;

const campaign = (body: Record<string, unknown>, key = randomUUID()) =>
  call<{ campaignId: string; recipients: number; suppressed: number }>('POST', '/v1/admin/campaigns', { token: operator, body, headers: { 'Idempotency-Key': key } });

const advertisingEmails = async (email: string, marker: string) =>
  (await outbox(email, 'email')).filter((m) => m.category === 'advertising' && m.body.includes(marker)) as (Awaited<ReturnType<typeof outbox>>[number] & {
    headers?: Record<string, string>;
  })[];

describe('campaigns', () => {
  it('reach only consenting, subscribed customers; the others still get service messages; one click stops the next send and reaches the contractor', async () => {
    const [consenting, neverConsented, unsubscribed] = await Promise.all([registerCustomer(), registerCustomer(), registerCustomer()]);
    await grantAdvertising(consenting);
    await grantAdvertising(unsubscribed);
    expect((await call('PUT', '/v1/me/subscriptions', { token: unsubscribed.tokens.accessToken, body: { email: { advertising: false } } })).status).toBe(200);
    await inAudience(consenting.customerId, 'email', 'advertising');
    // The opt-out has reached the audience too (the stream is read in order, but asynchronously).
    await eventually(async () => ((await eligibleItem(unsubscribed.customerId, 'email', 'advertising')) === undefined ? true : undefined));

    const marker = `spring-sale-${randomUUID()}`;
    const queued = await campaign({ channel: 'email', category: 'advertising', subject: 'Spring sale', body: `Books at half price.\n\n${marker}` });
    expect(queued.status).toBe(202);
    expect(queued.body.recipients).toBeGreaterThanOrEqual(1);
    // neverConsented is subscribed (the default) but has no advertising consent: counted as suppressed.
    expect(queued.body.suppressed).toBeGreaterThanOrEqual(1);

    const [received] = await eventually(async () => {
      const found = await advertisingEmails(consenting.email, marker);
      return found.length > 0 ? found : undefined;
    }, 20_000);
    expect(received?.subject).toBe('Spring sale');
    const listUnsubscribe = received?.headers?.['List-Unsubscribe'] ?? '';
    expect(received?.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const url = /^<(https?:\/\/[^>]+)>$/.exec(listUnsubscribe)?.[1];
    expect(url).toBeDefined();
    // The link is in the text too, and the token holds no personal data.
    expect(received?.body).toContain(url);
    const token = new URL(url ?? '').searchParams.get('token') ?? '';
    const decoded = Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8');
    expect(decoded).not.toContain(consenting.email);
    expect(decoded).not.toContain(consenting.customerId);

    // The others were never queued a message for this campaign.
    for (const other of [neverConsented, unsubscribed]) {
      // Not queued at all; had it been (an audience read before the stream caught up), the check
      // at sending would have suppressed it: either way, never sent.
      const record = await messageRecord(campaignMessageId(queued.body.campaignId, other.customerId, 'email'));
      expect(record === undefined || record['status'] === 'SUPPRESSED').toBe(true);
      expect(await advertisingEmails(other.email, marker)).toEqual([]);
    }
    // ...and they still receive service messages: an order confirmation.
    const product = await ownProduct(50_000);
    const order = await placeOrder(neverConsented.tokens.accessToken, orderBody([{ productId: product.productId, quantity: 1 }]));
    expect(order.status).toBe(201);
    await eventually(async () => {
      const service = (await outbox(neverConsented.email, 'email')).filter((m) => m.category === 'service');
      return service.length > 0 ? service : undefined;
    }, 20_000);

    // One click (RFC 8058): form-encoded POST to the List-Unsubscribe URL.
    const path = `${new URL(url ?? '').pathname}${new URL(url ?? '').search}`;
    const clicked = await call<{ status: string; channel: string; category: string }>('POST', path, {
      rawBody: 'List-Unsubscribe=One-Click',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(clicked.status).toBe(200);
    expect(clicked.body).toEqual({ status: 'UNSUBSCRIBED', channel: 'email', category: 'advertising' });
    const settings = await call<{ email: { advertising: boolean } }>('GET', '/v1/me/subscriptions', { token: consenting.tokens.accessToken });
    expect(settings.body.email.advertising).toBe(false);

    // The next campaign does not reach the customer.
    const marker2 = `summer-sale-${randomUUID()}`;
    const second = await campaign({ channel: 'email', category: 'advertising', subject: 'Summer sale', body: marker2 });
    expect(second.status).toBe(202);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await advertisingEmails(consenting.email, marker2)).toEqual([]);
    const secondRecord = await messageRecord(campaignMessageId(second.body.campaignId, consenting.customerId, 'email'));
    expect(secondRecord === undefined || secondRecord['status'] === 'SUPPRESSED').toBe(true);

    // After the next sync run (past the settle window), the contractor has the opt-out. Another test
    // may have the shared local contractor failing for a moment, so a refused run is run again.
    const optOutAtMailer = async () => {
      const batches = (await call<{ items: { batch: { changes: { subscriberId: string; permissions: { email: { advertising: boolean } } }[] } }[] }>('GET', '/_local/contractors/mailer')).body.items;
      const changes = batches.flatMap((b) => b.batch.changes).filter((c) => c.subscriberId === consenting.customerId);
      return changes.at(-1)?.permissions.email.advertising === false ? changes : undefined;
    };
    const delivered = await eventually(async () => {
      const at = new Date(Date.now() + 5 * 60_000).toISOString();
      expect((await call('POST', `/_local/jobs/contractor-sync/run?at=${encodeURIComponent(at)}`)).status).toBe(200);
      return optOutAtMailer();
    }, 20_000);
    expect(delivered.length).toBeGreaterThanOrEqual(1);
  });

  it('checks again at the moment of sending: a message queued before the opt-out is not sent', async () => {
    const customer = await registerCustomer();
    await grantAdvertising(customer);
    expect((await call('PUT', '/v1/me/subscriptions', { token: customer.tokens.accessToken, body: { email: { informational: false } } })).status).toBe(200);
    const sqs = new SQSClient(awsClientConfig(info.endpoints.aws));
    const messageId = randomUUID();
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: info.queues['outboundMessages'],
        MessageBody: JSON.stringify({ messageId, customerId: customer.customerId, channel: 'email', category: 'informational', to: customer.email, subject: 'News', text: 'News.' }),
      }),
    );
    const record = await eventually(async () => {
      const found = await messageRecord(messageId);
      return found?.['status'] === 'SUPPRESSED' ? found : undefined;
    });
    expect(record['customerId']).toBe(customer.customerId);
    expect((await outbox(customer.email, 'email')).filter((m) => m.category === 'informational')).toEqual([]);
  });

  it('opens the unsubscribe link as a page, and refuses a tampered or unknown token', async () => {
    const tampered = await call('GET', `/v1/unsubscribe?token=u1.${Buffer.from('x|email|advertising|9999999999').toString('base64url')}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`);
    expect(tampered.status).toBe(400);
    expect(tampered.headers.get('content-type')).toMatch(/^text\/html/);
    expect(tampered.text).toContain('not valid');
    const oneClick = await call('POST', '/v1/unsubscribe?token=u1.eA.AAAAAAAAAAAAAAAAAAAA', { rawBody: 'List-Unsubscribe=One-Click', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(oneClick.status).toBe(400);
    expect(oneClick.headers.get('content-type')).toMatch(problemContentType);
    const wrongBody = await call('POST', '/v1/unsubscribe?token=u1.eA.AAAAAAAAAAAAAAAAAAAA', { rawBody: 'List-Unsubscribe=Yes', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(wrongBody.status).toBe(422);
    const json = await call('POST', '/v1/unsubscribe?token=u1.eA.AAAAAAAAAAAAAAAAAAAA', { body: { 'List-Unsubscribe': 'One-Click' } });
    expect(json.status).toBe(415);
  });

  it('is idempotent by key, validates its body, and is for operators only', async () => {
    const key = randomUUID();
    const body = { channel: 'sms', category: 'informational', body: `Opening hours change ${key}` };
    const first = await campaign(body, key);
    const retry = await campaign(body, key);
    expect(first.status).toBe(202);
    expect(retry.body).toEqual(first.body);
    expect((await campaign({ ...body, body: 'another text' }, key)).status).toBe(409);

    const noSubject = await call<{ errors: { path: string }[] }>('POST', '/v1/admin/campaigns', { token: operator, body: { channel: 'email', category: 'advertising', body: 'x' } });
    expect(noSubject.status).toBe(422);
    expect(noSubject.body.errors.map((e) => e.path)).toContain('body.subject');
    const service = await call<{ errors: { path: string }[] }>('POST', '/v1/admin/campaigns', { token: operator, body: { channel: 'email', category: 'service', subject: 's', body: 'x' } });
    expect(service.status).toBe(422);
    expect(service.body.errors.map((e) => e.path)).toContain('body.category');

    const customer = await registerCustomer();
    expect((await call('POST', '/v1/admin/campaigns', { token: customer.tokens.accessToken, body })).status).toBe(403);
  });
});
