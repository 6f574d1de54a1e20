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

/** Named first, so a queue's consumer may itself need queues (campaign fan-out queues its next page). */
export type QueueName = 'outboundMessages' | 'campaignFanout';

export const queues: Readonly<Record<QueueName, QueueDefinition>> = {
  outboundMessages: {
    description: 'Emails, SMS and pushes waiting to be sent, one message per record.',
    consumer: 'deliver-message',
    // customers: an advertising or informational message is checked again at the moment of sending.
    consumerNeeds: { tables: { messages: 'readWrite', customers: 'read' }, queues: { outboundMessages: 'consume' }, email: true, sms: true },
    batchSize: 10,
    // With the backoff of lambdas/domain/messaging/backoff.ts, 8 receives span about 40 minutes of provider outage.
    maxReceiveCount: 8,
    visibilityTimeoutSeconds: 60,
    maxConcurrency: 2,
  },
  campaignFanout: {
    description: 'One page of a campaign audience shard per message: turned into outbound messages, then the next page is queued.',
    consumer: 'fan-out-campaign',
    consumerNeeds: {
      tables: { campaigns: 'read', audiences: 'read', devices: 'read' },
      queues: { outboundMessages: 'send', campaignFanout: 'send' },
      secrets: ['unsubscribeSigning'],
      timeoutSeconds: 60,
    },
    batchSize: 1,
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 120,
    maxConcurrency: 2,
  },
};

// Pure: a function that only needs `queueEnv` leaves the definitions out.
export const queueNames = /* @__PURE__ */ Object.keys(queues) as QueueName[];

export const queueEnv = (queue: QueueName): string =>
  `QUEUE_${queue.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}_URL`;
