/**
 * A month's orders, read through the orders table's `byMonth` index (pk `orderMonth` = `YYYY-MM`
 * of createdAt, sk createdAt): one Query per month, paged, oldest first; never a Scan. Orders
 * placed before the index existed carry no `orderMonth` and are not in it. The index projects
 * every attribute, so an item is the stored order. Used by the recommendation build and the
 * monthly impersonal export (`ordersOfMonth`), and by the operators' console (`ordersByMonth`:
 * one page, newest first, with a cursor).
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from '#system/zod';
import { dynamodb } from '#commons/clients/dynamodb';
import { once, tableName } from '#commons/config';
import { decodeCursor, encodeCursor } from '#commons/http/cursor';
import type { Order, OrdersByMonth } from '#domain/shop/orders';

const ordersTable = once(() => tableName('orders'));

/** An order as the byMonth index holds it. */
export type StoredOrder = Order & { readonly orderMonth: string };

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

export interface MonthReadOptions {
  /** Attributes to read (a ProjectionExpression's names); the whole order when omitted. */
  readonly attributes?: readonly string[];
  /** Items per Query page (DynamoDB also stops a page at 1 MB). */
  readonly pageSize?: number;
  /** Only orders created at or after this ISO time (a key condition on the index's sort key). */
  readonly from?: string;
  /** Only orders created before this ISO time (with `attributes`, include `createdAt`: the bound is exclusive and checked on it). */
  readonly before?: string;
}

/** Every order of `month` (`YYYY-MM`), page after page. */
export async function* ordersOfMonth(month: string, options: MonthReadOptions = {}): AsyncIterable<StoredOrder> {
  if (!monthPattern.test(month)) throw new Error(`not a month: ${month}`);
  const names = options.attributes?.map((name, i) => [`#a${i}`, name] as const);
  const { from, before } = options;
  // One sort-key condition per Query: BETWEEN is inclusive, so an order created exactly at
  // `before` is dropped below.
  const range =
    from !== undefined && before !== undefined
      ? { condition: ' AND #created BETWEEN :from AND :before', values: { ':from': from, ':before': before } }
      : from !== undefined
        ? { condition: ' AND #created >= :from', values: { ':from': from } }
        : before !== undefined
          ? { condition: ' AND #created < :before', values: { ':before': before } }
          : { condition: '', values: {} };
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamodb.send(
      new QueryCommand({
        TableName: ordersTable(),
        IndexName: 'byMonth',
        KeyConditionExpression: `#month = :month${range.condition}`,
        ExpressionAttributeNames: {
          '#month': 'orderMonth',
          ...(range.condition === '' ? {} : { '#created': 'createdAt' }),
          ...Object.fromEntries(names ?? []),
        },
        ExpressionAttributeValues: { ':month': month, ...range.values },
        ...(names === undefined ? {} : { ProjectionExpression: names.map(([alias]) => alias).join(', ') }),
        ...(options.pageSize === undefined ? {} : { Limit: options.pageSize }),
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      if (before !== undefined && item['createdAt'] === before) continue;
      yield item as StoredOrder;
    }
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
}

/**
 * The byMonth index's key, as a page cursor: refused (422) unless it is a key of the month asked for.
 * Built on first use, so the jobs that only read whole months (ordersOfMonth) bundle no schema.
 */
let monthCursor: ReturnType<typeof buildMonthCursorSchema> | undefined;
const buildMonthCursorSchema = () =>
  z.strictObject({
    orderId: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/)),
    orderMonth: z.string().check(z.regex(monthPattern)),
    createdAt: z.string().check(z.maxLength(40)),
  });
const monthCursorSchema = () => (monthCursor ??= buildMonthCursorSchema());

/** One page of a month's orders, newest first; a status filter applies to the items read (a page may be short). */
export const ordersByMonth: OrdersByMonth = {
  async page({ month, status, limit, cursor }) {
    if (!monthPattern.test(month)) throw new Error(`not a month: ${month}`);
    const start = decodeCursor(cursor, monthCursorSchema(), (key) => key.orderMonth === month);
    const result = await dynamodb.send(
      new QueryCommand({
        TableName: ordersTable(),
        IndexName: 'byMonth',
        KeyConditionExpression: '#month = :month',
        // Limit counts items read before the filter: a page may be short, the cursor goes on.
        ...(status === undefined ? {} : { FilterExpression: '#status = :status' }),
        ExpressionAttributeNames: { '#month': 'orderMonth', ...(status === undefined ? {} : { '#status': 'status' }) },
        ExpressionAttributeValues: { ':month': month, ...(status === undefined ? {} : { ':status': status }) },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: start,
      }),
    );
    return { items: (result.Items ?? []) as StoredOrder[], next: encodeCursor(result.LastEvaluatedKey) ?? undefined };
  },
};
