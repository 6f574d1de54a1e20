/**
 * Orders on DynamoDB. Every write is one TransactWriteItems holding the change and its domain
 * event (lambdas/adapters/event-outbox.ts); conditions make concurrent requests safe: an order is
 * put only under a free id, a status move only from the status it was computed from, a lifetime
 * spend only over the value it was computed from. Tables are resolved on first use (`once`), so
 * list-orders and get-order need (and are granted) the orders table alone.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import * as z from '#system/zod';
import { dynamodb } from '#commons/clients/dynamodb';
import { once, tableName } from '#commons/config';
import type { Order, OrderStore, PricedProduct, StatusMove, WriteOutcome } from '#domain/shop/orders';
import { basketLineKey } from './basket-keys';
import { customerPage } from './customer-page';
import { eventPut } from './event-outbox';

const ordersTable = once(() => tableName('orders'));
const basketsTable = once(() => tableName('baskets'));
const catalogueTable = once(() => tableName('catalogue'));
const customersTable = once(() => tableName('customers'));

/** The byCustomer index's key, as a page cursor: only ids, dates and the caller's own customer id. */
const cursorSchema = z.strictObject({
  orderId: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/)),
  customerId: z.string().check(z.minLength(1), z.maxLength(128)),
  createdAt: z.string().check(z.maxLength(40)),
});

/** Which item's condition failed, or whether a concurrent transaction cancelled ours. */
const outcomeOf = (error: unknown, items: readonly ('order' | 'customer' | 'other')[]): Exclude<WriteOutcome, 'done'> => {
  if (!(error instanceof TransactionCanceledException)) throw error;
  const reasons = error.CancellationReasons ?? [];
  const failed = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
  const which = failed >= 0 ? items[failed] : undefined;
  if (which === 'order' || which === 'customer') return which;
  if (reasons.some((reason) => reason.Code === 'TransactionConflict')) return 'contended';
  throw error;
};

export const orderStore: OrderStore = {
  async get(orderId) {
    const { Item } = await dynamodb.send(new GetCommand({ TableName: ordersTable(), Key: { orderId }, ConsistentRead: true }));
    return Item as Order | undefined;
  },

  async page(customerId, limit, cursor) {
    const page = await customerPage({ table: ordersTable(), index: 'byCustomer', cursorSchema, customerId, limit, cursor });
    return { items: page.items as unknown as Order[], next: page.next };
  },

  async place(order, event) {
    const lines = order.items.map((line) => ({
      // Deleting a line that is not in the basket is no error: the order may not come from it.
      Delete: { TableName: basketsTable(), Key: { customerId: order.customerId, itemKey: basketLineKey(line.productId) } },
    }));
    try {
      await dynamodb.send(
        new TransactWriteCommand({
          TransactItems: [
            // orderMonth feeds the byMonth index (the monthly export and the recommendation build).
            { Put: { TableName: ordersTable(), Item: { ...order, orderMonth: order.createdAt.slice(0, 7) }, ConditionExpression: 'attribute_not_exists(orderId)' } },
            ...lines,
            eventPut(event),
          ],
        }),
      );
      return 'done';
    } catch (error: unknown) {
      const outcome = outcomeOf(error, ['order', ...lines.map(() => 'other' as const), 'other']);
      return outcome === 'customer' ? 'contended' : outcome;
    }
  },

  async move({ order, to, entry, events, loyalty }: StatusMove) {
    const orderUpdate = {
      Update: {
        TableName: ordersTable(),
        Key: { orderId: order.orderId },
        UpdateExpression: 'SET #status = :to, #history = list_append(#history, :entry), updatedAt = :at',
        ConditionExpression: '#status = :from',
        ExpressionAttributeNames: { '#status': 'status', '#history': 'statusHistory' },
        ExpressionAttributeValues: { ':to': to, ':from': order.status, ':entry': [entry], ':at': entry.at },
      },
    };
    const customerUpdate =
      loyalty === undefined
        ? []
        : [
            {
              Update: {
                TableName: customersTable(),
                Key: { customerId: loyalty.customerId },
                UpdateExpression: loyalty.tier === undefined ? 'SET #spend = :spend' : 'SET #spend = :spend, #tier = :tier',
                // Over the spend it was computed from, and only while the consent still stands.
                ConditionExpression: `${loyalty.expectedSpendMinor === undefined ? 'attribute_not_exists(#spend)' : '#spend = :old'} AND #consents.#purpose.#granted = :granted`,
                ExpressionAttributeNames: {
                  '#spend': 'lifetimeSpendMinor',
                  '#consents': 'consents',
                  '#purpose': 'loyalty_program',
                  '#granted': 'granted',
                  ...(loyalty.tier === undefined ? {} : { '#tier': 'loyaltyTier' }),
                },
                ExpressionAttributeValues: {
                  ':spend': loyalty.spendMinor,
                  ':granted': true,
                  ...(loyalty.expectedSpendMinor === undefined ? {} : { ':old': loyalty.expectedSpendMinor }),
                  ...(loyalty.tier === undefined ? {} : { ':tier': loyalty.tier }),
                },
              },
            },
          ];
    try {
      await dynamodb.send(new TransactWriteCommand({ TransactItems: [orderUpdate, ...customerUpdate, ...events.map(eventPut)] }));
      return 'done';
    } catch (error: unknown) {
      return outcomeOf(error, ['order', ...customerUpdate.map(() => 'customer' as const), ...events.map(() => 'other' as const)]);
    }
  },
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Thrown when DynamoDB keeps leaving keys unprocessed: the HTTP layer answers 503 (retryable). */
class CatalogueReadThrottled extends Error {
  override readonly name = 'ThrottlingException';
}

/** Titles and current prices of the given books, read consistently in one BatchGetItem (≤ 100 keys). */
export const productPrices = {
  async prices(productIds: readonly string[]): Promise<ReadonlyMap<string, PricedProduct>> {
    const found = new Map<string, PricedProduct>();
    let keys: Record<string, unknown>[] = [...new Set(productIds)].map((productId) => ({ productId }));
    for (let attempt = 0; keys.length > 0; attempt += 1) {
      if (attempt > 0) {
        if (attempt > 4) throw new CatalogueReadThrottled('catalogue keys left unprocessed');
        await pause(20 * 2 ** attempt);
      }
      const result = await dynamodb.send(
        new BatchGetCommand({
          RequestItems: {
            [catalogueTable()]: {
              Keys: keys,
              ConsistentRead: true,
              ProjectionExpression: '#id, #title, #price',
              ExpressionAttributeNames: { '#id': 'productId', '#title': 'title', '#price': 'priceMinor' },
            },
          },
        }),
      );
      for (const item of result.Responses?.[catalogueTable()] ?? []) {
        const product = item as PricedProduct;
        found.set(product.productId, { productId: product.productId, title: product.title, priceMinor: product.priceMinor });
      }
      keys = result.UnprocessedKeys?.[catalogueTable()]?.Keys ?? [];
    }
    return found;
  },
};
