/**
 * Consumer of the outbound-messages queue. A message that fails is reported alone
 * (`batchItemFailures`), so SQS retries it after the visibility timeout and moves it to the
 * dead-letter queue after maxReceiveCount, without resending the batch's other messages.
 */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { messageLedger } from '#adapters/message-ledger';
import { messageSenders } from '#adapters/message-senders';
import { logger } from '#commons/powertools';
import { deliver } from '#domain/messaging/delivery';
import { outboundMessageSchema } from '#domain/messaging/outbound-message';

const ports = { ledger: messageLedger, senders: messageSenders, clock: () => new Date() };

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
        logger.warn('message delivery failed', {
          messageId: message.data.messageId,
          channel: message.data.channel,
          error: error instanceof Error ? error.name : 'unknown',
          receiveCount: record.attributes.ApproximateReceiveCount,
        });
        failures.push({ itemIdentifier: record.messageId });
      }
    }),
  );
  return { batchItemFailures: failures };
};
