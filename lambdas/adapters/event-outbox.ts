/**
 * The `events` table as a transactional outbox: adapters add `eventPut(event)` to the same
 * TransactWriteItems as the change the event reports.
 */
import { once, tableName } from '#commons/config';
import { type DomainEvent, eventRetentionDays } from '#domain/events/domain-events';

const table = once(() => tableName('events'));

export const eventPut = (event: DomainEvent) => ({
  Put: {
    TableName: table(),
    Item: { ...event, expiresAt: Math.floor(new Date(event.occurredAt).getTime() / 1000) + eventRetentionDays * 86_400 },
    ConditionExpression: 'attribute_not_exists(eventId)',
  },
});
