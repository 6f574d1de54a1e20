/**
 * Stream consumer of the events table: each new domain event becomes its service messages on the
 * outbound queue (lambdas/domain/messaging/service-messages.ts). Message ids derive from the event,
 * so a record delivered again sends nothing twice. A record that fails is reported alone (partial
 * batch failure), so the stream retries from it and the records before it are not redone; the
 * logs carry ids and counts only.
 */
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { serviceMessagePorts } from '#adapters/service-message-ports';
import { logger } from '#commons/powertools';
import type { DomainEvent } from '#domain/events/domain-events';
import { dispatchServiceMessages } from '#domain/messaging/service-messages';

export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  for (const record of event.Records) {
    if (record.eventName !== 'INSERT' || record.dynamodb?.NewImage === undefined) continue;
    const domainEvent = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>) as DomainEvent;
    try {
      const outcome = await dispatchServiceMessages(serviceMessagePorts, domainEvent);
      logger.info('service messages dispatched', { eventId: domainEvent.eventId, type: domainEvent.type, messages: outcome.messages, skipped: outcome.skipped });
    } catch (error: unknown) {
      logger.error('service messages failed', { eventId: domainEvent.eventId, type: domainEvent.type, error: error instanceof Error ? error.name : 'unknown' });
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
};
