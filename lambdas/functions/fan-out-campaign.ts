/**
 * Consumer of the campaign fan-out queue: each message is one page of one audience shard of a
 * campaign, turned into outbound messages; the next page is queued as a new message. A failure
 * is retried by SQS and, after maxReceiveCount, goes to the dead-letter queue (alarmed).
 */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from '#system/zod';
import { audienceReader, campaignStore, fanOutQueueAdapter } from '#adapters/campaign-store';
import { deviceStore } from '#adapters/device-store';
import { enqueueAll } from '#adapters/outbound-queue';
import { unsubscribeSigningKey } from '#adapters/unsubscribe-ports';
import { requireEnv } from '#commons/config';
import { logger } from '#commons/powertools';
import { fanOutPage } from '#domain/messaging/campaigns';

const taskSchema = z.strictObject({
  campaignId: z.string().check(z.minLength(1), z.maxLength(64)),
  shard: z.int().check(z.gte(0), z.lte(63)),
  cursor: z.optional(z.string().check(z.maxLength(1024))),
});

const ports = {
  campaigns: campaignStore,
  audiences: audienceReader,
  devices: { endpointsOf: async (customerId: string) => (await deviceStore.list(customerId)).map(({ deviceId, endpointArn }) => ({ deviceId, endpointArn })) },
  messages: { enqueueAll },
  fanOut: fanOutQueueAdapter,
  signingKey: unsubscribeSigningKey,
  apiBaseUrl: requireEnv('API_BASE_URL').replace(/\/+$/, ''),
  clock: () => new Date(),
};

export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(record.body);
    } catch {
      parsed = undefined;
    }
    const task = taskSchema.safeParse(parsed);
    if (!task.success) {
      logger.error('malformed fan-out task dropped', { sqsMessageId: record.messageId });
      continue;
    }
    try {
      const done = await fanOutPage(ports, task.data);
      logger.info('campaign page queued', { campaignId: task.data.campaignId, shard: task.data.shard, messages: done.messages, more: done.next });
    } catch (error: unknown) {
      logger.warn('campaign page failed', { campaignId: task.data.campaignId, shard: task.data.shard, error: error instanceof Error ? error.name : 'unknown' });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
};
