/**
 * Seeding DynamoDB Local for the benchmarks: items straight into a table, 25 per BatchWriteItem,
 * `parallel` calls at once, unprocessed items retried with backoff.
 */
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export const seedItems = async (db: DynamoDBDocumentClient, table: string, items: readonly Record<string, unknown>[], parallel = 16): Promise<void> => {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const start = next;
      next += 25;
      if (start >= items.length) return;
      let pending: Record<string, unknown>[] | undefined = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending !== undefined && pending.length > 0; attempt += 1) {
        if (attempt >= 8) throw new Error(`${table}: seeding left items unprocessed`);
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
        const result = await db.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
        pending = result.UnprocessedItems?.[table] as Record<string, unknown>[] | undefined;
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
};
