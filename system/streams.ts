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
      },
      queues: { outboundMessages: 'send' },
      timeoutSeconds: 60,
      memoryMiB: 512,
    },
    batchSize: 5,
    retryAttempts: 5,
  },
];
