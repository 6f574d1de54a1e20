/**
 * Puts messages on the outbound-messages queue; the deliverer sends them (at most once per id).
 */
import { SendMessageBatchCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { sqs } from '#commons/clients/sqs';
import { once, queueUrl } from '#commons/config';
import type { OutboundMessage } from '#domain/messaging/outbound-message';

const url = once(() => queueUrl('outboundMessages'));

export const outboundQueue = {
  async enqueue(message: OutboundMessage): Promise<void> {
    await sqs.send(new SendMessageCommand({ QueueUrl: url(), MessageBody: JSON.stringify(message) }));
  },
};

export type MessageQueue = typeof outboundQueue;

/** Queues many messages, ten per SendMessageBatch call; throws if any entry was refused (the caller retries: ids dedup). */
export const enqueueAll = async (messages: readonly OutboundMessage[]): Promise<void> => {
  for (let i = 0; i < messages.length; i += 10) {
    const batch = messages.slice(i, i + 10);
    const result = await sqs.send(
      new SendMessageBatchCommand({ QueueUrl: url(), Entries: batch.map((message, n) => ({ Id: String(n), MessageBody: JSON.stringify(message) })) }),
    );
    if ((result.Failed ?? []).length > 0) throw new Error(`${result.Failed?.length} outbound messages were not queued`);
  }
};
