/**
 * Access exports on DynamoDB, split into parts under the 400 KB item limit, expired after the
 * download period.
 */
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from '#commons/clients/dynamodb';
import { once, tableName } from '#commons/config';
import type { AccessExport } from '#domain/privacy/access-export';
import type { AccessExportStore } from '#domain/privacy/access-requests';

const table = once(() => tableName('accessExports'));
const partChars = 300_000;
/** The customer has this long to download the export; then it expires. */
const keepDays = 30;

export const accessExportStore: AccessExportStore = {
  async save(requestId, exported) {
    const text = JSON.stringify(exported);
    const expiresAt = Math.floor(Date.now() / 1000) + keepDays * 86_400;
    const parts = Array.from({ length: Math.max(1, Math.ceil(text.length / partChars)) }, (_, part) => ({
      requestId,
      part,
      data: text.slice(part * partChars, (part + 1) * partChars),
      expiresAt,
    }));
    for (let i = 0; i < parts.length; i += 25) {
      let pending: Record<string, unknown>[] | undefined = parts.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending && pending.length > 0 && attempt < 5; attempt += 1) {
        const result = await dynamodb.send(new BatchWriteCommand({ RequestItems: { [table()]: pending } }));
        pending = result.UnprocessedItems?.[table()] as Record<string, unknown>[] | undefined;
      }
      if (pending && pending.length > 0) throw new Error('access export parts were not all written');
    }
    return parts.length;
  },

  async load(requestId) {
    const chunks: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await dynamodb.send(
        new QueryCommand({ TableName: table(), KeyConditionExpression: 'requestId = :r', ExpressionAttributeValues: { ':r': requestId }, ExclusiveStartKey: start }),
      );
      chunks.push(...(page.Items ?? []).map((item) => String(item['data'])));
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return chunks.length === 0 ? undefined : (JSON.parse(chunks.join('')) as AccessExport);
  },
};
