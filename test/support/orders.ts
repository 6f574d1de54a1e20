/**
 * Orders for integration tests: a valid order body, and direct reads of the tables (DynamoDB
 * Local itself, not the functions' proxy) to count what was stored.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { awsClientConfig, call, stackInfo, type StackInfo } from './api';

export interface OrderView {
  orderId: string;
  status: string;
  items: { productId: string; title: string; quantity: number; priceMinor: number; lineTotalMinor: number }[];
  totalMinor: number;
  currency: string;
  recipient: { fullName: string; phone: string };
  delivery: Record<string, string>;
  createdAt: string;
  statusHistory: { status: string; at: string; actor: { type: string; id?: string } }[];
}

export interface Product {
  productId: string;
  title: string;
  author: string;
  priceMinor: number;
  currency: string;
}

export interface StoredEvent {
  eventId: string;
  type: string;
  customerId?: string;
  occurredAt: string;
  payload: Record<string, unknown>;
}

export const recipient = { fullName: 'Anna Karenina', phone: '+79161234567' };
export const delivery = { country: 'RU', city: 'Moscow', street: 'Tverskaya', building: '7', apartment: '12', postalCode: '125009' };

export const orderBody = (items: { productId: string; quantity: number }[], extra: Record<string, unknown> = {}) => ({
  items,
  recipient,
  delivery,
  ...extra,
});

let info: StackInfo | undefined;
let client: DynamoDBDocumentClient | undefined;

export const tables = async () => {
  info ??= await stackInfo();
  client ??= DynamoDBDocumentClient.from(new DynamoDBClient(awsClientConfig(info.endpoints.dynamodb)));
  return { db: client, names: info.tables };
};

/** Every stored order of the customer (the byCustomer index, all pages). */
export const storedOrders = async (customerId: string): Promise<Record<string, unknown>[]> => {
  const { db, names } = await tables();
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: names['orders'],
        IndexName: 'byCustomer',
        KeyConditionExpression: 'customerId = :c',
        ExpressionAttributeValues: { ':c': customerId },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return items;
};

/** The customer's domain events (the events table's byCustomer index). */
export const customerEvents = async (customerId: string, type?: string): Promise<StoredEvent[]> => {
  const { db, names } = await tables();
  const result = await db.send(
    new QueryCommand({
      TableName: names['events'],
      IndexName: 'byCustomer',
      KeyConditionExpression: 'customerId = :c',
      ExpressionAttributeValues: { ':c': customerId },
    }),
  );
  const events = (result.Items ?? []) as StoredEvent[];
  return type === undefined ? events : events.filter((e) => e.type === type);
};

/** Catalogue events of one product (they name no customer, so the index does not hold them). */
export const productEvents = async (productId: string): Promise<StoredEvent[]> => {
  const { db, names } = await tables();
  const events: StoredEvent[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: names['events'],
        FilterExpression: '#type = :t AND payload.productId = :p',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':t': 'ProductPriceChanged', ':p': productId },
        ExclusiveStartKey: start,
      }),
    );
    events.push(...((page.Items ?? []) as StoredEvent[]));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return events;
};

/**
 * A book of the test's own, put straight into the catalogue (listed, in title order), so a test
 * may change its price without disturbing the others.
 */
export const ownProduct = async (priceMinor: number): Promise<Product> => {
  const { db, names } = await tables();
  const productId = `test-book-${randomUUID().slice(0, 8)}`;
  const title = `Zz Test Book ${productId}`;
  const product = { productId, title, author: 'Test Author', priceMinor, currency: 'RUB' };
  await db.send(
    new PutCommand({
      TableName: names['catalogue'],
      Item: { ...product, listing: 'books', sortKey: `${title.toLocaleLowerCase('en').replace(/[^\p{L}\p{N} ]/gu, '')}#${productId}` },
    }),
  );
  return product;
};

export const placeOrder = (token: string, body: unknown, idempotencyKey?: string) =>
  call<OrderView>('POST', '/v1/orders', { token, body, ...(idempotencyKey === undefined ? {} : { headers: { 'Idempotency-Key': idempotencyKey } }) });

export const moveOrder = (token: string, orderId: string, status: string) =>
  call<OrderView & { detail?: string }>('POST', `/v1/admin/orders/${orderId}/status`, { token, body: { status } });
