/**
 * The contractors' change log (`subscriptionChanges`): the stream consumer writes each change with
 * its stream record's marker in one transaction (a redelivered record writes nothing again); the
 * contractor sync reads a day's changes between its watermark and the settle bound.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from '#commons/clients/dynamodb';
import { once, tableName } from '#commons/config';
import type { ContractorChange, ContractorSyncPorts } from '#domain/messaging/contractor-sync';
import type { SubscriptionTrackingPorts } from '#domain/messaging/subscription-tracking';

const table = once(() => tableName('subscriptionChanges'));

export const changeLogWriter: SubscriptionTrackingPorts['changeLog'] = {
  async record(entry, marker) {
    try {
      await dynamodb.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: table(), Item: marker, ConditionExpression: 'attribute_not_exists(#day)', ExpressionAttributeNames: { '#day': 'day' } } },
            { Put: { TableName: table(), Item: entry } },
          ],
        }),
      );
      return 'recorded';
    } catch (error: unknown) {
      // The marker is there: this stream record's change was written by an earlier delivery.
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return 'duplicate';
      throw error;
    }
  },
};

/** What a contractor receives, nothing else (several of the names are DynamoDB reserved words). */
const projected = ['changeKey', 'subscriberId', 'erased', 'email', 'phone', 'permissions', 'recordedAt'] as const;
const projectionNames = Object.fromEntries(projected.map((name, i) => [`#p${i}`, name]));
const projection = Object.keys(projectionNames).join(', ');

export const changeLogReader: ContractorSyncPorts['changes'] = {
  async page({ day, after, before, limit, cursor }) {
    // The smallest key above `after` is `after` + U+0000, so BETWEEN (inclusive) reads exactly the
    // keys strictly between the watermark and the bound (no key equals the bound: keys carry `#`).
    const lower = after === undefined ? undefined : `${after}\u0000`;
    if (lower !== undefined && lower >= before) return { items: [], scanned: 0 };
    const result = await dynamodb.send(
      new QueryCommand({
        TableName: table(),
        KeyConditionExpression: lower === undefined ? '#day = :day AND changeKey < :before' : '#day = :day AND changeKey BETWEEN :after AND :before',
        ExpressionAttributeNames: { '#day': 'day', ...projectionNames },
        ExpressionAttributeValues: { ':day': day, ':before': before, ...(lower !== undefined && { ':after': lower }) },
        ProjectionExpression: projection,
        Limit: Math.max(1, limit),
        ConsistentRead: true,
        ...(cursor !== undefined && { ExclusiveStartKey: cursor as Record<string, unknown> }),
      }),
    );
    const items = (result.Items ?? []) as ContractorChange[];
    return { items, scanned: result.ScannedCount ?? items.length, ...(result.LastEvaluatedKey !== undefined && { cursor: result.LastEvaluatedKey }) };
  },
};
