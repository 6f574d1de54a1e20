/**
 * The audit table: entries are put once under a unique key and never changed.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from '#system/zod';
import { dynamodb } from '#commons/clients/dynamodb';
import { once, tableName } from '#commons/config';
import { customerPage } from './customer-page';
import type { AuditEntry, AuditTrail } from '#domain/audit/audit';

const table = once(() => tableName('audit'));
const cursorSchema = z.strictObject({ customerId: z.string(), entryKey: z.string().check(z.maxLength(200)) });

/**
 * An audit entry as a transaction's Put, for adapters that write an entry in the same
 * TransactWriteItems as the change it records (like `eventPut` for domain events).
 */
export const auditPut = (entry: AuditEntry) => ({
  Put: {
    TableName: table(),
    Item: { ...entry, entryKey: `${entry.at}#${entry.entryId}` },
    ConditionExpression: 'attribute_not_exists(entryKey)',
  },
});

export const auditTrail: AuditTrail & {
  page(customerId: string, limit: number, cursor: string | undefined): Promise<{ items: AuditEntry[]; next: string | undefined }>;
} = {
  async append(entry) {
    await dynamodb.send(new PutCommand(auditPut(entry).Put));
  },

  async page(customerId, limit, cursor) {
    const page = await customerPage({ table: table(), cursorSchema, customerId, limit, cursor });
    return { items: page.items.map(({ entryKey: _key, ...entry }) => entry as unknown as AuditEntry), next: page.next };
  },
};
