/**
 * Service messages from domain events (policy 1.3.2): the consumer of the events table's stream
 * (lambdas/functions/dispatch-service-messages.ts) turns each new event into the messages it
 * calls for and puts them on the outbound queue; the deliverer sends them.
 *
 * Who gets what:
 *
 *   event                  channels                              asks
 *   OrderPlaced            email, SMS (with a phone), push       nothing: the law requires it
 *   OrderStatusChanged     email, SMS (with a phone), push       nothing: the law requires it
 *   BasketReminderDue      email, push                           mayProcess 'service_reminders'
 *   ProductPriceChanged    email, push to each keeper            mayProcess 'service_reminders', and only a drop
 *   LoyaltyTierAssigned    email, SMS (with a phone), push       mayProcess 'loyalty'
 *
 * Only ACTIVE customers get any (a pending, closed or destroyed record gets none). A blocked
 * customer still gets the order messages (lambdas/domain/privacy/processing-gate.ts). Subscriptions
 * do not apply: service messages cannot be refused. Push goes to every device the customer
 * registered. Every message is in the customer's language and has category 'service'.
 *
 * Idempotent ids: `<eventId>.<channel>` and `<eventId>.push.<deviceId>`; a price drop's are
 * `<eventId>.<customerId>.<channel>` and `<eventId>.<customerId>.push.<deviceId>`. A stream
 * record delivered again makes the same ids, and the deliverer's ledger sends each id once.
 */
import type { Customer } from '../accounts/customers';
import type { DomainEvent } from '../events/domain-events';
import { type ProcessingUse, mayProcess } from '../privacy/processing-gate';
import type { Device } from './devices';
import type { OutboundMessage } from './outbound-message';
import { localeOf } from './templates/locale';
import {
  type ServiceContent,
  basketReminder,
  isAnnouncedStatus,
  loyaltyTierAssigned,
  orderPlaced,
  orderStatusChanged,
  priceDrop,
} from './templates/service';

/** The ports the dispatcher needs; lambdas/adapters/service-message-ports.ts implements them. */
export interface ServiceMessagePorts {
  readonly customers: {
    get(customerId: string): Promise<Customer | undefined>;
    /** The records of the given ids that exist (≤ 100 ids; any order). */
    getMany(customerIds: readonly string[]): Promise<readonly Customer[]>;
  };
  readonly devices: { list(customerId: string): Promise<readonly Device[]> };
  /** The ids of the customers who keep the book in favourites, page by page (≤ 100 per page). */
  readonly keepers: (productId: string) => AsyncIterable<readonly string[]>;
  readonly catalogue: { title(productId: string): Promise<string | undefined> };
  readonly messages: { enqueueAll(messages: readonly OutboundMessage[]): Promise<void> };
}

export interface DispatchOutcome {
  /** Messages put on the queue. */
  readonly messages: number;
  /** Why nothing went, when nothing did (for the log: a reason, never data). */
  readonly skipped?: string;
}

/** Customers whose record is a tombstone or otherwise unknown in shape read as not active. */
const active = (customer: Customer | undefined): customer is Customer => (customer as { status?: string } | undefined)?.status === 'ACTIVE';

/** The messages of one customer for one piece of content. */
export const messagesFor = (
  idPrefix: string,
  customer: Customer,
  content: ServiceContent,
  devices: readonly Device[],
  withSms: boolean,
): OutboundMessage[] => {
  const base = { customerId: customer.customerId, category: 'service' as const };
  const messages: OutboundMessage[] = [
    { ...base, messageId: `${idPrefix}.email`, channel: 'email', to: customer.email, ...content.email },
  ];
  if (withSms && content.sms !== undefined && customer.phone !== null && customer.phone !== undefined && customer.phone !== '') {
    messages.push({ ...base, messageId: `${idPrefix}.sms`, channel: 'sms', to: customer.phone, text: content.sms });
  }
  for (const device of devices) {
    messages.push({
      ...base,
      messageId: `${idPrefix}.push.${device.deviceId}`,
      channel: 'push',
      to: device.endpointArn,
      subject: content.push.title,
      text: content.push.body,
    });
  }
  return messages;
};

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** What one customer's event says, or why it says nothing; `gate` is the use the gate must allow. */
type CustomerPlan = { content: ServiceContent; sms: boolean; gate?: ProcessingUse } | { skipped: string };

const planFor = (event: DomainEvent, customer: Customer): CustomerPlan => {
  const locale = localeOf(customer);
  const p = event.payload;
  switch (event.type) {
    case 'OrderPlaced': {
      const orderId = str(p['orderId']);
      const itemCount = num(p['itemCount']);
      const totalMinor = num(p['totalMinor']);
      if (orderId === undefined || itemCount === undefined || totalMinor === undefined) return { skipped: 'malformed payload' };
      return { content: orderPlaced(locale, { orderId, itemCount, totalMinor }), sms: true };
    }
    case 'OrderStatusChanged': {
      const orderId = str(p['orderId']);
      const to = p['to'];
      if (orderId === undefined) return { skipped: 'malformed payload' };
      if (!isAnnouncedStatus(to)) return { skipped: 'status not announced' };
      return { content: orderStatusChanged(locale, { orderId, to }), sms: true };
    }
    case 'BasketReminderDue': {
      const itemCount = num(p['itemCount']);
      if (itemCount === undefined) return { skipped: 'malformed payload' };
      return { content: basketReminder(locale, { itemCount }), sms: false, gate: 'service_reminders' };
    }
    case 'LoyaltyTierAssigned': {
      const tier = str(p['tier']);
      if (tier === undefined) return { skipped: 'malformed payload' };
      return { content: loyaltyTierAssigned(locale, { tier }), sms: true, gate: 'loyalty' };
    }
    case 'ProductPriceChanged':
      return { skipped: 'not a customer event' };
  }
};

const dispatchToCustomer = async (ports: ServiceMessagePorts, event: DomainEvent): Promise<DispatchOutcome> => {
  if (event.customerId === undefined) return { messages: 0, skipped: 'no customer' };
  const customer = await ports.customers.get(event.customerId);
  if (!active(customer)) return { messages: 0, skipped: 'customer not active' };
  const plan = planFor(event, customer);
  if ('skipped' in plan) return { messages: 0, skipped: plan.skipped };
  if (plan.gate !== undefined && !mayProcess(customer, plan.gate)) return { messages: 0, skipped: 'refused by the processing gate' };
  const devices = await ports.devices.list(customer.customerId);
  const messages = messagesFor(event.eventId, customer, plan.content, devices, plan.sms);
  await ports.messages.enqueueAll(messages);
  return { messages: messages.length };
};

/** How many keepers' messages are built at once (device look-ups in parallel). */
const concurrency = 10;

const dispatchPriceDrop = async (ports: ServiceMessagePorts, event: DomainEvent): Promise<DispatchOutcome> => {
  const p = event.payload;
  const productId = str(p['productId']);
  const oldPriceMinor = num(p['oldPriceMinor']);
  const newPriceMinor = num(p['newPriceMinor']);
  if (productId === undefined || oldPriceMinor === undefined || newPriceMinor === undefined) return { messages: 0, skipped: 'malformed payload' };
  if (!(newPriceMinor < oldPriceMinor)) return { messages: 0, skipped: 'not a drop' };
  const title = await ports.catalogue.title(productId);
  if (title === undefined) return { messages: 0, skipped: 'no such book' };
  let sent = 0;
  for await (const page of ports.keepers(productId)) {
    if (page.length === 0) continue;
    const customers = (await ports.customers.getMany(page)).filter(active).filter((c) => mayProcess(c, 'service_reminders'));
    for (let i = 0; i < customers.length; i += concurrency) {
      const batch = await Promise.all(
        customers.slice(i, i + concurrency).map(async (customer) => {
          const devices = await ports.devices.list(customer.customerId);
          const content = priceDrop(localeOf(customer), { title, oldPriceMinor, newPriceMinor });
          return messagesFor(`${event.eventId}.${customer.customerId}`, customer, content, devices, false);
        }),
      );
      const messages = batch.flat();
      await ports.messages.enqueueAll(messages);
      sent += messages.length;
    }
  }
  return sent === 0 ? { messages: 0, skipped: 'nobody to tell' } : { messages: sent };
};

/** The messages one domain event calls for, put on the queue. Safe to run again for the same event. */
export const dispatchServiceMessages = async (ports: ServiceMessagePorts, event: DomainEvent): Promise<DispatchOutcome> => {
  if (!knownTypes.has(event.type)) return { messages: 0, skipped: 'not a service-message event' };
  return event.type === 'ProductPriceChanged' ? dispatchPriceDrop(ports, event) : dispatchToCustomer(ports, event);
};

const knownTypes: ReadonlySet<string> = new Set(['OrderPlaced', 'OrderStatusChanged', 'BasketReminderDue', 'ProductPriceChanged', 'LoyaltyTierAssigned']);
