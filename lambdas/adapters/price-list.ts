/**
 * Catalogue prices for operators: the price and its `ProductPriceChanged` event in one
 * transaction, conditioned on the price the change replaces.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { dynamodb } from '#commons/clients/dynamodb';
import { once, tableName } from '#commons/config';
import type { CatalogueItem } from '#domain/catalogue/catalogue';
import type { PriceList, PricingPorts } from '#domain/catalogue/pricing';
import { eventPut } from './event-outbox';

const catalogueTable = once(() => tableName('catalogue'));

export const priceList: PriceList = {
  async get(productId) {
    const { Item } = await dynamodb.send(new GetCommand({ TableName: catalogueTable(), Key: { productId }, ConsistentRead: true }));
    return Item as CatalogueItem | undefined;
  },

  async setPrice(item, priceMinor, at, event) {
    try {
      await dynamodb.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: catalogueTable(),
                Key: { productId: item.productId },
                UpdateExpression: 'SET priceMinor = :new, updatedAt = :at',
                ConditionExpression: 'attribute_exists(productId) AND priceMinor = :old',
                ExpressionAttributeValues: { ':new': priceMinor, ':old': item.priceMinor, ':at': at },
              },
            },
            eventPut(event),
          ],
        }),
      );
      return 'done';
    } catch (error: unknown) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      if (reasons[0]?.Code === 'ConditionalCheckFailed') return 'changed';
      if (reasons.some((reason) => reason.Code === 'TransactionConflict')) return 'contended';
      throw error;
    }
  },
};

export const pricingPorts: PricingPorts = { prices: priceList, clock: () => new Date(), ids: () => randomUUID() };
