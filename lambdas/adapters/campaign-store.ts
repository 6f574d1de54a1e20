/**
 * Campaigns, the audiences they are read from, and the fan-out queue.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from '#commons/clients/dynamodb';
import { sqs } from '#commons/clients/sqs';
import { once, queueUrl, tableName } from '#commons/config';
import type { AudienceReader, Campaign, CampaignStore, FanOutTask } from '#domain/messaging/campaigns';
import { type AudienceMembership, audienceKey, audienceShards } from '#domain/messaging/permissions';

const campaigns = once(() => tableName('campaigns'));
const audiences = once(() => tableName('audiences'));
const fanOutQueue = once(() => queueUrl('campaignFanout'));

export const campaignStore: CampaignStore = {
  async get(campaignId) {
    const { Item } = await dynamodb.send(new GetCommand({ TableName: campaigns(), Key: { campaignId }, ConsistentRead: true }));
    return Item as Campaign | undefined;
  },

  async create(campaign) {
    try {
      await dynamodb.send(new PutCommand({ TableName: campaigns(), Item: campaign, ConditionExpression: 'attribute_not_exists(campaignId)' }));
      return true;
    } catch (error: unknown) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  },

  async markQueued(campaignId) {
    await dynamodb.send(
      new UpdateCommand({
        TableName: campaigns(),
        Key: { campaignId },
        UpdateExpression: 'SET #status = :queued',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':queued': 'QUEUED' },
      }),
    );
  },
};

/** Counts one audience partition: DynamoDB returns the count, not the items. */
const countPartition = async (key: string): Promise<number> => {
  let total = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const result = await dynamodb.send(
      new QueryCommand({
        TableName: audiences(),
        KeyConditionExpression: 'audienceKey = :k',
        ExpressionAttributeValues: { ':k': key },
        Select: 'COUNT',
        ExclusiveStartKey: start,
      }),
    );
    total += result.Count ?? 0;
    start = result.LastEvaluatedKey;
  } while (start !== undefined);
  return total;
};

const shards = Array.from({ length: audienceShards }, (_, shard) => shard);
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

const pageKey = (key: string, cursor: string | undefined): Record<string, unknown> | undefined => {
  if (cursor === undefined) return undefined;
  // Cursors are made by this worker and travel only through its own queue.
  return { audienceKey: key, customerId: Buffer.from(cursor, 'base64url').toString('utf8') };
};

export const audienceReader: AudienceReader = {
  async count(channel, category) {
    const [eligible, suppressed] = await Promise.all([
      Promise.all(shards.map((shard) => countPartition(audienceKey(channel, category, 'eligible', shard)))),
      Promise.all(shards.map((shard) => countPartition(audienceKey(channel, category, 'suppressed', shard)))),
    ]);
    return { eligible: sum(eligible), suppressed: sum(suppressed) };
  },

  async eligiblePage(channel, category, shard, cursor, limit) {
    const key = audienceKey(channel, category, 'eligible', shard);
    const result = await dynamodb.send(
      new QueryCommand({
        TableName: audiences(),
        KeyConditionExpression: 'audienceKey = :k',
        ExpressionAttributeValues: { ':k': key },
        Limit: limit,
        ExclusiveStartKey: pageKey(key, cursor),
      }),
    );
    const last = result.LastEvaluatedKey?.['customerId'];
    return {
      members: (result.Items ?? []) as AudienceMembership[],
      cursor: typeof last === 'string' ? Buffer.from(last, 'utf8').toString('base64url') : undefined,
    };
  },
};

export const fanOutQueueAdapter = {
  async enqueue(tasks: readonly FanOutTask[]): Promise<void> {
    for (let i = 0; i < tasks.length; i += 10) {
      const batch = tasks.slice(i, i + 10);
      const result = await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: fanOutQueue(),
          Entries: batch.map((task, n) => ({ Id: String(n), MessageBody: JSON.stringify(task) })),
        }),
      );
      if ((result.Failed ?? []).length > 0) throw new Error(`${result.Failed?.length} fan-out tasks were not queued`);
    }
  },
};
