/**
 * Favourites through the API: kept once from the first time, newest first, each customer's own.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { awsClientConfig, call, problemContentType, type StackInfo, stackInfo } from '../support/api';
import { registerCustomer } from '../support/customers';

interface Favorites {
  items: { productId: string; addedAt: string }[];
}
interface Problem {
  detail?: string;
  errors?: { path: string }[];
}

const balzac = 'balzac-pere-goriot';
const conrad = 'conrad-heart-of-darkness';
const wharton = 'wharton-the-age-of-innocence';

let info: StackInfo;
let db: DynamoDBDocumentClient;

beforeAll(async () => {
  info = await stackInfo();
  db = DynamoDBDocumentClient.from(new DynamoDBClient(awsClientConfig(info.endpoints.dynamodb)));
});

const list = (token: string) => call<Favorites>('GET', '/v1/me/favorites', { token });
const keep = (token: string, productId: string) => call<Favorites & Problem>('PUT', `/v1/me/favorites/${productId}`, { token });
const drop = (token: string, productId: string) => call<Favorites & Problem>('DELETE', `/v1/me/favorites/${productId}`, { token });
const pause = () => new Promise((r) => setTimeout(r, 5));

describe('favourites', () => {
  it('start empty', async () => {
    const token = (await registerCustomer()).tokens.accessToken;
    const favorites = await list(token);
    expect(favorites.status).toBe(200);
    expect(favorites.headers.get('cache-control')).toBe('no-store');
    expect(favorites.body).toEqual({ items: [] });
  });

  it('keeps books newest first, a book kept twice from the first time, and lets them go', async () => {
    const token = (await registerCustomer()).tokens.accessToken;
    const before = new Date().toISOString();
    const first = await keep(token, balzac);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1);
    const balzacAddedAt = first.body.items[0]?.addedAt ?? '';
    expect(first.body.items[0]?.productId).toBe(balzac);
    expect(balzacAddedAt >= before && balzacAddedAt <= new Date().toISOString()).toBe(true);

    await pause();
    await keep(token, conrad);
    await pause();
    const third = await keep(token, wharton);
    expect(third.body.items.map((i) => i.productId)).toEqual([wharton, conrad, balzac]);

    await pause();
    const again = await keep(token, balzac);
    expect(again.status).toBe(200);
    expect(again.body.items.map((i) => i.productId)).toEqual([wharton, conrad, balzac]);
    expect(again.body.items[2]).toEqual({ productId: balzac, addedAt: balzacAddedAt });
    expect((await list(token)).body).toEqual(again.body);

    const dropped = await drop(token, conrad);
    expect(dropped.status).toBe(200);
    expect(dropped.body.items.map((i) => i.productId)).toEqual([wharton, balzac]);
    // Dropping what is not kept changes nothing.
    const droppedAgain = await drop(token, conrad);
    expect(droppedAgain.status).toBe(200);
    expect(droppedAgain.body).toEqual(dropped.body);
  });

  it('can be found by book, for the price-drop notice', async () => {
    const customer = await registerCustomer();
    await keep(customer.tokens.accessToken, conrad);
    const keepers = await db.send(
      new QueryCommand({
        TableName: info.tables['favorites'],
        IndexName: 'byProduct',
        KeyConditionExpression: 'productId = :p AND customerId = :c',
        ExpressionAttributeValues: { ':p': conrad, ':c': customer.customerId },
      }),
    );
    expect(keepers.Items).toEqual([{ productId: conrad, customerId: customer.customerId }]);
  });

  it('answers 404 for a book the catalogue does not have, and 422 naming a malformed id', async () => {
    const token = (await registerCustomer()).tokens.accessToken;
    const unknown = await keep(token, 'no-such-book');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(problemContentType);
    expect(unknown.body.detail).toBe('There is no book with this id.');
    for (const response of [await keep(token, 'Not_An_Id'), await drop(token, 'Not_An_Id')]) {
      expect(response.status).toBe(422);
      expect(response.body.errors?.map((e) => e.path)).toEqual(['path.productId']);
    }
    expect((await list(token)).body).toEqual({ items: [] });
  });

  it('keep each customer’s favourites apart', async () => {
    const [anna, boris] = await Promise.all([registerCustomer(), registerCustomer()]);
    const a = anna.tokens.accessToken;
    const b = boris.tokens.accessToken;
    await keep(a, balzac);
    expect((await list(b)).body).toEqual({ items: [] });
    await keep(b, balzac);
    await keep(b, wharton);
    await drop(b, balzac);
    expect((await list(a)).body.items.map((i) => i.productId)).toEqual([balzac]);
    expect((await list(b)).body.items.map((i) => i.productId)).toEqual([wharton]);
  });

  it('are for signed-in customers only', async () => {
    expect((await call('GET', '/v1/me/favorites')).status).toBe(401);
    expect((await call('PUT', `/v1/me/favorites/${balzac}`)).status).toBe(401);
    expect((await call('DELETE', `/v1/me/favorites/${balzac}`)).status).toBe(401);
  });
});
