/**
 * Many customers' records by id, BatchGetItem 100 keys per call, several calls at once, with only
 * what a job's gate needs (id, status, restriction): no names, contacts or consents are read. A
 * destroyed customer's tombstone comes back as `{customerId, status: 'DESTROYED'}`; an id with no
 * record is absent from the map.
 */
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from '#commons/clients/dynamodb';
import { once, tableName } from '#commons/config';
import type { Restriction } from '#domain/privacy/processing-gate';

const customersTable = once(() => tableName('customers'));

export interface CustomerGateRecord {
  readonly customerId: string;
  readonly status: string;
  readonly restriction?: Restriction;
}

class CustomersReadThrottled extends Error {
  override readonly name = 'ThrottlingException';
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const batchOf = async (ids: readonly string[], found: Map<string, CustomerGateRecord>): Promise<void> => {
  let keys: Record<string, unknown>[] = ids.map((customerId) => ({ customerId }));
  for (let attempt = 0; keys.length > 0; attempt += 1) {
    if (attempt > 0) {
      if (attempt > 6) throw new CustomersReadThrottled('customer keys left unprocessed');
      await pause(25 * 2 ** attempt);
    }
    const result = await dynamodb.send(
      new BatchGetCommand({
        RequestItems: {
          [customersTable()]: {
            Keys: keys,
            ProjectionExpression: '#id, #status, #restriction',
            ExpressionAttributeNames: { '#id': 'customerId', '#status': 'status', '#restriction': 'restriction' },
          },
        },
      }),
    );
    for (const item of result.Responses?.[customersTable()] ?? []) {
      const record = item as CustomerGateRecord;
      found.set(record.customerId, record);
    }
    keys = result.UnprocessedKeys?.[customersTable()]?.Keys ?? [];
  }
};

/** The records of these customers (duplicates read once), `parallel` BatchGetItem calls at a time. */
export const customersByIds = async (customerIds: readonly string[], parallel = 8): Promise<ReadonlyMap<string, CustomerGateRecord>> => {
  const ids = [...new Set(customerIds)];
  const found = new Map<string, CustomerGateRecord>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const start = next;
      next += 100;
      await batchOf(ids.slice(start, start + 100), found);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, Math.ceil(ids.length / 100)) }, worker));
  return found;
};
