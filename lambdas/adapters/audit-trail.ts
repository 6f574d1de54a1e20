/**
 * The audit table: entries are put once under a unique key and never changed.
 */
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { dynamodb } from '#commons/clients/dynamodb';
import { once, tableName } from '#commons/config';
import { decodeCursor, encodeCursor } from '#commons/http/cursor';
import type { AuditEntry, AuditTrail } from '#domain/audit/audit';

const table = once(() => tableName('audit'));
const cursorSchema = z.strictObject({ customerId: z.string(), entryKey: z.string().max(200) });

export const auditTrail: AuditTrail & {
  page(customerId: string, limit: number, cursor: string | undefined): Promise<{ items: AuditEntry[]; next: string | undefined }>;
} = {
  async append(entry) {
    await dynamodb.send(
      new PutCommand({
        TableName: table(),
        Item: { ...entry, entryKey: `${entry.at}#${entry.entryId}` },
        ConditionExpression: 'attribute_not_exists(entryKey)',
      }),
    );
  },

  async page(customerId, limit, cursor) {
    const start = decodeCursor(cursor, cursorSchema, (key) => key.customerId === customerId);
    const result = await dynamodb.send(
      new QueryCommand({
        TableName: table(),
        KeyConditionExpression: 'customerId = :c',
        ExpressionAttributeValues: { ':c': customerId },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: start,
      }),
    );
    const items = (result.Items ?? []).map(({ entryKey: _key, ...entry }) => entry as AuditEntry);
    return { items, next: encodeCursor(result.LastEvaluatedKey) ?? undefined };
  },
};
