/**
 * Consumer of the customers stream (old and new images): keeps the campaign audiences current
 * and writes the contractors' change log. Records are handled in order; the first that fails is
 * reported with everything after it, so the stream retries from there and a customer's changes
 * never pass each other.
 */
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { audienceWriter } from '#adapters/audience-store';
import { changeLogWriter } from '#adapters/change-log';
import { logger } from '#commons/powertools';
import { type CustomerImage, trackCustomerChange } from '#domain/messaging/subscription-tracking';

const ports = { audiences: audienceWriter, changeLog: changeLogWriter, clock: () => new Date() };

const imageOf = (image: Record<string, unknown> | undefined): CustomerImage | undefined =>
  image === undefined ? undefined : (unmarshall(image as Record<string, AttributeValue>) as CustomerImage);

export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  for (const record of event.Records) {
    const before = imageOf(record.dynamodb?.OldImage);
    const after = imageOf(record.dynamodb?.NewImage);
    const customerId = after?.customerId ?? before?.customerId;
    try {
      const outcome = await trackCustomerChange(ports, { eventId: record.eventID ?? record.dynamodb?.SequenceNumber ?? '', before, after });
      if (outcome.change !== 'none' || outcome.audiencePuts + outcome.audienceDeletes > 0) logger.info('subscription change tracked', { customerId, ...outcome });
    } catch (error: unknown) {
      logger.error('subscription change failed', { customerId, error: error instanceof Error ? error.name : 'unknown' });
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
};
