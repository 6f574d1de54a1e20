/**
 * Disclosures (append-only table) and their audit entries, one transaction.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from '#commons/clients/dynamodb';
import { once, tableName } from '#commons/config';
import type { Disclosure, DisclosureStore } from '#domain/privacy/disclosures';
import { auditPut } from './audit-trail';

const disclosures = once(() => tableName('disclosures'));
const customers = once(() => tableName('customers'));

export const disclosureStore: DisclosureStore = {
  async customerExists(customerId) {
    const { Item } = await dynamodb.send(new GetCommand({ TableName: customers(), Key: { customerId }, ProjectionExpression: '#s', ExpressionAttributeNames: { '#s': 'status' } }));
    // A destroyed customer's data is gone: there is nothing left to have disclosed.
    return Item !== undefined && Item['status'] !== 'DESTROYED';
  },

  async get(disclosureId) {
    const { Item } = await dynamodb.send(new GetCommand({ TableName: disclosures(), Key: { disclosureId }, ConsistentRead: true }));
    return Item as Disclosure | undefined;
  },

  async record(disclosure, entry) {
    try {
      await dynamodb.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: disclosures(), Item: disclosure, ConditionExpression: 'attribute_not_exists(disclosureId)' } },
            auditPut(entry),
          ],
        }),
      );
      return true;
    } catch (error: unknown) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
      throw error;
    }
  },
};
