/**
 * Stream consumer of new privacy requests: completes each access request with its export.
 * A record that fails is reported alone, so the stream retries it in order.
 */
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { accessExportStore } from '#adapters/access-export-store';
import { readCustomerItems } from '#adapters/customer-items';
import { privacyPorts } from '#adapters/privacy-ports';
import { logger } from '#commons/powertools';
import { completeAccessRequest } from '#domain/privacy/access-requests';
import type { PrivacyRequest } from '#domain/privacy/requests';

const ports = { ...privacyPorts, exports: accessExportStore, read: readCustomerItems };

export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  for (const record of event.Records) {
    if (record.eventName !== 'INSERT' || record.dynamodb?.NewImage === undefined) continue;
    const request = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>) as PrivacyRequest;
    try {
      const outcome = await completeAccessRequest(ports, request);
      if (outcome === 'completed') logger.info('access request completed', { requestId: request.requestId });
    } catch (error: unknown) {
      logger.error('access request failed', { requestId: request.requestId, error: error instanceof Error ? error.name : 'unknown' });
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
};
