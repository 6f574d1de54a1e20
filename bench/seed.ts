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

/**
 * Counts the requests a client sends, by command without its `Command` suffix ("Query": 3), once
 * per HTTP attempt: below the retry middleware (finalizeRequest, low priority), so a retry counts.
 */
export const requestCounter = (client: Pick<DynamoDBDocumentClient, 'middlewareStack'>) => {
  let counts: Record<string, number> = {};
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = (context.commandName ?? 'unknown').replace(/Command$/, '');
      counts[name] = (counts[name] ?? 0) + 1;
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: 'benchRequestCount' },
  );
  return {
    counts: (): Record<string, number> => ({ ...counts }),
    reset: (): void => {
      counts = {};
    },
    stop: (): void => {
      client.middlewareStack.remove('benchRequestCount');
    },
  };
};
