/**
 * Reads every item of a customer in one table, by key, partition or index, page by page
 * (Query pages of up to 1 MB: the request count grows with the customer's data, never with
 * the table's size).
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from '#commons/clients/dynamodb';
import { tableName } from '#commons/config';
import type { CustomerItemsReader } from '#domain/privacy/access-export';

export const readCustomerItems: CustomerItemsReader = async (table, lookup, customerId) => {
  const TableName = tableName(table);
  if (lookup.kind === 'key') {
    const { Item } = await dynamodb.send(new GetCommand({ TableName, Key: { [lookup.attribute]: customerId }, ConsistentRead: true }));
    return Item === undefined ? [] : [Item];
  }
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamodb.send(
      new QueryCommand({
        TableName,
        ...(lookup.kind === 'index' && { IndexName: lookup.index }),
        KeyConditionExpression: '#c = :c',
        ExpressionAttributeNames: { '#c': lookup.attribute },
        ExpressionAttributeValues: { ':c': customerId },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return items;
};
