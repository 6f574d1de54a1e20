/**
 * One page of a customer's items, newest first: by the table's own partition or by a
 * `byCustomer`-style index. The cursor is the page's last key, refused (422) unless it is a key
 * of this customer's list, so a forged or foreign cursor never reaches DynamoDB.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type * as z from '#system/zod';
import { dynamodb } from '#commons/clients/dynamodb';
import { decodeCursor, encodeCursor } from '#commons/http/cursor';

export const customerPage = async (options: {
  readonly table: string;
  readonly index?: string;
  readonly cursorSchema: z.core.$ZodType<{ customerId: string } & Record<string, unknown>>;
  readonly customerId: string;
  readonly limit: number;
  readonly cursor: string | undefined;
}): Promise<{ items: Record<string, unknown>[]; next: string | undefined }> => {
  const { table, index, cursorSchema, customerId, limit, cursor } = options;
  const start = decodeCursor(cursor, cursorSchema, (key) => key.customerId === customerId);
  const result = await dynamodb.send(
    new QueryCommand({
      TableName: table,
      ...(index === undefined ? {} : { IndexName: index }),
      KeyConditionExpression: 'customerId = :c',
      ExpressionAttributeValues: { ':c': customerId },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: start,
    }),
  );
  return { items: result.Items ?? [], next: encodeCursor(result.LastEvaluatedKey) ?? undefined };
};
