/**
 * Recommendations on DynamoDB (table `recommendations`, pk customerId, sk buildId, TTL
 * `expiresAt`), and the reads the build and GET /v1/me/recommendations need of the orders,
 * customers and catalogue: keys and indexes only (BatchGetItem, GetItem, the orders' byMonth
 * index), never a scan. Tables are resolved on first use, so each function needs (and is
 * granted) only the tables its own path touches.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from '#commons/clients/dynamodb';
import { once, tableName } from '#commons/config';
import {
  type BuildPointer,
  type PersonalizationView,
  pointerKey,
  type RecommendationBuildPorts,
  type RecommendationItem,
  type RecommendationReadPorts,
  type RecommendedProduct,
} from '#domain/analytics/recommendations';
import { currency } from '#domain/catalogue/catalogue';
import { ordersOfMonth } from './orders-by-month';

const recommendationsTable = once(() => tableName('recommendations'));
const customersTable = once(() => tableName('customers'));
const catalogueTable = once(() => tableName('catalogue'));

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const attempts = 8;

/** Thrown when DynamoDB keeps leaving keys or writes unprocessed: retryable (a job retries, the API answers 503). */
class BatchThrottled extends Error {
  override readonly name = 'ThrottlingException';
}

/** One BatchGetItem (≤ 100 keys) of one table, unprocessed keys retried with backoff. */
const batchGet = async (
  table: string,
  keys: readonly Record<string, unknown>[],
  projection: { expression: string; names: Record<string, string> },
): Promise<Record<string, unknown>[]> => {
  const found: Record<string, unknown>[] = [];
  let pending: Record<string, unknown>[] = [...keys];
  for (let attempt = 0; pending.length > 0; attempt += 1) {
    if (attempt > 0) {
      if (attempt >= attempts) throw new BatchThrottled(`keys of ${table} left unprocessed`);
      await pause(Math.min(25 * 2 ** attempt, 2_000));
    }
    const result = await dynamodb.send(
      new BatchGetCommand({
        RequestItems: { [table]: { Keys: pending, ProjectionExpression: projection.expression, ExpressionAttributeNames: projection.names } },
      }),
    );
    found.push(...(result.Responses?.[table] ?? []));
    pending = result.UnprocessedKeys?.[table]?.Keys ?? [];
  }
  return found;
};

/** One BatchWriteItem (≤ 25 puts), unprocessed writes retried with backoff. */
const batchPut = async (table: string, items: readonly Record<string, unknown>[]): Promise<void> => {
  let pending = items.map((Item) => ({ PutRequest: { Item } }));
  for (let attempt = 0; pending.length > 0; attempt += 1) {
    if (attempt > 0) {
      if (attempt >= attempts) throw new BatchThrottled(`writes to ${table} left unprocessed`);
      await pause(Math.min(25 * 2 ** attempt, 2_000));
    }
    const result = await dynamodb.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
    pending = (result.UnprocessedItems?.[table] ?? []) as typeof pending;
  }
};

/** Runs `work` over `items` with at most `limit` at a time. */
const inParallel = async <T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> => {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
};

const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/** The customers' status, personalization consent and restriction: nothing else is read. */
const personalizationOf = async (customerIds: readonly string[]): Promise<PersonalizationView[]> => {
  const views: PersonalizationView[] = [];
  await inParallel(chunks([...new Set(customerIds)], 100), 4, async (chunk) => {
    const items = await batchGet(
      customersTable(),
      chunk.map((customerId) => ({ customerId })),
      {
        expression: '#id, #status, #consents.#purpose, #restriction',
        names: { '#id': 'customerId', '#status': 'status', '#consents': 'consents', '#purpose': 'personalization', '#restriction': 'restriction' },
      },
    );
    views.push(...(items as unknown as PersonalizationView[]));
  });
  return views;
};

/** What the build reads and writes. */
export const recommendationBuildStore: Omit<RecommendationBuildPorts, 'ids'> = {
  orders: {
    // Pages of 500 orders (about 330 KB) rather than DynamoDB's 1 MB: the same read units, more
    // round trips, but DynamoDB Local is several times faster so (bench/recommendations.ts: 47 s
    // → 9 s for 100,000 orders) and the four month readers interleave more evenly.
    ofMonth: (month, from, before) =>
      ordersOfMonth(month, { from, before, attributes: ['customerId', 'createdAt', 'status', 'items'], pageSize: 500 }),
  },
  customers: { personalizationOf },
  recommendations: {
    async putAll(items) {
      await inParallel(chunks(items, 25), 8, (chunk) => batchPut(recommendationsTable(), chunk as unknown as Record<string, unknown>[]));
    },
    async setPointer(pointer) {
      // Only forward: a late run of an earlier schedule (a retry, a run overtaken by the next one)
      // never points reads back at an older build. Build ids sort by scheduled time.
      try {
        await dynamodb.send(
          new PutCommand({
            TableName: recommendationsTable(),
            Item: pointer,
            ConditionExpression: 'attribute_not_exists(#current) OR #current < :id',
            ExpressionAttributeNames: { '#current': 'current' },
            ExpressionAttributeValues: { ':id': pointer.current },
          }),
        );
        return true;
      } catch (error: unknown) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
  },
};

/** What GET /v1/me/recommendations reads (besides the customer). */
export const recommendationReadStore: RecommendationReadPorts = {
  recommendations: {
    async pointer() {
      const { Item } = await dynamodb.send(new GetCommand({ TableName: recommendationsTable(), Key: pointerKey }));
      return Item as BuildPointer | undefined;
    },
    async itemOf(customerId, buildId) {
      const { Item } = await dynamodb.send(new GetCommand({ TableName: recommendationsTable(), Key: { customerId, buildId } }));
      return Item as RecommendationItem | undefined;
    },
  },
  catalogue: {
    async products(productIds) {
      const found = new Map<string, RecommendedProduct>();
      for (const chunk of chunks([...new Set(productIds)], 100)) {
        const items = await batchGet(
          catalogueTable(),
          chunk.map((productId) => ({ productId })),
          { expression: '#id, #title, #author, #price', names: { '#id': 'productId', '#title': 'title', '#author': 'author', '#price': 'priceMinor' } },
        );
        for (const item of items) {
          const product = item as { productId: string; title: string; author: string; priceMinor: number };
          found.set(product.productId, { productId: product.productId, title: product.title, author: product.author, priceMinor: product.priceMinor, currency });
        }
      }
      return found;
    },
  },
};
