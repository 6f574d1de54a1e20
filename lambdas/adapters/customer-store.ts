/**
 * Customers and the consent ledger on DynamoDB. A consent change is one transaction: the
 * receipt (only ever put, never overwritten) and the customer's state, conditioned on the
 * consent sequence so concurrent changes apply in order.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import * as z from '#system/zod';
import { dynamodb } from '#commons/clients/dynamodb';
import { once, tableName } from '#commons/config';
import { customerPage } from './customer-page';
import type { Customer, CustomerStore } from '#domain/accounts/customers';
import { type ConsentReceipt, stateOf } from '#domain/consent/ledger';
import { ConflictError, NotFoundError } from '#domain/errors';

const customersTable = once(() => tableName('customers'));
const receiptsTable = once(() => tableName('consentReceipts'));

const receiptKey = (receipt: ConsentReceipt) => `${receipt.collectedAt}#${receipt.receiptId}`;
const receiptCursor = z.strictObject({ customerId: z.string(), receiptKey: z.string().check(z.maxLength(200)) });

const receiptPut = (receipt: ConsentReceipt) => ({
  Put: {
    TableName: receiptsTable(),
    Item: { ...receipt, receiptKey: receiptKey(receipt) },
    ConditionExpression: 'attribute_not_exists(receiptKey)',
  },
});

const conflicted = (error: unknown) =>
  error instanceof TransactionCanceledException && (error.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed');

export const customerStore: CustomerStore = {
  async createPending(customer, receipts) {
    await dynamodb.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: customersTable(), Item: customer, ConditionExpression: 'attribute_not_exists(customerId)' } },
          ...receipts.map(receiptPut),
        ],
      }),
    );
  },

  async activate(customerId, now) {
    try {
      await dynamodb.send(
        new UpdateCommand({
          TableName: customersTable(),
          Key: { customerId },
          UpdateExpression: 'SET #status = :active, createdAt = :now',
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':active': 'ACTIVE', ':pending': 'PENDING', ':now': now },
        }),
      );
      return true;
    } catch (error: unknown) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  },

  async get(customerId) {
    const { Item } = await dynamodb.send(new GetCommand({ TableName: customersTable(), Key: { customerId }, ConsistentRead: true }));
    return Item as Customer | undefined;
  },

  async updateProfile(customerId, changes, now) {
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = { ':active': 'ACTIVE', ':now': now };
    const sets = ['updatedAt = :now'];
    const removes: string[] = [];
    for (const [field, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      names[`#${field}`] = field;
      // A removed value (phone: null) is removed, not stored as NULL: the byPhone index is sparse.
      if (value === null) {
        removes.push(`#${field}`);
        continue;
      }
      values[`:${field}`] = value;
      sets.push(`#${field} = :${field}`);
    }
    try {
      const { Attributes } = await dynamodb.send(
        new UpdateCommand({
          TableName: customersTable(),
          Key: { customerId },
          UpdateExpression: `SET ${sets.join(', ')}${removes.length === 0 ? '' : ` REMOVE ${removes.join(', ')}`}`,
          ConditionExpression: '#status = :active',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes as Customer;
    } catch (error: unknown) {
      if (error instanceof ConditionalCheckFailedException) throw new NotFoundError('no active customer', 'There is no active account.');
      throw error;
    }
  },

  async close(customerId, now) {
    await dynamodb.send(
      new UpdateCommand({
        TableName: customersTable(),
        Key: { customerId },
        UpdateExpression: 'SET #status = :closed, closedAt = :now, updatedAt = :now',
        ConditionExpression: 'attribute_exists(customerId)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':closed': 'CLOSED', ':now': now },
      }),
    );
  },

  async recordConsents(customerId, receipts, expectedSeq) {
    const names: Record<string, string> = { '#consents': 'consents' };
    const values: Record<string, unknown> = { ':expected': expectedSeq, ':next': expectedSeq + 1 };
    const sets = receipts.map((receipt, i) => {
      names[`#p${i}`] = receipt.purpose;
      values[`:s${i}`] = stateOf(receipt);
      return `#consents.#p${i} = :s${i}`;
    });
    try {
      await dynamodb.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: customersTable(),
                Key: { customerId },
                UpdateExpression: `SET ${[...sets, 'consentSeq = :next'].join(', ')}`,
                ConditionExpression: 'consentSeq = :expected',
                ExpressionAttributeNames: names,
                ExpressionAttributeValues: values,
              },
            },
            ...receipts.map(receiptPut),
          ],
        }),
      );
    } catch (error: unknown) {
      if (conflicted(error)) throw new ConflictError('consent changed concurrently', 'Consents changed meanwhile; read them and try again.');
      throw error;
    }
  },

  async restrict(customerId, next, expectedSeq) {
    try {
      await dynamodb.send(
        new UpdateCommand({
          TableName: customersTable(),
          Key: { customerId },
          UpdateExpression: next === undefined ? 'SET restrictionSeq = :next REMOVE restriction' : 'SET restriction = :r, restrictionSeq = :next',
          ConditionExpression:
            expectedSeq === undefined
              ? 'attribute_exists(customerId) AND attribute_not_exists(restrictionSeq)'
              : 'attribute_exists(customerId) AND restrictionSeq = :expected',
          ExpressionAttributeValues: {
            ':next': (expectedSeq ?? 0) + 1,
            ...(next === undefined ? {} : { ':r': next }),
            ...(expectedSeq === undefined ? {} : { ':expected': expectedSeq }),
          },
        }),
      );
      return true;
    } catch (error: unknown) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  },

  async receipts(customerId, limit, cursor) {
    const page = await customerPage({ table: receiptsTable(), cursorSchema: receiptCursor, customerId, limit, cursor });
    return { items: page.items.map(({ receiptKey: _key, ...receipt }) => receipt as unknown as ConsentReceipt), next: page.next };
  },
};
