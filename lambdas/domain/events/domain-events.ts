/**
 * Domain events: what happened that a service message is about (policy 1.3.2: order status,
 * the basket, favourites, loyalty status). Each is written in the same DynamoDB transaction as
 * the change it reports (a transactional outbox, the `events` table), so none is lost and none
 * exists for a change that did not happen. The table's stream carries them on (messaging).
 */

export type DomainEventType =
  | 'OrderPlaced'
  | 'OrderStatusChanged'
  | 'BasketReminderDue'
  | 'ProductPriceChanged'
  | 'LoyaltyTierAssigned';

export interface DomainEvent {
  readonly eventId: string;
  readonly type: DomainEventType;
  /** The customer it concerns; absent for catalogue events (a price change concerns a product). */
  readonly customerId?: string;
  readonly occurredAt: string;
  /** Ids, statuses and amounts: what a message needs, never names or addresses. */
  readonly payload: Readonly<Record<string, unknown>>;
}

/** Events are kept long enough for every consumer to have read them, then expire. */
export const eventRetentionDays = 90;

export const domainEvent = (
  ids: () => string,
  now: Date,
  type: DomainEventType,
  payload: Record<string, unknown>,
  customerId?: string,
): DomainEvent => ({ eventId: ids(), type, occurredAt: now.toISOString(), payload, ...(customerId === undefined ? {} : { customerId }) });
