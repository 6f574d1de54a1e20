/**
 * Destruction (152-FZ Art. 21): a customer with an order, a basket, a favourite, a phone and a
 * consent change files a `destroy` request; the hourly job runs; then no item of any table of
 * system/tables.ts (scanned through DynamoDB Local itself) carries the customer's email, names,
 * phone or delivery address, the Cognito user is gone, the order is kept impersonal, the act
 * exists listing each table, and the request is COMPLETED. Run again, the job finishes and the
 * scan finds the same.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { AdminGetUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { tableNames } from '../../system/tables';
import { awsClientConfig, call, eventually, stackInfo, useFunctionEnvironment } from '../support/api';
import { claimsOf, consentVersion, latestCode, login, operatorTokens, outbox, registrationBody, strongPassword, uniqueEmail } from '../support/customers';
import { tables } from '../support/orders';
import { createRequest, storedRequest } from '../support/privacy';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';

const letters = (n: number) =>
  Array.from(randomBytes(n), (b) => String.fromCharCode(97 + (b % 26))).join('');
const digits = (n: number) => Array.from(randomBytes(n), (b) => String(b % 10)).join('');

const runJob = async () => {
  const response = await call<{ job: string; result: { due: number; destroyed: number } }>('POST', '/_local/jobs/destroy-requested-data/run');
  expect(response.status, response.text).toBe(200);
  return response.body;
};

/** Every item of every table that contains one of the needles (JSON of the item). */
const scanFor = async (needles: readonly string[]): Promise<string[]> => {
  const { db, names } = await tables();
  const found: string[] = [];
  for (const table of tableNames) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db.send(new ScanCommand({ TableName: names[table], ExclusiveStartKey: start }));
      for (const item of page.Items ?? []) {
        const text = JSON.stringify(item);
        for (const needle of needles) if (text.includes(needle)) found.push(`${table}: ${needle}`);
      }
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
  }
  return found.sort();
};

describe('destruction of a customer’s personal data', () => {
  it('leaves no email, name, phone or address in any table or in Cognito; keeps the order impersonal; writes the act; a rerun changes nothing', async () => {
    const email = uniqueEmail('destroy');
    const password = strongPassword();
    const firstName = `Ve${letters(10)}`;
    const lastName = `Ko${letters(10)}`;
    const phone = `+7916${digits(7)}`;
    const recipient = { fullName: `Ru${letters(10)} Mi${letters(10)}`, phone: `+7903${digits(7)}` };
    const delivery = { country: 'DE', city: 'Berlin', street: `Strasse${letters(10)}`, building: '7', postalCode: `Z${letters(8).toUpperCase()}` };
    const needles = [email, firstName, lastName, phone, recipient.fullName, recipient.phone, delivery.street, delivery.postalCode];

    expect((await call('POST', '/v1/auth/register', { body: registrationBody(email, password, { firstName, lastName }) })).status).toBe(202);
    expect((await call('POST', '/v1/auth/confirm', { body: { email, code: await latestCode(email) } })).status).toBe(204);
    const signedIn = await login(email, password);
    expect(signedIn.status).toBe(200);
    const token = signedIn.body.accessToken;
    const customerId = String(claimsOf(token)['sub']);

    expect((await call('PATCH', '/v1/me', { token, body: { phone } })).status).toBe(200);
    expect((await call('PUT', '/v1/me/consents/personalization', { token, body: { granted: true, documentVersion: consentVersion } })).status).toBe(200);
    expect((await call('PUT', '/v1/me/basket/items/tolstoy-war-and-peace', { token, body: { quantity: 2 } })).status).toBe(200);
    expect((await call('PUT', '/v1/me/favorites/gogol-dead-souls', { token })).status).toBe(200);
    const order = await call<{ orderId: string; totalMinor: number }>('POST', '/v1/orders', {
      token,
      body: { items: [{ productId: 'chekhov-the-cherry-orchard', quantity: 1 }], recipient, delivery },
    });
    expect(order.status, order.text).toBe(201);
    // A push device: its SNS endpoint holds the device token and must go too.
    const deviceToken = `fcm-${letters(24)}`;
    needles.push(deviceToken);
    expect((await call('POST', '/v1/me/devices', { token, body: { platform: 'fcm', token: deviceToken } })).status).toBe(201);
    const devicesBefore = await tables();
    const [device] = (
      await devicesBefore.db.send(
        new QueryCommand({ TableName: devicesBefore.names['devices'], KeyConditionExpression: 'customerId = :c', ExpressionAttributeValues: { ':c': customerId } }),
      )
    ).Items ?? [];
    const endpointArn = String(device?.['endpointArn']);
    const sns = new SNSClient(awsClientConfig((await stackInfo()).endpoints.aws));
    await sns.send(new PublishCommand({ TargetArn: endpointArn, Message: 'before' }));

    const request = await createRequest(token, { type: 'destroy', details: `Please destroy everything, ${firstName}` }, randomUUID());
    expect(request.status, request.text).toBe(201);
    // The request's acknowledgement is the last message sent to the customer: wait for it to be sent.
    await eventually(async () => ((await outbox(email, 'email')).some((m) => m.body.includes(request.body.requestId)) ? true : undefined));
    expect((await scanFor(needles)).length).toBeGreaterThan(0);

    const run = await runJob();
    expect(run.result.destroyed).toBeGreaterThanOrEqual(1);

    // (a) no item of any table carries the customer's personal data.
    const after = await scanFor(needles);
    expect(after).toEqual([]);

    // The device's SNS endpoint is deleted: nothing can be pushed to it any more.
    await expect(sns.send(new PublishCommand({ TargetArn: endpointArn, Message: 'after' }))).rejects.toMatchObject({ name: expect.stringMatching(/EndpointDisabled/) });

    // (b) the Cognito user is gone.
    const info = await stackInfo();
    const cognito = new CognitoIdentityProviderClient(awsClientConfig(info.endpoints.cognito));
    await expect(cognito.send(new AdminGetUserCommand({ UserPoolId: info.userPoolId, Username: customerId }))).rejects.toMatchObject({
      name: 'UserNotFoundException',
    });

    // (c) the order is kept by id with its lines and totals, without recipient and delivery.
    const { db, names } = await tables();
    const stored = (await db.send(new GetCommand({ TableName: names['orders'], Key: { orderId: order.body.orderId } }))).Item;
    expect(stored).toMatchObject({ orderId: order.body.orderId, customerId });
    expect(stored?.['totalMinor']).toBe(order.body.totalMinor);
    expect(stored?.['recipient']).toBeUndefined();
    expect(stored?.['delivery']).toBeUndefined();
    // Operators still read it, alone and in its month's list, with no recipient or delivery.
    const operator = (await operatorTokens()).accessToken;
    const kept = await call<{ recipient: unknown; delivery: unknown; totalMinor: number }>('GET', `/v1/admin/orders/${order.body.orderId}`, { token: operator });
    expect(kept.status, kept.text).toBe(200);
    expect(kept.body).toMatchObject({ recipient: null, delivery: null, totalMinor: order.body.totalMinor });
    const month = await call<{ items: { orderId: string; recipient: unknown }[] }>('GET', '/v1/admin/orders?limit=100', { token: operator });
    expect(month.status, month.text).toBe(200);

    // The profile is a tombstone.
    const profile = (await db.send(new GetCommand({ TableName: names['customers'], Key: { customerId } }))).Item;
    expect(profile).toEqual({ customerId, status: 'DESTROYED', destroyedAt: expect.any(String) });

    // (d) the act exists, listing each table.
    const acts = (
      await db.send(
        new QueryCommand({
          TableName: names['destructionActs'],
          IndexName: 'byCustomer',
          KeyConditionExpression: 'customerId = :c',
          ExpressionAttributeValues: { ':c': customerId },
        }),
      )
    ).Items ?? [];
    expect(acts).toHaveLength(1);
    const act = acts[0] as { requestId: string; actor: { type: string }; method: string; what: { table: string; action: string; count: number }[] };
    expect(act).toMatchObject({ requestId: request.body.requestId, actor: { type: 'job' } });
    expect(act.method).toMatch(/AdminDeleteUser/);
    const listed = new Map(act.what.map((w) => [w.table, w]));
    for (const table of ['cognito', 'customers', 'baskets', 'favorites', 'sessions', 'orders', 'events', 'messages', 'privacyRequests', 'consentReceipts', 'audit']) {
      expect(listed.has(table), table).toBe(true);
    }
    expect(listed.get('cognito')).toMatchObject({ action: 'deleted', count: 1 });
    expect(listed.get('orders')).toMatchObject({ action: 'anonymised', count: 1 });
    expect(listed.get('baskets')?.count).toBeGreaterThanOrEqual(1);
    expect(listed.get('favorites')).toMatchObject({ action: 'deleted', count: 1 });
    expect(listed.get('consentReceipts')?.action).toBe('kept');

    // (e) the request is COMPLETED, by the job.
    const completed = await storedRequest(request.body.requestId);
    expect(completed).toMatchObject({ status: 'COMPLETED', details: null });
    expect(completed?.['queue']).toBeUndefined();
    expect((completed?.['history'] as { actor: { type: string } }[]).at(-1)?.actor.type).toBe('job');

    // Resumability: run again (the job, and destroyCustomer directly): no error, the same scan.
    await runJob();
    useFunctionEnvironment(info);
    const { destroyCustomer } = await import('../../lambdas/domain/privacy/destruction');
    const { destructionStore } = await import('../../lambdas/adapters/destruction-store');
    const { cognitoIdentity } = await import('../../lambdas/adapters/cognito-identity');
    const again = await destroyCustomer(
      { identity: cognitoIdentity, store: destructionStore, clock: () => new Date(), ids: () => randomUUID() },
      customerId,
      'rerun',
      { type: 'operator', id: 'test' },
    );
    expect(again.what.find((w) => w.table === 'cognito')?.count).toBe(0);
    expect(await scanFor(needles)).toEqual(after);
  }, 60_000);

  it('killed halfway, a destruction run again finishes and leaves the same result as one whole run', async () => {
    const email = uniqueEmail('halfway');
    const password = strongPassword();
    const firstName = `Ha${letters(10)}`;
    const lastName = `Lf${letters(10)}`;
    const recipient = { fullName: `Wa${letters(10)} Yy${letters(10)}`, phone: `+7903${digits(7)}` };
    const delivery = { country: 'DE', city: 'Berlin', street: `Weg${letters(10)}`, building: '3', postalCode: `H${letters(8).toUpperCase()}` };
    const needles = [email, firstName, lastName, recipient.fullName, recipient.phone, delivery.street, delivery.postalCode];
    expect((await call('POST', '/v1/auth/register', { body: registrationBody(email, password, { firstName, lastName }) })).status).toBe(202);
    expect((await call('POST', '/v1/auth/confirm', { body: { email, code: await latestCode(email) } })).status).toBe(204);
    const signedIn = await login(email, password);
    const token = signedIn.body.accessToken;
    const customerId = String(claimsOf(token)['sub']);
    expect((await call('PUT', '/v1/me/basket/items/tolstoy-war-and-peace', { token, body: { quantity: 1 } })).status).toBe(200);
    const order = await call('POST', '/v1/orders', { token, body: { items: [{ productId: 'chekhov-the-seagull', quantity: 1 }], recipient, delivery } });
    expect(order.status, order.text).toBe(201);

    const info = await stackInfo();
    useFunctionEnvironment(info);
    const { destroyCustomer } = await import('../../lambdas/domain/privacy/destruction');
    const { destructionStore } = await import('../../lambdas/adapters/destruction-store');
    const { cognitoIdentity } = await import('../../lambdas/adapters/cognito-identity');
    const ports = { identity: cognitoIdentity, clock: () => new Date(), ids: () => randomUUID() };

    // The process dies while it anonymises the orders: some stores are done, the rest are not.
    const dying = {
      ...destructionStore,
      apply: async (...args: Parameters<typeof destructionStore.apply>) => {
        if (args[0] === 'orders') throw new Error('killed');
        return destructionStore.apply(...args);
      },
    };
    await expect(destroyCustomer({ ...ports, store: dying }, customerId, 'halfway', { type: 'operator', id: 'test' })).rejects.toThrow('killed');
    expect((await scanFor(needles)).length).toBeGreaterThan(0);

    const finished = await destroyCustomer({ ...ports, store: destructionStore }, customerId, 'halfway', { type: 'operator', id: 'test' });
    expect(finished.customerId).toBe(customerId);
    expect(await scanFor(needles)).toEqual([]);
    const { db, names } = await tables();
    const acts = (
      await db.send(
        new QueryCommand({ TableName: names['destructionActs'], IndexName: 'byCustomer', KeyConditionExpression: 'customerId = :c', ExpressionAttributeValues: { ':c': customerId } }),
      )
    ).Items ?? [];
    expect(acts).toHaveLength(1);
  }, 60_000);
});
