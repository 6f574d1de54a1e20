import { describe, expect, it } from 'vitest';
import type { CatalogueItem } from '../../lambdas/domain/catalogue/catalogue';
import { ConflictError, NotFoundError, RuleViolationError } from '../../lambdas/domain/errors';
import type { DomainEvent } from '../../lambdas/domain/events/domain-events';
import {
  type BasketChange,
  type BasketLine,
  type BasketPorts,
  type BasketStore,
  priceBasket,
  reminderDueAt,
  removeFromBasket,
  setBasketQuantity,
} from '../../lambdas/domain/shop/basket';
import { type DueReminder, type ReminderStore, reminderPayload, sendBasketReminders } from '../../lambdas/domain/shop/basket-reminders';
import type { Customer } from '../../lambdas/domain/accounts/customers';

const line = (productId: string, quantity: number): BasketLine => ({
  customerId: 'c1',
  productId,
  quantity,
  addedAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
});

const book = (productId: string, priceMinor: number): CatalogueItem => ({ productId, title: productId, author: 'A', priceMinor, currency: 'RUB' });

describe('pricing a basket', () => {
  it('prices every line from the catalogue, in product-id order, and totals them', () => {
    const books = new Map([
      ['b', book('b', 1000)],
      ['a', book('a', 250)],
    ]);
    expect(priceBasket([line('b', 3), line('a', 2)], books)).toEqual({
      items: [
        { productId: 'a', quantity: 2, priceMinor: 250 },
        { productId: 'b', quantity: 3, priceMinor: 1000 },
      ],
      totalMinor: 3500,
      currency: 'RUB',
    });
  });

  it('leaves out a line whose book left the catalogue, from the items and the total', () => {
    expect(priceBasket([line('gone', 5), line('kept', 1)], new Map([['kept', book('kept', 100)]]))).toEqual({
      items: [{ productId: 'kept', quantity: 1, priceMinor: 100 }],
      totalMinor: 100,
      currency: 'RUB',
    });
  });

  it('is empty and zero for no lines', () => {
    expect(priceBasket([], new Map())).toEqual({ items: [], totalMinor: 0, currency: 'RUB' });
  });
});

describe('the reminder delay', () => {
  it('is the configured number of hours after the change', () => {
    expect(reminderDueAt(new Date('2030-01-01T10:00:00.000Z'), 24)).toBe('2030-01-02T10:00:00.000Z');
    expect(reminderDueAt(new Date('2030-01-01T10:00:00.000Z'), 0.5)).toBe('2030-01-01T10:30:00.000Z');
  });
});

/** An in-memory basket store that records what the logic asked of it. */
const memoryBaskets = (initial: BasketLine[] = []) => {
  const lines = new Map(initial.map((l) => [l.productId, l]));
  const calls: string[] = [];
  let summary: { changeId?: string; reminderDueAt?: string } = {};
  const store: BasketStore = {
    async lines() {
      return [...lines.values()];
    },
    async setLine(customerId, productId, quantity, change: BasketChange) {
      calls.push(`set ${productId} ${quantity}`);
      const addedAt = lines.get(productId)?.addedAt ?? change.now;
      lines.set(productId, { customerId, productId, quantity, addedAt, updatedAt: change.now });
      summary = { changeId: change.changeId, reminderDueAt: change.reminderDueAt };
    },
    async removeLine(_customerId, productId, change) {
      calls.push(`remove ${productId}`);
      if (!lines.delete(productId)) return false;
      summary = { changeId: change.changeId, reminderDueAt: change.reminderDueAt };
      return true;
    },
    async cancelReminder(_customerId, changeId) {
      calls.push(`cancel ${changeId}`);
      if (summary.changeId === changeId) summary = { changeId };
    },
  };
  return { store, calls, summary: () => summary };
};

const portsWith = (baskets: BasketStore): BasketPorts => {
  let n = 0;
  return {
    baskets,
    catalogue: { get: async (productId) => (productId === 'missing' ? undefined : book(productId, 500)) },
    clock: () => new Date('2030-01-01T10:00:00.000Z'),
    ids: () => `change-${(n += 1)}`,
    reminderDelayHours: () => 24,
  };
};

describe('changing the basket', () => {
  it('sets a quantity, schedules the reminder a delay later and answers the priced basket', async () => {
    const baskets = memoryBaskets();
    const basket = await setBasketQuantity(portsWith(baskets.store), 'c1', 'a', 2);
    expect(basket).toEqual({ items: [{ productId: 'a', quantity: 2, priceMinor: 500 }], totalMinor: 1000, currency: 'RUB' });
    expect(baskets.summary()).toEqual({ changeId: 'change-1', reminderDueAt: '2030-01-02T10:00:00.000Z' });
  });

  it('refuses a book the catalogue does not have, writing nothing', async () => {
    const baskets = memoryBaskets();
    await expect(setBasketQuantity(portsWith(baskets.store), 'c1', 'missing', 1)).rejects.toBeInstanceOf(NotFoundError);
    expect(baskets.calls).toEqual([]);
  });

  it('refuses a quantity outside 1–99 even from a caller that skipped the schema', async () => {
    const baskets = memoryBaskets();
    for (const quantity of [0, 100, 1.5, -1]) {
      await expect(setBasketQuantity(portsWith(baskets.store), 'c1', 'a', quantity)).rejects.toBeInstanceOf(RuleViolationError);
    }
    expect(baskets.calls).toEqual([]);
  });

  it('cancels the reminder when the last line goes, and only then', async () => {
    const baskets = memoryBaskets([line('a', 1), line('b', 1)]);
    const ports = portsWith(baskets.store);
    expect((await removeFromBasket(ports, 'c1', 'a')).items.map((i) => i.productId)).toEqual(['b']);
    expect(baskets.calls).toEqual(['remove a']);
    expect(baskets.summary().reminderDueAt).toBeDefined();
    expect(await removeFromBasket(ports, 'c1', 'b')).toEqual({ items: [], totalMinor: 0, currency: 'RUB' });
    expect(baskets.calls).toEqual(['remove a', 'remove b', 'cancel change-2']);
    expect(baskets.summary().reminderDueAt).toBeUndefined();
  });

  it('changes nothing when the line to remove is not there', async () => {
    const baskets = memoryBaskets();
    expect(await removeFromBasket(portsWith(baskets.store), 'c1', 'a')).toEqual({ items: [], totalMinor: 0, currency: 'RUB' });
    expect(baskets.calls).toEqual(['remove a']);
  });
});

describe('the reminder payload', () => {
  it('names each book once, sorted, and counts the copies', () => {
    expect(reminderPayload([line('b', 2), line('a', 1)])).toEqual({ productIds: ['a', 'b'], itemCount: 3 });
  });
});

/** An in-memory reminder store: summaries with a due time, baskets, and the events written. */
const memoryReminders = (summaries: Record<string, string>, baskets: Record<string, BasketLine[]>, pageSize = 2) => {
  const due = new Map(Object.entries(summaries));
  const events: DomainEvent[] = [];
  /** Called between finding a reminder due and acting on it, to model a concurrent change. */
  let meanwhile: (customerId: string) => void = () => undefined;
  const store: ReminderStore = {
    async *due(now) {
      const found: DueReminder[] = [...due.entries()].filter(([, at]) => at <= now).map(([customerId, reminderDueAt]) => ({ customerId, reminderDueAt }));
      for (let i = 0; i < found.length; i += pageSize) yield found.slice(i, i + pageSize);
    },
    async lines(customerId) {
      const lines = baskets[customerId] ?? [];
      meanwhile(customerId);
      return lines;
    },
    async remind(customerId, seen, event) {
      if (due.get(customerId) !== seen) return false;
      due.delete(customerId);
      events.push(event);
      return true;
    },
    async cancel(customerId, seen) {
      if (due.get(customerId) !== seen) return false;
      due.delete(customerId);
      return true;
    },
  };
  return { store, events, due, setMeanwhile: (fn: (customerId: string) => void) => (meanwhile = fn) };
};

describe('sending basket reminders', () => {
  const now = new Date('2030-01-02T12:00:00.000Z');
  let n = 0;
  const ids = () => `event-${(n += 1)}`;
  const blocked = new Set<string>();
  const customers = {
    get: async (customerId: string) =>
      ({
        customerId,
        ...(blocked.has(customerId) ? { restriction: { blocked: true, stoppedPurposes: [], since: now.toISOString(), requestIds: ['r1'] } } : {}),
      }) as unknown as Customer,
  };

  it('emits one event per due basket, pages through all of them, and leaves the others', async () => {
    const reminders = memoryReminders(
      { c1: '2030-01-02T11:00:00.000Z', c2: '2030-01-02T12:00:00.000Z', c3: '2030-01-01T00:00:00.000Z', later: '2030-01-02T12:00:00.001Z' },
      { c1: [line('x', 2)], c2: [line('y', 1), line('z', 1)], c3: [line('x', 1)], later: [line('x', 1)] },
    );
    expect(await sendBasketReminders({ reminders: reminders.store, customers, ids }, now)).toEqual({ due: 3, reminded: 3, skipped: 0 });
    expect(reminders.events.map((e) => [e.type, e.customerId, e.occurredAt]).sort()).toEqual([
      ['BasketReminderDue', 'c1', now.toISOString()],
      ['BasketReminderDue', 'c2', now.toISOString()],
      ['BasketReminderDue', 'c3', now.toISOString()],
    ]);
    expect(reminders.events.find((e) => e.customerId === 'c2')?.payload).toEqual({ productIds: ['y', 'z'], itemCount: 2 });
    expect([...reminders.due.keys()]).toEqual(['later']);
  });

  it('emits nothing on a second run at the same time', async () => {
    const reminders = memoryReminders({ c1: '2030-01-02T11:00:00.000Z' }, { c1: [line('x', 1)] });
    await sendBasketReminders({ reminders: reminders.store, customers, ids }, now);
    expect(await sendBasketReminders({ reminders: reminders.store, customers, ids }, now)).toEqual({ due: 0, reminded: 0, skipped: 0 });
    expect(reminders.events).toHaveLength(1);
  });

  it('clears the reminder of an emptied basket without an event', async () => {
    const reminders = memoryReminders({ c1: '2030-01-02T11:00:00.000Z' }, {});
    expect(await sendBasketReminders({ reminders: reminders.store, customers, ids }, now)).toEqual({ due: 1, reminded: 0, skipped: 1 });
    expect(reminders.events).toEqual([]);
    expect(reminders.due.size).toBe(0);
  });

  it('skips a basket changed while the job ran: its rescheduled reminder stands', async () => {
    const reminders = memoryReminders({ c1: '2030-01-02T11:00:00.000Z' }, { c1: [line('x', 1)] });
    reminders.setMeanwhile((customerId) => reminders.due.set(customerId, '2030-01-03T12:00:00.000Z'));
    expect(await sendBasketReminders({ reminders: reminders.store, customers, ids }, now)).toEqual({ due: 1, reminded: 0, skipped: 1 });
    expect(reminders.events).toEqual([]);
    expect(reminders.due.get('c1')).toBe('2030-01-03T12:00:00.000Z');
  });

  it('leaves a contended reminder for the next run and goes on with the others', async () => {
    const reminders = memoryReminders({ c1: '2030-01-02T11:00:00.000Z', c2: '2030-01-02T11:00:00.000Z' }, { c1: [line('x', 1)], c2: [line('y', 1)] });
    const remind = reminders.store.remind.bind(reminders.store);
    reminders.store.remind = async (customerId, seen, event) => {
      if (customerId === 'c1') throw new ConflictError('basket contended');
      return remind(customerId, seen, event);
    };
    expect(await sendBasketReminders({ reminders: reminders.store, customers, ids }, now)).toEqual({ due: 2, reminded: 1, skipped: 1 });
    expect(reminders.due.has('c1')).toBe(true);
    expect(await sendBasketReminders({ reminders: { ...reminders.store, remind }, customers, ids }, now)).toEqual({ due: 1, reminded: 1, skipped: 0 });
  });

  it('clears the reminder of a customer the processing gate refuses service reminders, without an event', async () => {
    const reminders = memoryReminders({ b1: '2030-01-02T11:00:00.000Z', ok: '2030-01-02T11:00:00.000Z' }, { b1: [line('x', 1)], ok: [line('x', 1)] });
    blocked.add('b1');
    try {
      expect(await sendBasketReminders({ reminders: reminders.store, customers, ids }, now)).toEqual({ due: 2, reminded: 1, skipped: 1 });
      expect(reminders.events.map((e) => e.customerId)).toEqual(['ok']);
      expect(reminders.due.has('b1')).toBe(false);
    } finally {
      blocked.delete('b1');
    }
  });
});
