/**
 * Favourites on DynamoDB: one item per customer and book. A book kept again keeps its first
 * `addedAt` (a conditional put); the table's `byProduct` index finds who keeps a book.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from '#commons/clients/dynamodb';
import { once, tableName } from '#commons/config';
import type { Favorite, FavoritesStore } from '#domain/shop/favorites';

const table = once(() => tableName('favorites'));

export const favoritesStore: FavoritesStore = {
  async list(customerId) {
    const favorites: Favorite[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const result = await dynamodb.send(
        new QueryCommand({
          TableName: table(),
          KeyConditionExpression: 'customerId = :c',
          ExpressionAttributeValues: { ':c': customerId },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of result.Items ?? []) {
        favorites.push({ customerId: String(item['customerId']), productId: String(item['productId']), addedAt: String(item['addedAt']) });
      }
      start = result.LastEvaluatedKey;
    } while (start !== undefined);
    return favorites;
  },

  async add(favorite) {
    try {
      await dynamodb.send(new PutCommand({ TableName: table(), Item: favorite, ConditionExpression: 'attribute_not_exists(productId)' }));
    } catch (error: unknown) {
      // Kept already: the first time stands.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  },

  async remove(customerId, productId) {
    await dynamodb.send(new DeleteCommand({ TableName: table(), Key: { customerId, productId } }));
  },
};
