/**
 * Accounts suspected of takeover, for operators; listed through the `byStatus` index.
 */
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from '#commons/clients/dynamodb';
import { once, tableName } from '#commons/config';
import type { WatchEntry, WatchList } from '#domain/accounts/takeover';

const table = once(() => tableName('watchList'));

export const watchList: WatchList = {
  async flag(entry) {
    // A second signal for an account already watched changes nothing: one entry per account.
    try {
      await dynamodb.send(
        new PutCommand({
          TableName: table(),
          Item: entry,
          ConditionExpression: 'attribute_not_exists(customerId) OR #status <> :open',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':open': 'OPEN' },
        }),
      );
      return true;
    } catch (error: unknown) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  },

  async resolve(customerId, status, at) {
    await dynamodb.send(
      new UpdateCommand({
        TableName: table(),
        Key: { customerId },
        UpdateExpression: 'SET #status = :status, resolvedAt = :at',
        ConditionExpression: 'attribute_exists(customerId)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': status, ':at': at },
      }),
    ).catch((error: unknown) => {
      if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
    });
  },

  async list(status, limit) {
    const result = await dynamodb.send(
      new QueryCommand({
        TableName: table(),
        IndexName: 'byStatus',
        KeyConditionExpression: '#status = :status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': status },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (result.Items ?? []) as WatchEntry[];
  },
};
