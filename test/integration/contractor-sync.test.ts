/**
 * From a customer's change to the contractors' mailing systems, over the local stack: a consent
 * change goes through the customers stream into the audiences and the change log, and the
 * contractor-sync job (run at a chosen time, past the settle window) delivers it to the local
 * contractor `mailer` signed with the contractor's secret, once; with the contractor failing, the
 * watermark stays and the next run delivers the same changes once.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { awsClientConfig, call, eventually, type StackInfo, stackInfo, useFunctionEnvironment } from '../support/api';
import { consentVersion, registerCustomer, type TestCustomer } from '../support/customers';

interface Change {
  changeKey: string;
  subscriberId: string;
  erased: boolean;
  email?: string;
  phone?: string;
  permissions: Record<'email' | 'sms', { advertising: boolean; informational: boolean }>;
  recordedAt: string;
}
interface Batch {
  contractor: string;
  batchId: string;
  sentAt: string;
  changes: Change[];
}
interface Recorded {
  receivedAt: string;
  timestamp: string;
  signature: string;
  body: string;
  batch: Batch;
}
interface Summary {
  contractors: { name: string; sent: number; batches: number; itemsRead: number; acknowledged: boolean; lagSeconds: number }[];
}

let info: StackInfo;
let db: DynamoDBDocumentClient;
let customer: TestCustomer;

beforeAll(async () => {
  info = await stackInfo();
  db = DynamoDBDocumentClient.from(new DynamoDBClient(awsClientConfig(info.endpoints.dynamodb)));
  customer = await registerCustomer();
});

afterAll(async () => {
  await call('DELETE', '/_local/faults?target=contractor:mailer');
  db.destroy();
});

const table = (name: string): string => {
  const physical = info.tables[name];
  if (physical === undefined) throw new Error(`the stack has no ${name} table`);
  return physical;
};

const runSync = async (at: Date): Promise<Summary['contractors'][number]> => {
  const response = await call<{ job: string; result: Summary }>('POST', `/_local/jobs/contractor-sync/run?at=${encodeURIComponent(at.toISOString())}`);
  expect(response.status).toBe(200);
  const mailer = response.body.result.contractors.find((c) => c.name === 'mailer');
  if (mailer === undefined) throw new Error('the job did not sync the mailer');
  return mailer;
};

const recorded = async (): Promise<Recorded[]> => (await call<{ items: Recorded[] }>('GET', '/_local/contractors/mailer')).body.items;

const changesOf = (batches: readonly Recorded[], subscriberId: string): Change[] =>
  batches.flatMap((b) => b.batch.changes.filter((c) => c.subscriberId === subscriberId));

const setAdvertising = async (granted: boolean): Promise<void> => {
  const response = await call('PUT', '/v1/me/consents/advertising', { token: customer.tokens.accessToken, body: { granted, documentVersion: consentVersion } });
  expect(response.status).toBeLessThan(300);
};

/** The customer's change log entries (by the byCustomer index), newest last. */
const loggedChanges = async (): Promise<string[]> => {
  const result = await db.send(
    new QueryCommand({ TableName: table('subscriptionChanges'), IndexName: 'byCustomer', KeyConditionExpression: 'customerId = :c', ExpressionAttributeValues: { ':c': customer.customerId } }),
  );
  return (result.Items ?? []).map((i) => String(i['changeKey'])).sort();
};

const audienceKeys = async (): Promise<string[]> => {
  const result = await db.send(
    new QueryCommand({ TableName: table('audiences'), IndexName: 'byCustomer', KeyConditionExpression: 'customerId = :c', ExpressionAttributeValues: { ':c': customer.customerId } }),
  );
  return (result.Items ?? []).map((i) => String(i['audienceKey']));
};

const watermark = async (): Promise<Record<string, unknown> | undefined> =>
  (await db.send(new GetCommand({ TableName: table('contractorSync'), Key: { contractor: 'mailer' }, ConsistentRead: true }))).Item;

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000);

describe('contractor sync', () => {
  it('keeps the audiences and tells the contractor of a consent grant, signed, once', async () => {
    await setAdvertising(true);
    const keys = await eventually(async () => {
      const current = await audienceKeys();
      return current.some((k) => k.startsWith('email#advertising#eligible#')) ? current : undefined;
    });
    expect(keys.some((k) => k.startsWith('email#advertising#suppressed#'))).toBe(false);
    const [logged] = await eventually(async () => {
      const current = await loggedChanges();
      return current.length === 1 ? current : undefined;
    });

    // The stream record's marker, which keeps a redelivered record from writing the change again.
    const eventId = String(logged).slice(String(logged).indexOf('#') + 1);
    const marker = await db.send(new GetCommand({ TableName: table('subscriptionChanges'), Key: { day: `seen#${eventId}`, changeKey: '-' } }));
    expect(marker.Item?.['expiresAt']).toBeGreaterThan(Date.now() / 1000 + 24 * 3600);

    const summary = await runSync(minutesFromNow(5));
    expect(summary.acknowledged).toBe(true);
    expect(summary.lagSeconds).toBe(0);
    expect(summary.itemsRead).toBeLessThanOrEqual(summary.sent + 2);

    const batches = await recorded();
    const mine = changesOf(batches, customer.customerId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      changeKey: logged,
      subscriberId: customer.customerId,
      erased: false,
      email: customer.email,
      permissions: { email: { advertising: true, informational: true }, sms: { advertising: false, informational: false } },
    });
    expect(mine[0]).not.toHaveProperty('customerId');

    // The signature verifies with the contractor's secret as Secrets Manager gives it, and a tampered body does not.
    const batch = batches.find((b) => b.batch.changes.some((c) => c.subscriberId === customer.customerId));
    if (batch === undefined) throw new Error('no batch');
    expect(batch.batch.contractor).toBe('mailer');
    const secretsManager = new SecretsManagerClient(awsClientConfig(info.endpoints.aws));
    const { SecretString: key } = await secretsManager.send(new GetSecretValueCommand({ SecretId: 'folio-local/contractors/mailer' }));
    secretsManager.destroy();
    if (key === undefined) throw new Error('the secret has no value');
    const sign = (body: string) => `v1=${createHmac('sha256', key).update(`${batch.timestamp}.${body}`).digest('hex')}`;
    expect(batch.signature).toBe(sign(batch.body));
    expect(batch.signature).not.toBe(sign(batch.body.replace('"advertising":true', '"advertising":false')));
    expect(Math.abs(Number(batch.timestamp) - Date.parse(batch.receivedAt) / 1000)).toBeLessThan(60);

    expect((await watermark())?.['watermark']).toBeDefined();
    expect(String((await watermark())?.['watermark']) >= String(logged)).toBe(true);

    // A second run sends the customer's change no more.
    const again = await runSync(minutesFromNow(6));
    expect(again.acknowledged).toBe(true);
    expect(changesOf(await recorded(), customer.customerId)).toHaveLength(1);
  });

  it('keeps the watermark while the contractor fails and delivers the same change once after', async () => {
    const before = await loggedChanges();
    await setAdvertising(false);
    const keys = await eventually(async () => {
      const current = await audienceKeys();
      return current.some((k) => k.startsWith('email#advertising#suppressed#')) ? current : undefined;
    });
    expect(keys.some((k) => k.includes('#eligible#'))).toBe(false);
    const withdrawal = await eventually(async () => {
      const current = await loggedChanges();
      return current.length === before.length + 1 ? current.at(-1) : undefined;
    });

    const mark = (await watermark())?.['watermark'];
    const armed = await call('POST', '/_local/faults', { body: { target: 'contractor:mailer', failures: 3, match: customer.customerId } });
    expect(armed.status).toBe(200);
    const failed = await runSync(minutesFromNow(5));
    expect(failed.acknowledged).toBe(false);
    expect(failed.sent).toBe(0);
    expect(failed.lagSeconds).toBeGreaterThan(120);
    const state = await watermark();
    expect(state?.['watermark']).toBe(mark);
    expect(state?.['lastError']).toBe('status 503');
    expect(Number(state?.['consecutiveFailures'])).toBeGreaterThanOrEqual(1);
    expect(changesOf(await recorded(), customer.customerId)).toHaveLength(1);

    const retried = await runSync(minutesFromNow(6));
    expect(retried.acknowledged).toBe(true);
    const mine = changesOf(await recorded(), customer.customerId);
    expect(mine).toHaveLength(2);
    expect(mine[1]).toMatchObject({ changeKey: withdrawal, permissions: { email: { advertising: false, informational: false } } });
    const recovered = await watermark();
    expect(recovered?.['consecutiveFailures']).toBe(0);
    expect(recovered?.['lastError']).toBeUndefined();

    await runSync(minutesFromNow(7));
    expect(changesOf(await recorded(), customer.customerId)).toHaveLength(2);
  });
});

describe('the stream consumer', () => {
  const recordOf = (eventId: string, before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): DynamoDBStreamEvent => ({
    Records: [
      {
        eventID: eventId,
        eventName: 'MODIFY',
        dynamodb: {
          SequenceNumber: '1',
          ...(before !== undefined && { OldImage: marshall(before, { removeUndefinedValues: true }) as never }),
          ...(after !== undefined && { NewImage: marshall(after, { removeUndefinedValues: true }) as never }),
        },
      },
    ],
  });

  it('writes one change for a record delivered twice, and an erased change without addresses for a destroyed customer', async () => {
    useFunctionEnvironment(info);
    const { handler } = await import('../../lambdas/functions/track-subscription-changes');
    const customerId = randomUUID();
    const consent = (granted: boolean) => ({ advertising: { granted, documentVersion: consentVersion, at: new Date().toISOString() } });
    const active = { customerId, email: `stream-${customerId}@example.com`, phone: null, status: 'ACTIVE', consents: consent(false) };
    const grant = recordOf(randomUUID(), active, { ...active, consents: consent(true) });
    expect(await handler(grant)).toEqual({ batchItemFailures: [] });
    expect(await handler(grant)).toEqual({ batchItemFailures: [] });
    const query = () =>
      db.send(new QueryCommand({ TableName: table('subscriptionChanges'), IndexName: 'byCustomer', KeyConditionExpression: 'customerId = :c', ExpressionAttributeValues: { ':c': customerId } }));
    expect((await query()).Items).toHaveLength(1);

    const tombstone = { customerId, status: 'DESTROYED', destroyedAt: new Date().toISOString() };
    expect(await handler(recordOf(randomUUID(), { ...active, consents: consent(true) }, tombstone))).toEqual({ batchItemFailures: [] });
    const keys = ((await query()).Items ?? []).map((i) => i as { day: string; changeKey: string }).sort((a, b) => (a.changeKey < b.changeKey ? -1 : 1));
    expect(keys).toHaveLength(2);
    const last = keys[1];
    if (last === undefined) throw new Error('no erased change');
    const erased = (await db.send(new GetCommand({ TableName: table('subscriptionChanges'), Key: { day: last.day, changeKey: last.changeKey } }))).Item;
    expect(erased).toMatchObject({ subscriberId: customerId, erased: true, permissions: { email: { advertising: false, informational: false }, sms: { advertising: false, informational: false } } });
    expect(erased).not.toHaveProperty('email');
    expect(erased).not.toHaveProperty('phone');
    const audiences = await db.send(
      new QueryCommand({ TableName: table('audiences'), IndexName: 'byCustomer', KeyConditionExpression: 'customerId = :c', ExpressionAttributeValues: { ':c': customerId } }),
    );
    expect(audiences.Items).toEqual([]);
  });
});
