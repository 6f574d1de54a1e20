/**
 * Puts messages on the outbound-messages queue; the deliverer sends them (at most once per id).
 */
import { SendMessageCommand } from '@aws-sdk/client-sqs';
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
