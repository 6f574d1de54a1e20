/**
 * Every DynamoDB stream consumer. The CDK app connects each to its table's stream with retries,
 * batch bisection, partial batch failures and a dead-letter queue with an alarm
 * (lib/folio-stack.ts); the local stack polls DynamoDB Local's stream of the same table and
 * delivers the records to the same handler in the shape Lambda receives (local/streams.ts).
 */
import type { FunctionRequirements } from './functions';
import type { TableName } from './tables';

export interface StreamConsumerDefinition {
  readonly name: string;
  readonly description: string;
  /** The table whose stream is read; its definition must have `stream`. */
  readonly table: TableName;
  /** The handler in lambdas/functions. */
  readonly consumer: string;
  readonly needs: FunctionRequirements;
  readonly batchSize: number;
  /** Retries of a failing batch before its records go to the dead-letter queue. */
  readonly retryAttempts: number;
}

export const streamConsumers: readonly StreamConsumerDefinition[] = [
  {
    name: 'accessRequests',
    description: 'Completes each new access request on its own with the export of everything held about the customer.',
    table: 'privacyRequests',
    consumer: 'complete-access-requests',
    needs: {
      tables: {
        privacyRequests: 'readWrite',
        accessExports: 'write',
        customers: 'read',
        consentReceipts: 'read',
        audit: 'readWrite',
        sessions: 'read',
        watchList: 'read',
        baskets: 'read',
        favorites: 'read',
        orders: 'read',
        events: 'read',
        messages: 'read',
        devices: 'read',
        audiences: 'read',
        subscriptionChanges: 'read',
        recommendations: 'read',
        disclosures: 'read',
      },
      queues: { outboundMessages: 'send' },
      timeoutSeconds: 60,
      memoryMiB: 512,
    },
    batchSize: 5,
    retryAttempts: 5,
  },
  {
    name: 'subscriptionChanges',
    description:
      "Compares each customer record's old and new image: keeps the campaign audiences current and records changes of advertising permissions in the contractors' change log.",
    table: 'customers',
    consumer: 'track-subscription-changes',
    needs: { tables: { customers: 'read', audiences: 'readWrite', subscriptionChanges: 'write' }, timeoutSeconds: 60 },
    batchSize: 50,
    retryAttempts: 10,
  },
  {
    name: 'serviceMessages',
    description:
      'Turns domain events (order status, basket reminder, favourite price drop, loyalty tier) into service messages by email, SMS and push, in the customer\'s language.',
    table: 'events',
    consumer: 'dispatch-service-messages',
    needs: {
      tables: { events: 'read', customers: 'read', devices: 'read', favorites: 'read', catalogue: 'read' },
      queues: { outboundMessages: 'send' },
      timeoutSeconds: 60,
    },
    batchSize: 25,
    retryAttempts: 10,
  },
];
