/**
 * The basket reminder: every basket change (re)schedules it a delay later (24 hours by default),
 * the scheduled job emits one BasketReminderDue event once it is due and never a second for the
 * same change, and an emptied basket gets none. The job is run at chosen times, as the scheduler
 * would run it then; time is moved, not slept through.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { awsClientConfig, call, eventually, type StackInfo, stackInfo } from '../support/api';
import { registerCustomer } from '../support/customers';

const hour = 3_600_000;
const candide = 'voltaire-candide';
const germinal = 'zola-germinal';

interface ReminderEvent {
  eventId: string;
  type: string;
  customerId: string;
  occurredAt: string;
  payload: { productIds: string[]; itemCount: number };
}

let info: StackInfo;
let db: DynamoDBDocumentClient;

beforeAll(async () => {
  info = await stackInfo();
  db = DynamoDBDocumentClient.from(new DynamoDBClient(awsClientConfig(info.endpoints.dynamodb)));
});

const at = (from: number, hours: number) => new Date(from + hours * hour).toISOString();

const runJob = async (time: string) => {
  const response = await call<{ job: string; result: { due: number; reminded: number; skipped: number } }>('POST', `/_local/jobs/basket-reminders/run?at=${encodeURIComponent(time)}`);
  expect(response.status).toBe(200);
  expect(response.body.job).toBe('basket-reminders');
  return response.body.result;
};

const remindersOf = async (customerId: string): Promise<ReminderEvent[]> => {
  const result = await db.send(
    new QueryCommand({
      TableName: info.tables['events'],
      IndexName: 'byCustomer',
      KeyConditionExpression: 'customerId = :c',
      ExpressionAttributeValues: { ':c': customerId },
    }),
  );
  return ((result.Items ?? []) as ReminderEvent[]).filter((e) => e.type === 'BasketReminderDue');
};

/**
 * Runs the job at `time` until the customer has `count` reminders. A run the scheduler already has
 * under way is awaited instead of started, so a run of our own is repeated until it happened.
 */
const runUntilReminded = async (time: string, customerId: string, count: number) =>
  eventually(async () => {
    await runJob(time);
    const events = await remindersOf(customerId);
    return events.length >= count ? events : undefined;
  });

const summaryOf = async (customerId: string) =>
  (await db.send(new GetCommand({ TableName: info.tables['baskets'], Key: { customerId, itemKey: '#summary' }, ConsistentRead: true }))).Item;

describe('basket reminders', () => {
  it('schedules the reminder a day after each change', async () => {
    const customer = await registerCustomer();
    const before = Date.now();
    expect((await call('PUT', `/v1/me/basket/items/${candide}`, { token: customer.tokens.accessToken, body: { quantity: 1 } })).status).toBe(200);
    const after = Date.now();
    const summary = await summaryOf(customer.customerId);
    expect(summary).toMatchObject({ customerId: customer.customerId, itemKey: '#summary', reminderPartition: 'due' });
    const due = Date.parse(String(summary?.['reminderDueAt']));
    expect(due).toBeGreaterThanOrEqual(before + 24 * hour);
    expect(due).toBeLessThanOrEqual(after + 24 * hour);
  });

  it('emits one BasketReminderDue event once the delay has passed, and no second one', async () => {
    const customer = await registerCustomer();
    const token = customer.tokens.accessToken;
    const start = Date.now();
    await call('PUT', `/v1/me/basket/items/${candide}`, { token, body: { quantity: 2 } });
    await call('PUT', `/v1/me/basket/items/${germinal}`, { token, body: { quantity: 1 } });

    await runJob(at(start, 1));
    expect(await remindersOf(customer.customerId)).toEqual([]);

    const [reminder] = await runUntilReminded(at(start, 25), customer.customerId, 1);
    expect(reminder).toMatchObject({
      type: 'BasketReminderDue',
      customerId: customer.customerId,
      occurredAt: at(start, 25),
      payload: { productIds: [candide, germinal].sort(), itemCount: 3 },
    });
    const summary = await summaryOf(customer.customerId);
    expect(summary?.['reminderPartition']).toBeUndefined();
    expect(summary?.['reminderDueAt']).toBeUndefined();

    await runJob(at(start, 25));
    await runJob(at(start, 26));
    expect(await remindersOf(customer.customerId)).toHaveLength(1);

    // Another change schedules another reminder, a day after it.
    await call('PUT', `/v1/me/basket/items/${candide}`, { token, body: { quantity: 1 } });
    await runJob(at(start, 23));
    expect(await remindersOf(customer.customerId)).toHaveLength(1);
    const again = await runUntilReminded(at(start, 27), customer.customerId, 2);
    expect(again).toHaveLength(2);
    expect(again.find((e) => e.occurredAt === at(start, 27))?.payload).toEqual({ productIds: [candide, germinal].sort(), itemCount: 2 });
    await runJob(at(start, 28));
    expect(await remindersOf(customer.customerId)).toHaveLength(2);
  });

  it('keeps the reminder while lines remain, and sends none for an emptied basket', async () => {
    const customer = await registerCustomer();
    const token = customer.tokens.accessToken;
    const start = Date.now();
    await call('PUT', `/v1/me/basket/items/${candide}`, { token, body: { quantity: 1 } });
    await call('PUT', `/v1/me/basket/items/${germinal}`, { token, body: { quantity: 1 } });
    await call('DELETE', `/v1/me/basket/items/${candide}`, { token });
    expect((await summaryOf(customer.customerId))?.['reminderPartition']).toBe('due');

    const emptied = await call<{ items: unknown[] }>('DELETE', `/v1/me/basket/items/${germinal}`, { token });
    expect(emptied.body.items).toEqual([]);
    const summary = await summaryOf(customer.customerId);
    expect(summary?.['reminderPartition']).toBeUndefined();
    expect(summary?.['reminderDueAt']).toBeUndefined();

    await runJob(at(start, 25));
    await runJob(at(start, 49));
    expect(await remindersOf(customer.customerId)).toEqual([]);
  });

  it('answers the run with what it did', async () => {
    const result = await runJob(new Date().toISOString());
    expect(result).toEqual({ due: expect.any(Number), reminded: expect.any(Number), skipped: expect.any(Number) });
    expect(result.due).toBe(result.reminded + result.skipped);
  });
});
