/**
 * Site views (`siteEvents`), their per-network counter (in the `throttles` table under keys of
 * its own, `events#<network>#<minute>`), and the daily figures (`siteStats`).
 */
import { BatchWriteCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { randomInt, randomUUID } from 'node:crypto';
import { dynamodb } from '#commons/clients/dynamodb';
import { once, tableName } from '#commons/config';
import {
  type SiteEventCounter,
  type SiteEventRandom,
  type SiteEventWriter,
  type SiteStatItem,
  type SiteStatsPorts,
  type StoredView,
  siteEventRules,
} from '#domain/analytics/site-events';

const eventsTable = once(() => tableName('siteEvents'));
const statsTable = once(() => tableName('siteStats'));
const throttlesTable = once(() => tableName('throttles'));

export const siteEventRandom: SiteEventRandom = {
  shard: () => randomInt(siteEventRules.shards),
  id: () => randomUUID(),
};

export const siteEventCounter: SiteEventCounter = {
  async count(network, minuteStartSeconds, expiresAt) {
    const result = await dynamodb.send(
      new UpdateCommand({
        TableName: throttlesTable(),
        Key: { throttleKey: `events#${network}#${minuteStartSeconds}` },
        UpdateExpression: 'ADD #hits :one SET expiresAt = :expires',
        ExpressionAttributeNames: { '#hits': 'hits' },
        ExpressionAttributeValues: { ':one': 1, ':expires': expiresAt },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(result.Attributes?.['hits'] ?? 1);
  },
};

export const siteEventWriter: SiteEventWriter = {
  async put(event) {
    await dynamodb.send(new PutCommand({ TableName: eventsTable(), Item: { ...event } }));
  },
};

export class UnprocessedStatsError extends Error {
  override readonly name = 'UnprocessedStatsError';
}

const maxRounds = 8;

export const siteStatsJobPorts: SiteStatsPorts = {
  async *viewsIn(bucket) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await dynamodb.send(
        new QueryCommand({
          TableName: eventsTable(),
          KeyConditionExpression: '#bucket = :bucket',
          ExpressionAttributeValues: { ':bucket': bucket },
          ExpressionAttributeNames: { '#bucket': 'bucket', '#path': 'path' },
          ProjectionExpression: '#path, referrerOrigin',
          ExclusiveStartKey: start,
        }),
      );
      yield (page.Items ?? []).map((item): StoredView => ({ path: String(item['path']), referrerOrigin: typeof item['referrerOrigin'] === 'string' ? item['referrerOrigin'] : null }));
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
  },

  async writeStats(items) {
    for (let i = 0; i < items.length; i += 25) {
      let pending: unknown[] = items.slice(i, i + 25).map((item) => ({ PutRequest: { Item: { ...item } } }));
      for (let round = 0; pending.length > 0; round += 1) {
        if (round >= maxRounds) throw new UnprocessedStatsError('site stats writes left unprocessed');
        if (round > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 50 * 2 ** round) * (0.5 + Math.random() / 2)));
        const result = await dynamodb.send(new BatchWriteCommand({ RequestItems: { [statsTable()]: pending as never } }));
        pending = result.UnprocessedItems?.[statsTable()] ?? [];
      }
    }
  },
};

/** The stat items of a day, every page of its partition. */
export const siteStatsOfDay = async (day: string): Promise<Pick<SiteStatItem, 'statKey' | 'views'>[]> => {
  const items: Pick<SiteStatItem, 'statKey' | 'views'>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamodb.send(
      new QueryCommand({
        TableName: statsTable(),
        KeyConditionExpression: '#day = :day',
        ExpressionAttributeNames: { '#day': 'day', '#views': 'views' },
        ExpressionAttributeValues: { ':day': day },
        ProjectionExpression: 'statKey, #views',
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) items.push({ statKey: String(item['statKey']), views: Number(item['views'] ?? 0) });
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return items;
};
