/**
 * Run by bench/messages.ts in a fresh process, with the functions' environment of the stack under
 * test: the campaign's real audience reader (lambdas/adapters/campaign-store.ts) counts the
 * audience and reads every eligible page, with DynamoDB's own item counts summed from the
 * responses. Prints one JSON line.
 */
import { audienceShards } from '../../lambdas/domain/messaging/permissions';

const { dynamodb } = await import('../../lambdas/commons/clients/dynamodb');
const { audienceReader } = await import('../../lambdas/adapters/campaign-store');
const { fanOutPageSize } = await import('../../lambdas/domain/messaging/campaigns');

let itemsRead = 0;
let requests = 0;
dynamodb.middlewareStack.add(
  (next) => async (args) => {
    const result = await next(args);
    const output = (result.output ?? {}) as { ScannedCount?: number };
    requests += 1;
    itemsRead += output.ScannedCount ?? 0;
    return result;
  },
  { step: 'initialize', name: 'benchItemCounter' },
);

const measure = async <T>(work: () => Promise<T>) => {
  itemsRead = 0;
  requests = 0;
  const started = performance.now();
  const result = await work();
  return { result, wallMs: Math.round(performance.now() - started), itemsRead, requests };
};

const counted = await measure(() => audienceReader.count('email', 'advertising'));
const read = await measure(async () => {
  let members = 0;
  await Promise.all(
    Array.from({ length: audienceShards }, async (_, shard) => {
      let cursor: string | undefined;
      do {
        const page = await audienceReader.eligiblePage('email', 'advertising', shard, cursor, fanOutPageSize);
        members += page.members.length;
        cursor = page.cursor;
      } while (cursor !== undefined);
    }),
  );
  return members;
});
process.stdout.write(`${JSON.stringify({ count: counted, read })}\n`);
