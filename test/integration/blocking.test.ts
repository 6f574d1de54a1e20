/**
 * Blocking (issue 5 point 6): a `block` request takes effect at once, and every consumer of
 * customer data that exists asks the one processing gate (lambdas/domain/privacy/processing-gate.ts).
 * A blocked customer's data is kept (GET /v1/me still answers), but delivery computes no loyalty
 * and the basket reminder job emits no BasketReminderDue; once an operator completes the block
 * request the block is lifted and a later delivery counts again.
 *
 * The reminder is made due by moving its due time into the past in the table, and the job is run
 * just ahead of now: running it days ahead would fire the other test files' reminders early.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, eventually } from '../support/api';
import { consentVersion, operatorTokens, registerCustomer, type TestCustomer } from '../support/customers';
import { customerEvents, moveOrder, orderBody, type OrderView, ownProduct, placeOrder, tables } from '../support/orders';
import { createRequest, operatorAction } from '../support/privacy';

let operator: string;

beforeAll(async () => {
  operator = (await operatorTokens()).accessToken;
});

interface Loyalty {
  tier: string;
  lifetimeSpendMinor: number;
}

const loyaltyOf = async (customer: TestCustomer): Promise<Loyalty> => {
  const response = await call<Loyalty>('GET', '/v1/me/loyalty', { token: customer.tokens.accessToken });
  expect(response.status).toBe(200);
  return response.body;
};

const orderWorth = async (customer: TestCustomer, totalMinor: number): Promise<OrderView> => {
  const book = await ownProduct(totalMinor);
  const placed = await placeOrder(customer.tokens.accessToken, orderBody([{ productId: book.productId, quantity: 1 }]));
  expect(placed.status).toBe(201);
  return placed.body;
};

const deliver = async (orderId: string) => {
  for (const status of ['CONFIRMED', 'SHIPPED', 'DELIVERED']) expect((await moveOrder(operator, orderId, status)).status, status).toBe(200);
};

const stored = async (table: string, key: Record<string, string>) => {
  const { db, names } = await tables();
  return (await db.send(new GetCommand({ TableName: names[table], Key: key, ConsistentRead: true }))).Item;
};

const runReminders = async (at: string) => {
  const response = await call<{ job: string }>('POST', `/_local/jobs/basket-reminders/run?at=${encodeURIComponent(at)}`);
  expect(response.status).toBe(200);
};

describe('a blocked customer', () => {
  it('is kept but not processed until the operator closes the block request', async () => {
    const customer = await registerCustomer();
    const token = customer.tokens.accessToken;
    const granted = await call('PUT', '/v1/me/consents/loyalty_program', { token, body: { granted: true, documentVersion: consentVersion } });
    expect(granted.status).toBe(200);
    const first = await orderWorth(customer, 120_000);
    expect((await call('PUT', '/v1/me/basket/items/voltaire-candide', { token, body: { quantity: 1 } })).status).toBe(200);

    const block = await createRequest(token, { type: 'block' });
    expect(block.status).toBe(201);
    // At once, in the customer's record.
    expect((await stored('customers', { customerId: customer.customerId }))?.['restriction']).toMatchObject({
      blocked: true,
      requestIds: [block.body.requestId],
    });

    // Storage: the customer's own data still answers.
    const me = await call<{ email: string }>('GET', '/v1/me', { token });
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(customer.email);

    // No loyalty computation on delivery.
    const before = await loyaltyOf(customer);
    await deliver(first.orderId);
    expect(await loyaltyOf(customer)).toEqual(before);
    expect((await stored('customers', { customerId: customer.customerId }))?.['lifetimeSpendMinor']).toBeUndefined();

    // No basket reminder: the job clears it without an event.
    const { db, names } = await tables();
    const past = new Date(Date.now() - 60_000).toISOString();
    await db.send(
      new UpdateCommand({
        TableName: names['baskets'],
        Key: { customerId: customer.customerId, itemKey: '#summary' },
        UpdateExpression: 'SET reminderDueAt = :past',
        ConditionExpression: 'reminderPartition = :due',
        ExpressionAttributeValues: { ':past': past, ':due': 'due' },
      }),
    );
    await eventually(async () => {
      await runReminders(new Date(Date.now() + 60_000).toISOString());
      const summary = await stored('baskets', { customerId: customer.customerId, itemKey: '#summary' });
      return summary?.['reminderDueAt'] === undefined ? true : undefined;
    });
    expect(await customerEvents(customer.customerId, 'BasketReminderDue')).toEqual([]);

    // The operator completes the block request: the block is lifted, a later delivery counts.
    const completed = await operatorAction(operator, block.body.requestId, 'complete', 'Blocking done; lifted on review.');
    expect(completed.status).toBe(200);
    expect((await stored('customers', { customerId: customer.customerId }))?.['restriction']).toBeUndefined();
    const second = await orderWorth(customer, 80_000);
    await deliver(second.orderId);
    expect(await loyaltyOf(customer)).toMatchObject({ lifetimeSpendMinor: before.lifetimeSpendMinor + second.totalMinor });
  });

  it('stays blocked while another block request is open, and stop_processing stops just its purpose', async () => {
    const customer = await registerCustomer();
    const token = customer.tokens.accessToken;
    const one = await createRequest(token, { type: 'block' });
    const two = await createRequest(token, { type: 'block' });
    const stop = await createRequest(token, { type: 'stop_processing', purposes: ['loyalty_program'] });
    expect([one.status, two.status, stop.status]).toEqual([201, 201, 201]);
    expect((await stored('customers', { customerId: customer.customerId }))?.['restriction']).toMatchObject({
      blocked: true,
      stoppedPurposes: ['loyalty_program'],
      requestIds: [one.body.requestId, two.body.requestId],
    });

    expect((await operatorAction(operator, one.body.requestId, 'reject', 'Not a valid ground.')).status).toBe(200);
    expect((await stored('customers', { customerId: customer.customerId }))?.['restriction']).toMatchObject({
      blocked: true,
      requestIds: [two.body.requestId],
    });
    expect((await operatorAction(operator, two.body.requestId, 'complete', 'Reviewed.')).status).toBe(200);
    expect((await stored('customers', { customerId: customer.customerId }))?.['restriction']).toMatchObject({
      blocked: false,
      stoppedPurposes: ['loyalty_program'],
      requestIds: [],
    });
  });
});

describe('a rectify request', () => {
  it('blocks the customer at once; completing it applies the corrections as the operator and lifts the block', async () => {
    const customer = await registerCustomer();
    const token = customer.tokens.accessToken;
    const made = await createRequest(token, { type: 'rectify', details: 'My last name is misspelt', corrections: { lastName: 'Smirnova-Corrected' } });
    expect(made.status).toBe(201);
    expect((await stored('customers', { customerId: customer.customerId }))?.['restriction']).toMatchObject({
      blocked: true,
      requestIds: [made.body.requestId],
    });
    // Storage only: the customer's own data still answers, unchanged while the operator checks.
    const during = await call<{ lastName: string }>('GET', '/v1/me', { token });
    expect(during.status).toBe(200);
    expect(during.body.lastName).not.toBe('Smirnova-Corrected');

    const completed = await operatorAction(operator, made.body.requestId, 'complete', 'Checked against your passport; corrected.');
    expect(completed.status).toBe(200);
    const after = await call<{ lastName: string }>('GET', '/v1/me', { token });
    expect(after.body.lastName).toBe('Smirnova-Corrected');
    const record = await stored('customers', { customerId: customer.customerId });
    expect(record?.['lastName']).toBe('Smirnova-Corrected');
    expect(record?.['restriction']).toBeUndefined();

    const audit = await call<{ items: { action: string; actor: { type: string }; details: Record<string, unknown> }[] }>(
      'GET',
      `/v1/admin/customers/${customer.customerId}/audit?limit=100`,
      { token: operator },
    );
    expect(audit.body.items.find((e) => e.action === 'profile.rectified')).toMatchObject({ actor: { type: 'operator' }, details: { fields: ['lastName'] } });
  });

  it('rejected, it lifts the block and leaves the name', async () => {
    const customer = await registerCustomer();
    const token = customer.tokens.accessToken;
    const before = (await call<{ lastName: string }>('GET', '/v1/me', { token })).body.lastName;
    const made = await createRequest(token, { type: 'rectify', corrections: { lastName: 'Someone-Else' } });
    expect(made.status).toBe(201);
    expect((await stored('customers', { customerId: customer.customerId }))?.['restriction']).toMatchObject({ blocked: true });
    expect((await operatorAction(operator, made.body.requestId, 'reject', 'The name we hold matches your documents.')).status).toBe(200);
    expect((await call<{ lastName: string }>('GET', '/v1/me', { token })).body.lastName).toBe(before);
    expect((await stored('customers', { customerId: customer.customerId }))?.['restriction']).toBeUndefined();
  });

  it('must name corrected values, and only a rectify request may: 422 naming body.corrections', async () => {
    const customer = await registerCustomer();
    const token = customer.tokens.accessToken;
    for (const body of [{ type: 'rectify' }, { type: 'rectify', corrections: {} }, { type: 'block', corrections: { lastName: 'X' } }]) {
      const refused = await call<{ errors: { path: string }[] }>('POST', '/v1/me/privacy-requests', { token, body });
      expect(refused.status, JSON.stringify(body)).toBe(422);
      expect(refused.body.errors.map((e) => e.path)).toContain('body.corrections');
    }
    const unknown = await call('POST', '/v1/me/privacy-requests', { token, body: { type: 'rectify', corrections: { email: 'x@example.com' } } });
    expect(unknown.status).toBe(422);
  });
});
