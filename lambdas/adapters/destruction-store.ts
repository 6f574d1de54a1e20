/**
 * The destruction store on DynamoDB: a customer's items are found by the access export's lookups
 * (lambdas/adapters/customer-items.ts, page by page: the request count grows with the customer's
 * data, never with the table's size); deletions go 25 keys per BatchWriteItem with unprocessed
 * items retried; attribute removals are UpdateItems conditioned on the item still existing (a
 * rerun after a concurrent deletion does not recreate it).
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from '#commons/clients/dynamodb';
import { tableName } from '#commons/config';
import { type TableName, tables } from '#system/tables';
import type { DestructionAct, DestructionStore } from '#domain/privacy/destruction';
import { readCustomerItems } from './customer-items';
import { pushEndpoints } from './device-store';

type Item = Record<string, unknown>;

const keyOf = (table: TableName, item: Item): Item => {
  const definition = tables[table] as { partitionKey: { name: string }; sortKey?: { name: string } };
  const key: Item = { [definition.partitionKey.name]: item[definition.partitionKey.name] };
  if (definition.sortKey !== undefined) key[definition.sortKey.name] = item[definition.sortKey.name];
  return key;
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Deletes the keys 25 at a time, retrying unprocessed ones with backoff. */
export const deleteKeys = async (table: TableName, keys: readonly Item[]): Promise<void> => {
  const TableName = tableName(table);
  for (let i = 0; i < keys.length; i += 25) {
    let pending: Item[] | undefined = keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 0; pending !== undefined && pending.length > 0; attempt += 1) {
      if (attempt >= 8) throw new Error(`${table}: deletions left unprocessed`);
      if (attempt > 0) await pause(50 * 2 ** attempt);
      const result = await dynamodb.send(new BatchWriteCommand({ RequestItems: { [TableName]: pending } }));
      pending = result.UnprocessedItems?.[TableName] as Item[] | undefined;
    }
  }
};

const strip = async (table: TableName, key: Item, remove: readonly string[], nullify: readonly string[]): Promise<void> => {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const parts: string[] = [];
  if (nullify.length > 0) {
    parts.push(`SET ${nullify.map((a, i) => `#n${i} = :null`).join(', ')}`);
    nullify.forEach((a, i) => (names[`#n${i}`] = a));
    values[':null'] = null;
  }
  if (remove.length > 0) {
    parts.push(`REMOVE ${remove.map((_, i) => `#r${i}`).join(', ')}`);
    remove.forEach((a, i) => (names[`#r${i}`] = a));
  }
  if (parts.length === 0) return;
  const partitionKey = tables[table].partitionKey.name;
  names['#pk'] = partitionKey;
  try {
    await dynamodb.send(
      new UpdateCommand({
        TableName: tableName(table),
        Key: key,
        UpdateExpression: parts.join(' '),
        ConditionExpression: 'attribute_exists(#pk)',
        ExpressionAttributeNames: names,
        ...(Object.keys(values).length === 0 ? {} : { ExpressionAttributeValues: values }),
      }),
    );
  } catch (error: unknown) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
};

/** The customer's request ids (the byCustomer index of privacyRequests, keys only). */
const requestIdsOf = async (customerId: string): Promise<string[]> =>
  (await readCustomerItems('privacyRequests', { kind: 'index', index: 'byCustomer', attribute: 'customerId' }, customerId)).map((r) =>
    String(r['requestId']),
  );

const exportKeys = async (requestId: string): Promise<Item[]> => {
  const keys: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await dynamodb.send(
      new QueryCommand({
        TableName: tableName('accessExports'),
        KeyConditionExpression: 'requestId = :r',
        ExpressionAttributeValues: { ':r': requestId },
        ProjectionExpression: 'requestId, #part',
        ExpressionAttributeNames: { '#part': 'part' },
        ExclusiveStartKey: start,
      }),
    );
    keys.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return keys;
};

export const destructionStore: DestructionStore = {
  async apply(table, operation, customerId, destroyedAt) {
    switch (operation.kind) {
      case 'tombstone': {
        const found = await readCustomerItems(table, operation.lookup, customerId);
        if (found.length === 0) return 0;
        // Replaced whole: nothing of the profile survives; a rerun puts the same tombstone.
        const previous = found[0]?.['status'] === 'DESTROYED' ? String(found[0]['destroyedAt']) : destroyedAt;
        await dynamodb.send(
          new PutCommand({ TableName: tableName(table), Item: { customerId, status: 'DESTROYED', destroyedAt: previous } }),
        );
        return 1;
      }
      case 'delete': {
        const found = await readCustomerItems(table, operation.lookup, customerId);
        if (operation.pushEndpoints === true) {
          // Before the items that name them: a rerun after a failure here still finds the ARNs.
          for (const item of found) if (typeof item['endpointArn'] === 'string') await pushEndpoints.delete(item['endpointArn']);
        }
        await deleteKeys(table, found.map((item) => keyOf(table, item)));
        return found.length;
      }
      case 'strip': {
        const found = await readCustomerItems(table, operation.lookup, customerId);
        for (const item of found) await strip(table, keyOf(table, item), operation.remove, operation.nullify ?? []);
        return found.length;
      }
      case 'deleteByRequest': {
        let count = 0;
        for (const requestId of await requestIdsOf(customerId)) {
          const keys = await exportKeys(requestId);
          await deleteKeys(table, keys);
          count += keys.length;
        }
        return count;
      }
      case 'keep':
        return operation.lookup === undefined ? 0 : (await readCustomerItems(table, operation.lookup, customerId)).length;
    }
  },

  async getAct(actId) {
    const { Item } = await dynamodb.send(new GetCommand({ TableName: tableName('destructionActs'), Key: { actId }, ConsistentRead: true }));
    return Item as DestructionAct | undefined;
  },

  async putAct(act) {
    await dynamodb.send(new PutCommand({ TableName: tableName('destructionActs'), Item: act }));
  },
};
