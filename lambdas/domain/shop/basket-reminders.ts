/**
 * The basket reminder (policy 1.3.2): a basket left unchanged past the reminder delay gets one
 * BasketReminderDue event, written in the same transaction that clears the reminder, and only if
 * the reminder is still the one that was found due. A basket changed meanwhile (its reminder
 * rescheduled) or a second run at the same time therefore emits nothing; an emptied basket's
 * reminder is cleared without an event, and so is the reminder of a customer the processing gate
 * refuses 'service_reminders' (a blocked customer: lambdas/domain/privacy/processing-gate.ts) —
 * a basket reminder is not a message the law requires.
 */
import { ConflictError } from '../errors';
import type { CustomerStore } from '../accounts/customers';
import { type DomainEvent, domainEvent } from '../events/domain-events';
import { mayProcess } from '../privacy/processing-gate';
import type { BasketLine } from './basket';

export interface DueReminder {
  readonly customerId: string;
  /** The due time as found: the reminder is acted on only while it still holds this value. */
  readonly reminderDueAt: string;
}

/** The port the job needs; lambdas/adapters/basket-store.ts implements it on DynamoDB. */
export interface ReminderStore {
  /** Reminders due at or before `now`, page by page. */
  due(now: string): AsyncIterable<readonly DueReminder[]>;
  lines(customerId: string): Promise<BasketLine[]>;
  /** Clears the reminder and records the event, all or nothing; false when the reminder is no longer `seen`. */
  remind(customerId: string, seen: string, event: DomainEvent): Promise<boolean>;
  /** Clears the reminder without an event; false when it is no longer `seen`. */
  cancel(customerId: string, seen: string): Promise<boolean>;
}

export interface ReminderPorts {
  readonly reminders: ReminderStore;
  /** Whether the processing gate lets the customer be reminded. */
  readonly customers: Pick<CustomerStore, 'get'>;
  readonly ids: () => string;
}

export interface ReminderRun {
  /** Reminders found due. */
  readonly due: number;
  /** Events emitted. */
  readonly reminded: number;
  /** Due but not reminded: the basket was empty, changed (or reminded) meanwhile, or the customer may not be reminded. */
  readonly skipped: number;
}

/** What the reminder says: which books, and how many copies in all; never names or prices. */
export const reminderPayload = (lines: readonly BasketLine[]) => ({
  productIds: [...new Set(lines.map((line) => line.productId))].sort(),
  itemCount: lines.reduce((sum, line) => sum + line.quantity, 0),
});

/** How many reminders are worked on at once. */
const concurrency = 10;

export const sendBasketReminders = async (ports: ReminderPorts, now: Date): Promise<ReminderRun> => {
  let due = 0;
  let reminded = 0;
  const handle = async ({ customerId, reminderDueAt }: DueReminder): Promise<boolean> => {
    const lines = await ports.reminders.lines(customerId);
    if (lines.length === 0) {
      await ports.reminders.cancel(customerId, reminderDueAt);
      return false;
    }
    const customer = await ports.customers.get(customerId);
    if (customer === undefined || !mayProcess(customer, 'service_reminders')) {
      await ports.reminders.cancel(customerId, reminderDueAt);
      return false;
    }
    const event = domainEvent(ports.ids, now, 'BasketReminderDue', reminderPayload(lines), customerId);
    try {
      return await ports.reminders.remind(customerId, reminderDueAt, event);
    } catch (error: unknown) {
      // Contended by changes of the same basket: the reminder stands (or was rescheduled) for the next run.
      if (error instanceof ConflictError) return false;
      throw error;
    }
  };
  for await (const page of ports.reminders.due(now.toISOString())) {
    due += page.length;
    for (let i = 0; i < page.length; i += concurrency) {
      const results = await Promise.all(page.slice(i, i + concurrency).map(handle));
      reminded += results.filter(Boolean).length;
    }
  }
  return { due, reminded, skipped: due - reminded };
};
