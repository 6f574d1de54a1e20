/**
 * The campaign audiences (`audiences` table), writer side: the customers stream consumer puts and
 * deletes a customer's memberships, 25 per BatchWriteItem, retrying what DynamoDB left
 * unprocessed with backoff.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from '#commons/clients/dynamodb';
import { once, tableName } from '#commons/config';
import type { SubscriptionTrackingPorts } from '#domain/messaging/subscription-tracking';

const table = once(() => tableName('audiences'));
const maxRounds = 8;

export class UnprocessedWritesError extends Error {
  override readonly name = 'UnprocessedWritesError';
}

type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } };

const writeAll = async (requests: readonly WriteRequest[]): Promise<void> => {
  for (let i = 0; i < requests.length; i += 25) {
    let pending: WriteRequest[] = requests.slice(i, i + 25);
    for (let round = 0; pending.length > 0; round += 1) {
      if (round >= maxRounds) throw new UnprocessedWritesError('audience writes left unprocessed');
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 50 * 2 ** round) * (0.5 + Math.random() / 2)));
      const result = await dynamodb.send(new BatchWriteCommand({ RequestItems: { [table()]: pending } }));
      pending = (result.UnprocessedItems?.[table()] ?? []) as WriteRequest[];
    }
  }
};

export const audienceWriter: SubscriptionTrackingPorts['audiences'] = {
  async apply({ puts, deletes }) {
    await writeAll([
      ...deletes.map((key): WriteRequest => ({ DeleteRequest: { Key: { audienceKey: key.audienceKey, customerId: key.customerId } } })),
      ...puts.map((item): WriteRequest => ({ PutRequest: { Item: { ...item } } })),
    ]);
  },
};
