/**
 * Baskets on DynamoDB: one item per line (`item#<productId>`) and a `#summary` item per customer
 * whose `reminderPartition`/`reminderDueAt` put it in the sparse `byReminderDue` index while a
 * reminder is pending. A change writes its line and the summary in one transaction, so a line
 * never exists without its reminder being (re)scheduled. Keys come from basket-keys.ts.
 */
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, type QueryCommandInput, TransactWriteCommand, type TransactWriteCommandInput, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from '#commons/clients/dynamodb';
import { MissingConfigurationError, once, optionalEnv, tableName } from '#commons/config';
import type { BasketChange, BasketLine, BasketStore } from '#domain/shop/basket';
import type { DueReminder, ReminderStore } from '#domain/shop/basket-reminders';
import { ConflictError } from '#domain/errors';
import { basketLineKey, basketLinePrefix, basketSummaryKey, reminderPartition } from './basket-keys';
import { eventPut } from './event-outbox';

const table = once(() => tableName('baskets'));

/** Hours from a basket's last change to its reminder: `BASKET_REMINDER_HOURS`, 24 unless set. */
export const basketReminderDelayHours = once(() => {
  const text = optionalEnv('BASKET_REMINDER_HOURS', '24');
  const hours = Number(text);
  if (!Number.isFinite(hours) || hours <= 0) throw new MissingConfigurationError(`BASKET_REMINDER_HOURS must be a positive number of hours, not ${text}`);
  return hours;
});

const summaryKey = (customerId: string) => ({ customerId, itemKey: basketSummaryKey });
const lineKey = (customerId: string, productId: string) => ({ customerId, itemKey: basketLineKey(productId) });

type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

const reasons = (error: unknown): string[] =>
  error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []).map((r) => r.Code ?? 'None') : [];

/**
 * Runs a transaction, retrying one that lost a race with another transaction on the same items
 * (two changes of one basket at once); true when it ran, false when a condition failed.
 */
const transact = async (items: TransactItems): Promise<boolean> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await dynamodb.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (error: unknown) {
      const codes = reasons(error);
      if (codes.includes('ConditionalCheckFailed')) return false;
      if (!codes.includes('TransactionConflict')) throw error;
      if (attempt >= 4) throw new ConflictError('basket contended', 'The basket changed meanwhile; please retry.');
      await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt * Math.random()));
    }
  }
};

/** Every item of a query, page after page. */
const queryAll = async (input: QueryCommandInput): Promise<Record<string, unknown>[]> => {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const result = await dynamodb.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(result.Items ?? []));
    start = result.LastEvaluatedKey;
  } while (start !== undefined);
  return items;
};

const readLines = async (customerId: string): Promise<BasketLine[]> =>
  (
    await queryAll({
      TableName: table(),
      KeyConditionExpression: 'customerId = :c AND begins_with(itemKey, :prefix)',
      ExpressionAttributeValues: { ':c': customerId, ':prefix': basketLinePrefix },
      ConsistentRead: true,
    })
  ).map((item) => ({
    customerId: String(item['customerId']),
    productId: String(item['productId']),
    quantity: Number(item['quantity']),
    addedAt: String(item['addedAt']),
    updatedAt: String(item['updatedAt']),
  }));

/** The summary of a changed basket: the reminder is due a delay after this change. */
const scheduleReminder = (customerId: string, change: BasketChange) => ({
  Update: {
    TableName: table(),
    Key: summaryKey(customerId),
    UpdateExpression: 'SET reminderPartition = :partition, reminderDueAt = :due, changedAt = :now, changeId = :change',
    ExpressionAttributeValues: { ':partition': reminderPartition, ':due': change.reminderDueAt, ':now': change.now, ':change': change.changeId },
  },
});

export const basketStore: BasketStore = {
  lines: readLines,

  async setLine(customerId, productId, quantity, change) {
    await transact([
      {
        Update: {
          TableName: table(),
          Key: lineKey(customerId, productId),
          UpdateExpression: 'SET productId = :p, quantity = :q, updatedAt = :now, addedAt = if_not_exists(addedAt, :now)',
          ExpressionAttributeValues: { ':p': productId, ':q': quantity, ':now': change.now },
        },
      },
      scheduleReminder(customerId, change),
    ]);
  },

  async removeLine(customerId, productId, change) {
    return transact([
      { Delete: { TableName: table(), Key: lineKey(customerId, productId), ConditionExpression: 'attribute_exists(itemKey)' } },
      scheduleReminder(customerId, change),
    ]);
  },

  async cancelReminder(customerId, changeId) {
    try {
      await dynamodb.send(
        new UpdateCommand({
          TableName: table(),
          Key: summaryKey(customerId),
          UpdateExpression: 'REMOVE reminderPartition, reminderDueAt',
          ConditionExpression: 'changeId = :change',
          ExpressionAttributeValues: { ':change': changeId },
        }),
      );
    } catch (error: unknown) {
      // A later change rescheduled the reminder: it stands.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  },
};

/** Clears a reminder that still holds the due time that was found. */
const clearReminder = (customerId: string, seen: string, now?: string) => ({
  Update: {
    TableName: table(),
    Key: summaryKey(customerId),
    UpdateExpression: `REMOVE reminderPartition, reminderDueAt${now === undefined ? '' : ' SET remindedAt = :now'}`,
    ConditionExpression: 'reminderDueAt = :seen',
    ExpressionAttributeValues: { ':seen': seen, ...(now === undefined ? {} : { ':now': now }) },
  },
});

export const basketReminders: ReminderStore = {
  async *due(now) {
    let start: Record<string, unknown> | undefined;
    do {
      const result = await dynamodb.send(
        new QueryCommand({
          TableName: table(),
          IndexName: 'byReminderDue',
          KeyConditionExpression: 'reminderPartition = :partition AND reminderDueAt <= :now',
          ExpressionAttributeValues: { ':partition': reminderPartition, ':now': now },
          ProjectionExpression: 'customerId, reminderDueAt',
          Limit: 100,
          ExclusiveStartKey: start,
        }),
      );
      yield (result.Items ?? []).map((item): DueReminder => ({ customerId: String(item['customerId']), reminderDueAt: String(item['reminderDueAt']) }));
      start = result.LastEvaluatedKey;
    } while (start !== undefined);
  },

  lines: readLines,

  async remind(customerId, seen, event) {
    return transact([clearReminder(customerId, seen, event.occurredAt), eventPut(event)]);
  },

  async cancel(customerId, seen) {
    try {
      await dynamodb.send(new UpdateCommand(clearReminder(customerId, seen).Update));
      return true;
    } catch (error: unknown) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  },
};
