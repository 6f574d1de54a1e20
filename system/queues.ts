/**
 * Every SQS queue and its consumer. The CDK app creates each queue with a dead-letter
 * queue and an alarm (lib/constructs/messaging.ts); the local stack serves the same queues
 * and delivers their messages to the same consumer handler (local/sqs.ts).
 */
import type { FunctionRequirements } from './functions';

export interface QueueDefinition {
  readonly description: string;
  /** The handler in lambdas/functions that consumes the queue. */
  readonly consumer: string;
  readonly consumerNeeds: FunctionRequirements;
  readonly batchSize: number;
  /** Receives before a message moves to the dead-letter queue. */
  readonly maxReceiveCount: number;
  readonly visibilityTimeoutSeconds: number;
  /** Upper bound on concurrent consumers, so providers' sending rates are respected. */
  readonly maxConcurrency: number;
}

export const queues = {
  outboundMessages: {
    description: 'Emails, SMS and pushes waiting to be sent, one message per record.',
    consumer: 'deliver-message',
    consumerNeeds: { tables: { messages: 'readWrite' }, email: true, sms: true },
    batchSize: 10,
    maxReceiveCount: 8,
    visibilityTimeoutSeconds: 60,
    maxConcurrency: 2,
  },
} as const satisfies Record<string, QueueDefinition>;

export type QueueName = keyof typeof queues;

export const queueNames = Object.keys(queues) as QueueName[];

export const queueEnv = (queue: QueueName): string =>
  `QUEUE_${queue.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}_URL`;
