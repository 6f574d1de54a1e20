/**
 * The dispatcher's rules with in-memory ports: channels per event, the gate, blocked and
 * inactive customers, the price-drop fan-out in pages, deterministic ids, and the language.
 */
import { describe, expect, it } from 'vitest';
import type { Customer } from '../../lambdas/domain/accounts/customers';
import type { DomainEvent } from '../../lambdas/domain/events/domain-events';
import type { Device } from '../../lambdas/domain/messaging/devices';
import type { OutboundMessage } from '../../lambdas/domain/messaging/outbound-message';
import { dispatchServiceMessages, type ServiceMessagePorts } from '../../lambdas/domain/messaging/service-messages';

const customer = (id: string, extra: Partial<Customer> = {}): Customer => ({
  customerId: id,
  email: `${id}@example.com`,
  firstName: 'A',
  lastName: 'B',
  phone: null,
  status: 'ACTIVE',
  registeredAt: '2026-01-01T00:00:00.000Z',
  createdAt: '2026-01-01T00:00:00.000Z',
  closedAt: null,
  consents: {},
  consentSeq: 1,
  loyaltyTier: null,
  ...extra,
});

const device = (customerId: string, deviceId: string): Device => ({
  customerId,
  deviceId,
  platform: 'fcm',
  endpointArn: `arn:aws:sns:eu-central-1:000000000000:endpoint/GCM/folio/${deviceId}`,
  createdAt: '2026-01-01T00:00:00.000Z',
});

const blocked = { blocked: true, stoppedPurposes: [], since: '2026-01-01T00:00:00.000Z', requestIds: ['r-1'] };

const memory = (customers: Customer[], devices: Device[] = [], favorites: { customerId: string; productId: string }[] = [], pageSize = 2) => {
  const sent: OutboundMessage[] = [];
  const calls = { getMany: [] as number[], keeperPages: 0 };
  const ports: ServiceMessagePorts = {
    customers: {
      async get(id) {
        return customers.find((c) => c.customerId === id);
      },
      async getMany(ids) {
        calls.getMany.push(ids.length);
        return customers.filter((c) => ids.includes(c.customerId));
      },
    },
    devices: { list: async (id) => devices.filter((d) => d.customerId === id) },
    async *keepers(productId) {
      const ids = favorites.filter((f) => f.productId === productId).map((f) => f.customerId);
      for (let i = 0; i < ids.length; i += pageSize) {
        calls.keeperPages += 1;
        yield ids.slice(i, i + pageSize);
      }
    },
    catalogue: { title: async (productId) => (productId === 'book-1' ? 'War & <Peace>' : undefined) },
    messages: {
      async enqueueAll(messages) {
        sent.push(...messages);
      },
    },
  };
  return { ports, sent, calls };
};

const event = (type: DomainEvent['type'], payload: Record<string, unknown>, customerId?: string): DomainEvent => ({
  eventId: `ev-${type}`,
  type,
  occurredAt: '2026-02-01T10:00:00.000Z',
  payload,
  ...(customerId === undefined ? {} : { customerId }),
});

const placed = (customerId: string) => event('OrderPlaced', { orderId: 'order-123456789', totalMinor: 123_450, itemCount: 3 }, customerId);
const status = (customerId: string, to = 'SHIPPED') => event('OrderStatusChanged', { orderId: 'order-123456789', from: 'CONFIRMED', to }, customerId);

describe('service messages from domain events', () => {
  it('sends an order status by email, SMS and push to each device, with ids from the event', async () => {
    const { ports, sent } = memory([customer('c1', { phone: '+79161234567', locale: 'en' })], [device('c1', 'd1'), device('c1', 'd2')]);
    expect(await dispatchServiceMessages(ports, status('c1'))).toEqual({ messages: 4 });
    expect(sent.map((m) => [m.messageId, m.channel, m.category])).toEqual([
      ['ev-OrderStatusChanged.email', 'email', 'service'],
      ['ev-OrderStatusChanged.sms', 'sms', 'service'],
      ['ev-OrderStatusChanged.push.d1', 'push', 'service'],
      ['ev-OrderStatusChanged.push.d2', 'push', 'service'],
    ]);
    expect(sent[0]?.to).toBe('c1@example.com');
    expect(sent[0]?.subject).toMatch(/on its way/);
    expect(sent[0]?.html).toContain('<html lang="en">');
    expect(sent[1]?.to).toBe('+79161234567');
    expect(sent[2]?.to).toContain('endpoint/GCM/folio/d1');
    expect(sent[2]?.subject).toBe('Order shipped');
  });

  it('makes the same messages, with the same ids, when the record comes again', async () => {
    const { ports, sent } = memory([customer('c1', { phone: '+79161234567' })], [device('c1', 'd1')]);
    await dispatchServiceMessages(ports, placed('c1'));
    const first = sent.splice(0);
    await dispatchServiceMessages(ports, placed('c1'));
    expect(sent).toEqual(first);
    expect(new Set(first.map((m) => m.messageId)).size).toBe(first.length);
  });

  it('writes in the customer\'s language, Russian by default', async () => {
    const { ports, sent } = memory([customer('ru1'), customer('en1', { locale: 'en' })]);
    await dispatchServiceMessages(ports, placed('ru1'));
    await dispatchServiceMessages(ports, placed('en1'));
    expect(sent[0]?.subject).toBe('Ваш заказ на imobook.ru оформлен');
    expect(sent[0]?.text).toContain('1 234,50 ₽');
    expect(sent[1]?.subject).toBe('Your imobook.ru order is placed');
    expect(sent[1]?.text).toContain('RUB 1,234.50');
  });

  it('sends no SMS without a phone, and none for a basket reminder or price drop', async () => {
    const { ports, sent } = memory([customer('c1'), customer('c2', { phone: '+79161234567' })], [], [{ customerId: 'c2', productId: 'book-1' }]);
    await dispatchServiceMessages(ports, placed('c1'));
    await dispatchServiceMessages(ports, event('BasketReminderDue', { productIds: ['book-1'], itemCount: 2 }, 'c2'));
    await dispatchServiceMessages(ports, event('ProductPriceChanged', { productId: 'book-1', oldPriceMinor: 500, newPriceMinor: 400, dropped: true }));
    expect(sent.map((m) => m.channel)).toEqual(['email', 'email', 'email']);
  });

  it('tells a blocked customer about orders, but sends no reminder, price drop or loyalty message', async () => {
    const c = customer('c1', { phone: '+79161234567', restriction: blocked });
    const { ports, sent } = memory([c], [device('c1', 'd1')], [{ customerId: 'c1', productId: 'book-1' }]);
    expect((await dispatchServiceMessages(ports, placed('c1'))).messages).toBe(3);
    expect((await dispatchServiceMessages(ports, status('c1', 'CANCELLED'))).messages).toBe(3);
    expect(await dispatchServiceMessages(ports, event('BasketReminderDue', { itemCount: 2 }, 'c1'))).toEqual({ messages: 0, skipped: 'refused by the processing gate' });
    expect(await dispatchServiceMessages(ports, event('LoyaltyTierAssigned', { tier: 'gold', previousTier: 'silver' }, 'c1'))).toMatchObject({ messages: 0 });
    expect(await dispatchServiceMessages(ports, event('ProductPriceChanged', { productId: 'book-1', oldPriceMinor: 500, newPriceMinor: 400 }))).toMatchObject({ messages: 0 });
    expect(sent).toHaveLength(6);
  });

  it('asks the gate about loyalty: a stopped loyalty programme gets no tier message, reminders still go', async () => {
    const c = customer('c1', { restriction: { blocked: false, stoppedPurposes: ['loyalty_program'], since: '2026-01-01T00:00:00.000Z', requestIds: [] } });
    const { ports, sent } = memory([c]);
    expect((await dispatchServiceMessages(ports, event('LoyaltyTierAssigned', { tier: 'gold' }, 'c1'))).messages).toBe(0);
    expect((await dispatchServiceMessages(ports, event('BasketReminderDue', { itemCount: 1 }, 'c1'))).messages).toBe(1);
    const other = memory([customer('c2', { phone: '+79161234567', locale: 'en' })]);
    expect((await dispatchServiceMessages(other.ports, event('LoyaltyTierAssigned', { tier: 'gold' }, 'c2'))).messages).toBe(2);
    expect(other.sent[0]?.subject).toBe('Your imobook.ru loyalty tier is now Gold');
    expect(sent).toHaveLength(1);
  });

  it('sends nothing to a customer who is not active, or is gone', async () => {
    const tombstone = { customerId: 'gone', status: 'DESTROYED', destroyedAt: '2026-01-01T00:00:00.000Z' } as unknown as Customer;
    const { ports, sent } = memory([customer('p', { status: 'PENDING' }), customer('x', { status: 'CLOSED' }), tombstone]);
    for (const id of ['p', 'x', 'gone', 'missing']) expect(await dispatchServiceMessages(ports, status(id))).toEqual({ messages: 0, skipped: 'customer not active' });
    expect(sent).toEqual([]);
  });

  it('announces only the statuses a customer needs to hear, and skips malformed payloads', async () => {
    const { ports, sent } = memory([customer('c1')]);
    expect(await dispatchServiceMessages(ports, status('c1', 'PLACED'))).toMatchObject({ messages: 0 });
    expect(await dispatchServiceMessages(ports, event('OrderPlaced', { orderId: 'o' }, 'c1'))).toEqual({ messages: 0, skipped: 'malformed payload' });
    expect(await dispatchServiceMessages(ports, { ...placed('c1'), type: 'SomethingElse' } as unknown as DomainEvent)).toMatchObject({ messages: 0 });
    expect(sent).toEqual([]);
  });

  it('tells a price drop to the active keepers the gate allows, page by page, each in their language', async () => {
    const customers = [
      customer('k1', { locale: 'en', phone: '+79161234567' }),
      customer('k2'),
      customer('k3', { restriction: blocked }),
      customer('k4', { status: 'CLOSED' }),
      customer('k5', { locale: 'en' }),
      customer('other'),
    ];
    const favorites = ['k1', 'k2', 'k3', 'k4', 'k5'].map((customerId) => ({ customerId, productId: 'book-1' }));
    const { ports, sent, calls } = memory(customers, [device('k2', 'd9')], [...favorites, { customerId: 'other', productId: 'book-2' }]);
    const outcome = await dispatchServiceMessages(ports, event('ProductPriceChanged', { productId: 'book-1', oldPriceMinor: 59_000, newPriceMinor: 45_000, dropped: true }));
    expect(outcome).toEqual({ messages: 4 });
    expect(calls.keeperPages).toBe(3);
    expect(calls.getMany).toEqual([2, 2, 1]);
    expect(sent.map((m) => m.messageId).sort()).toEqual([
      'ev-ProductPriceChanged.k1.email',
      'ev-ProductPriceChanged.k2.email',
      'ev-ProductPriceChanged.k2.push.d9',
      'ev-ProductPriceChanged.k5.email',
    ]);
    const english = sent.find((m) => m.customerId === 'k1');
    expect(english?.text).toContain('now costs RUB 450 instead of RUB 590');
    expect(english?.html).toContain('War &amp; &lt;Peace&gt;');
    expect(sent.find((m) => m.customerId === 'k2' && m.channel === 'email')?.text).toContain('450 ₽ вместо 590 ₽');
  });

  it('says nothing of a price rise, an unchanged price or a book that is gone', async () => {
    const { ports, sent } = memory([customer('k1')], [], [{ customerId: 'k1', productId: 'book-1' }, { customerId: 'k1', productId: 'book-x' }]);
    expect(await dispatchServiceMessages(ports, event('ProductPriceChanged', { productId: 'book-1', oldPriceMinor: 400, newPriceMinor: 500, dropped: false }))).toEqual({ messages: 0, skipped: 'not a drop' });
    expect(await dispatchServiceMessages(ports, event('ProductPriceChanged', { productId: 'book-1', oldPriceMinor: 400, newPriceMinor: 400 }))).toEqual({ messages: 0, skipped: 'not a drop' });
    expect(await dispatchServiceMessages(ports, event('ProductPriceChanged', { productId: 'book-x', oldPriceMinor: 400, newPriceMinor: 300 }))).toEqual({ messages: 0, skipped: 'no such book' });
    expect(sent).toEqual([]);
  });

  it('lets a failure of the queue reach the caller, so the stream record is retried', async () => {
    const { ports } = memory([customer('c1')]);
    const failing: ServiceMessagePorts = { ...ports, messages: { enqueueAll: async () => Promise.reject(new Error('queue down')) } };
    await expect(dispatchServiceMessages(failing, placed('c1'))).rejects.toThrow('queue down');
  });
});
