/**
 * The service-message dispatcher's ports on AWS: customers (one GetItem, or BatchGetItem for a
 * price drop's keepers), devices, the favourites table's `byProduct` index read in pages, a book's
 * title from the catalogue, and the outbound queue (ten messages per SendMessageBatch).
 */
import { BatchGetCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from '#commons/clients/dynamodb';
import { once, tableName } from '#commons/config';
import type { Customer } from '#domain/accounts/customers';
import type { ServiceMessagePorts } from '#domain/messaging/service-messages';
import { deviceStore } from './device-store';
import { enqueueAll } from './outbound-queue';

const customersTable = once(() => tableName('customers'));
const favoritesTable = once(() => tableName('favorites'));
const catalogueTable = once(() => tableName('catalogue'));

/** Keepers per page: one BatchGetItem reads up to 100 keys. */
const keepersPage = 100;
const maxAttempts = 6;

const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));

export class UnprocessedKeysError extends Error {
  override readonly name = 'UnprocessedKeysError';
}

export const serviceMessagePorts: ServiceMessagePorts = {
  customers: {
    async get(customerId) {
      const { Item } = await dynamodb.send(new GetCommand({ TableName: customersTable(), Key: { customerId }, ConsistentRead: true }));
      return Item as Customer | undefined;
    },

    async getMany(customerIds) {
      const found: Customer[] = [];
      let keys: Record<string, unknown>[] = [...new Set(customerIds)].map((customerId) => ({ customerId }));
      for (let attempt = 0; keys.length > 0; attempt += 1) {
        if (attempt >= maxAttempts) throw new UnprocessedKeysError('customer keys left unprocessed');
        if (attempt > 0) await pause(attempt);
        const result = await dynamodb.send(new BatchGetCommand({ RequestItems: { [customersTable()]: { Keys: keys, ConsistentRead: true } } }));
        found.push(...((result.Responses?.[customersTable()] ?? []) as Customer[]));
        keys = result.UnprocessedKeys?.[customersTable()]?.Keys ?? [];
      }
      return found;
    },
  },

  devices: deviceStore,

  async *keepers(productId) {
    let start: Record<string, unknown> | undefined;
    do {
      const result = await dynamodb.send(
        new QueryCommand({
          TableName: favoritesTable(),
          IndexName: 'byProduct',
          KeyConditionExpression: 'productId = :p',
          ExpressionAttributeValues: { ':p': productId },
          Limit: keepersPage,
          ExclusiveStartKey: start,
        }),
      );
      yield (result.Items ?? []).map((item) => String(item['customerId']));
      start = result.LastEvaluatedKey;
    } while (start !== undefined);
  },

  catalogue: {
    async title(productId) {
      const { Item } = await dynamodb.send(
        new GetCommand({ TableName: catalogueTable(), Key: { productId }, ProjectionExpression: '#t', ExpressionAttributeNames: { '#t': 'title' } }),
      );
      return typeof Item?.['title'] === 'string' ? Item['title'] : undefined;
    },
  },

  messages: { enqueueAll },
};
