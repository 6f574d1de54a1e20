/**
 * Subscription settings on the customer record, changed in one transaction with their audit entry.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from '#commons/clients/dynamodb';
import { once, tableName } from '#commons/config';
import type { SubscriptionHolder, SubscriptionStore } from '#domain/messaging/subscriptions';
import { auditPut } from './audit-trail';

const customers = once(() => tableName('customers'));

export const subscriptionStore: SubscriptionStore = {
  async get(customerId) {
    const { Item } = await dynamodb.send(new GetCommand({ TableName: customers(), Key: { customerId }, ConsistentRead: true }));
    return Item as SubscriptionHolder | undefined;
  },

  async set(customerId, next, changedAt, expectedChangedAt, entry) {
    try {
      await dynamodb.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: customers(),
                Key: { customerId },
                UpdateExpression: 'SET subscriptions = :next, subscriptionsChangedAt = :at, updatedAt = :at',
                ConditionExpression:
                  expectedChangedAt === undefined
                    ? '#status = :active AND attribute_not_exists(subscriptionsChangedAt)'
                    : '#status = :active AND subscriptionsChangedAt = :expected',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':next': next,
                  ':at': changedAt,
                  ':active': 'ACTIVE',
                  ...(expectedChangedAt !== undefined && { ':expected': expectedChangedAt }),
                },
              },
            },
            auditPut(entry),
          ],
        }),
      );
      return true;
    } catch (error: unknown) {
      if (error instanceof TransactionCanceledException && (error.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed')) return false;
      throw error;
    }
  },
};
