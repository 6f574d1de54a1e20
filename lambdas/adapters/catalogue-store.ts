/**
 * The catalogue on DynamoDB. Listing queries the `byTitle` index (one partition, title order);
 * it never scans the table.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from '#system/zod';
import { dynamodb } from '#commons/clients/dynamodb';
import { tableName } from '#commons/config';
import type { CatalogueItem, CatalogueStore } from '#domain/catalogue/catalogue';

const table = tableName('catalogue');
const listing = 'books';

export const catalogueCursorSchema = z.strictObject({
  productId: z.string().check(z.maxLength(64)),
  listing: z.literal(listing),
  sortKey: z.string().check(z.maxLength(512)),
});
export type CatalogueCursor = z.output<typeof catalogueCursorSchema>;

/** Title order that ignores case and leading articles' punctuation, stable by id. */
const sortKeyOf = (item: CatalogueItem) =>
  `${item.title.toLocaleLowerCase('en').replace(/[^\p{L}\p{N} ]/gu, '')}#${item.productId}`;

const fromItem = (item: Record<string, unknown>): CatalogueItem => item as unknown as CatalogueItem;

export const catalogueStore: CatalogueStore<CatalogueCursor> = {
  async page(limit, startAfter) {
    const result = await dynamodb.send(
      new QueryCommand({
        TableName: table,
        IndexName: 'byTitle',
        KeyConditionExpression: 'listing = :listing',
        ExpressionAttributeValues: { ':listing': listing },
        Limit: limit,
        ExclusiveStartKey: startAfter,
      }),
    );
    const last = result.LastEvaluatedKey;
    return {
      items: (result.Items ?? []).map(fromItem),
      next: last === undefined ? undefined : catalogueCursorSchema.parse(last),
    };
  },

  async get(productId) {
    const result = await dynamodb.send(new GetCommand({ TableName: table, Key: { productId } }));
    return result.Item === undefined ? undefined : fromItem(result.Item);
  },

  async putIfAbsent(item) {
    try {
      await dynamodb.send(
        new PutCommand({
          TableName: table,
          Item: { ...item, listing, sortKey: sortKeyOf(item), updatedAt: new Date().toISOString() },
          ConditionExpression: 'attribute_not_exists(productId)',
        }),
      );
      return true;
    } catch (error: unknown) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  },
};
