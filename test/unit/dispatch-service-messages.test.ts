/**
 * The stream consumer's failure path: a record whose messages cannot be queued is reported alone
 * (a partial batch failure), the records before it count as done, and only INSERTs are read.
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import type { OutboundMessage } from '../../lambdas/domain/messaging/outbound-message';

const queued: OutboundMessage[] = [];

vi.mock('../../lambdas/adapters/service-message-ports', () => ({
  serviceMessagePorts: {
    customers: {
      get: async (customerId: string) => ({ customerId, email: `${customerId}@example.com`, status: 'ACTIVE', consents: {}, locale: 'en' }),
      getMany: async () => [],
    },
    devices: { list: async () => [] },
    keepers: async function* () {},
    catalogue: { title: async () => undefined },
    messages: {
      enqueueAll: async (messages: OutboundMessage[]) => {
        if (messages.some((m) => m.customerId === 'broken')) throw new Error('queue refused');
        queued.push(...messages);
      },
    },
  },
}));

const { handler } = await import('../../lambdas/functions/dispatch-service-messages');

const record = (sequence: string, customerId: string, eventName: DynamoDBRecord['eventName'] = 'INSERT'): DynamoDBRecord => ({
  eventName,
  dynamodb: {
    SequenceNumber: sequence,
    NewImage: marshall({
      eventId: `ev-${sequence}`,
      type: 'OrderStatusChanged',
      customerId,
      occurredAt: '2026-02-01T10:00:00.000Z',
      payload: { orderId: `order-${sequence}`, from: 'PLACED', to: 'CONFIRMED' },
    }) as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'],
  },
});

describe('dispatch-service-messages', () => {
  it('reports the failing record alone and keeps the ones before it', async () => {
    const event: DynamoDBStreamEvent = { Records: [record('1', 'c1'), record('2', 'c2', 'MODIFY'), record('3', 'broken'), record('4', 'c4')] };
    expect(await handler(event)).toEqual({ batchItemFailures: [{ itemIdentifier: '3' }] });
    expect(queued.map((m) => m.messageId)).toEqual(['ev-1.email']);
  });

  it('answers no failure when every record is done', async () => {
    queued.length = 0;
    expect(await handler({ Records: [record('5', 'c5'), record('6', 'c6')] })).toEqual({ batchItemFailures: [] });
    expect(queued.map((m) => m.messageId)).toEqual(['ev-5.email', 'ev-6.email']);
  });
});
