/**
 * Consumer of the outbound-messages queue. A message that fails is reported alone
 * (`batchItemFailures`), so SQS retries it without resending the batch's other messages; its
 * visibility is set first, doubling with each receive (backoff), and after maxReceiveCount it
 * moves to the dead-letter queue, which is alarmed.
 */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { delayRetry, mayStillReceive, pace, retryBaseSeconds } from '#adapters/delivery-ports';
import { messageLedger } from '#adapters/message-ledger';
import { messageSenders } from '#adapters/message-senders';
import { logger } from '#commons/powertools';
import { deliver, retryDelaySeconds } from '#domain/messaging/delivery';
import { outboundMessageSchema } from '#domain/messaging/outbound-message';

const ports = { ledger: messageLedger, senders: messageSenders, clock: () => new Date(), mayStillReceive, pace };

export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  await Promise.all(
    event.Records.map(async (record) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(record.body);
      } catch {
        parsed = undefined;
      }
      const message = outboundMessageSchema.safeParse(parsed);
      if (!message.success) {
        // A malformed message will never succeed: log its id and drop it rather than loop.
        logger.error('malformed outbound message dropped', { sqsMessageId: record.messageId });
        return;
      }
      try {
        const outcome = await deliver(message.data, ports);
        logger.info('message delivered', { messageId: message.data.messageId, channel: message.data.channel, outcome });
      } catch (error: unknown) {
        const receiveCount = Number(record.attributes.ApproximateReceiveCount);
        const delay = retryDelaySeconds(Number.isFinite(receiveCount) ? receiveCount : 1, retryBaseSeconds);
        logger.warn('message delivery failed', {
          messageId: message.data.messageId,
          channel: message.data.channel,
          error: error instanceof Error ? error.name : 'unknown',
          receiveCount: record.attributes.ApproximateReceiveCount,
          retryInSeconds: delay,
        });
        await delayRetry(record.receiptHandle, delay).catch(() => undefined);
        failures.push({ itemIdentifier: record.messageId });
      }
    }),
  );
  return { batchItemFailures: failures };
};
