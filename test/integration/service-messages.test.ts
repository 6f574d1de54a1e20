/**
 * Service messages from domain events, end to end on the local stack: placing an order, an
 * operator's status move and an operator's price drop reach the customer by email, SMS and push
 * through the events table's stream, the dispatcher, the outbound queue and the deliverer — each
 * in the customer's language, each once; a blocked customer gets the order messages the law
 * requires but no price drop.
 * Devices are registered through POST /v1/me/devices (an SNS platform endpoint on the local SNS
 * stand-in), so a push lands in the outbox under the device's token.
 */
import { randomUUID } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, eventually } from '../support/api';
import { consentVersion, operatorTokens, outbox, registerCustomer, type TestCustomer } from '../support/customers';
import { createRequest } from '../support/privacy';
import { customerEvents, moveOrder, orderBody, ownProduct, placeOrder, tables } from '../support/orders';

let operator: string;

beforeAll(async () => {
  operator = (await operatorTokens()).accessToken;
});

const wait = 20_000;
const uniquePhone = () => `+7916${Math.floor(1_000_000 + Math.random() * 8_999_999)}`;

interface Reader extends TestCustomer {
  phone: string;
  pushToken: string;
}

const registerDevice = async (customer: TestCustomer, token: string) => {
  const registered = await call<{ deviceId: string }>('POST', '/v1/me/devices', { token: customer.tokens.accessToken, body: { platform: 'fcm', token } });
  expect(registered.status).toBe(201);
  expect(registered.body.deviceId).toMatch(/^[0-9a-f]{32}$/);
};

/** A customer with a phone and one registered device, registering in the given language. */
const reader = async (acceptLanguage: string | null): Promise<Reader> => {
  const customer = await registerCustomer({ acceptLanguage });
  const phone = uniquePhone();
  expect((await call('PATCH', '/v1/me', { token: customer.tokens.accessToken, body: { phone } })).status).toBe(200);
  const pushToken = `fcm-${randomUUID()}`;
  await registerDevice(customer, pushToken);
  return { ...customer, phone, pushToken };
};

const emails = async (customer: TestCustomer) => (await outbox(customer.email, 'email')).filter((m) => m.category === 'service');
const smses = async (customer: Reader) => (await outbox(customer.phone, 'sms')).filter((m) => m.category === 'service');
const pushes = async (customer: Reader) => (await outbox(customer.pushToken, 'push')).filter((m) => m.category === 'service');

/** Waits until a message of the channel matches, and answers it. */
const arrives = async <T extends { subject?: string; body: string }>(read: () => Promise<T[]>, match: (m: T) => boolean) =>
  eventually(async () => (await read()).find(match), wait);

const order = async (customer: TestCustomer, priceMinor = 45_000, quantity = 2) => {
  const book = await ownProduct(priceMinor);
  const placed = await placeOrder(customer.tokens.accessToken, orderBody([{ productId: book.productId, quantity }]));
  expect(placed.status).toBe(201);
  return placed.body;
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 2_000));

/** No two messages of a channel to the same address say the same thing. */
const noneTwice = (items: { subject?: string; body: string }[]) => {
  const said = items.map((m) => `${m.subject ?? ''}\n${m.body}`);
  expect(new Set(said).size, said.join('\n---\n')).toBe(said.length);
};

describe('service messages from domain events', () => {
  it('tells an English customer of the order placed, then of each status by email, SMS and push, once', async () => {
    const customer = await reader('en-GB,en;q=0.9');
    const me = await call<{ locale: string }>('GET', '/v1/me', { token: customer.tokens.accessToken });
    expect(me.body.locale).toBe('en');

    const placed = await order(customer, 45_000, 2);
    const ref = placed.orderId.slice(0, 8);
    const placedEmail = await arrives(() => emails(customer), (m) => m.subject === 'Your imobook.ru order is placed');
    expect(placedEmail.body).toContain(placed.orderId);
    expect(placedEmail.body).toContain('2 books for RUB 900');
    expect((await arrives(() => pushes(customer), (m) => m.body.includes(ref))).body).toBe(`Order ${ref}: 2 books for RUB 900.`);
    expect((await arrives(() => smses(customer), (m) => m.body.includes(ref))).body).toMatch(/^imobook\.ru: order .+ is placed/);

    expect((await moveOrder(operator, placed.orderId, 'CONFIRMED')).status).toBe(200);
    expect((await arrives(() => emails(customer), (m) => m.subject === 'Your imobook.ru order is confirmed')).body).toContain(placed.orderId);
    expect((await arrives(() => smses(customer), (m) => /is confirmed/.test(m.body))).body).toContain(ref);
    expect((await arrives(() => pushes(customer), (m) => /is confirmed/.test(m.body))).body).toContain(ref);

    expect((await moveOrder(operator, placed.orderId, 'SHIPPED')).status).toBe(200);
    await arrives(() => emails(customer), (m) => m.subject === 'Your imobook.ru order is on its way');
    await arrives(() => smses(customer), (m) => /has been shipped/.test(m.body));
    await arrives(() => pushes(customer), (m) => /has been shipped/.test(m.body));

    await settle();
    const allEmails = await emails(customer);
    expect(allEmails.filter((m) => /order/.test(m.subject ?? '')).map((m) => m.subject)).toEqual([
      'Your imobook.ru order is placed',
      'Your imobook.ru order is confirmed',
      'Your imobook.ru order is on its way',
    ]);
    expect(await smses(customer)).toHaveLength(3);
    expect(await pushes(customer)).toHaveLength(3);
    for (const items of [allEmails, await smses(customer), await pushes(customer)]) noneTwice(items);
  });

  it('writes to a Russian customer in Russian, and in English once the profile says so', async () => {
    const customer = await reader('ru-RU,ru;q=0.9,en;q=0.8');
    expect((await call<{ locale: string }>('GET', '/v1/me', { token: customer.tokens.accessToken })).body.locale).toBe('ru');
    const placed = await order(customer, 123_450, 1);
    const email = await arrives(() => emails(customer), (m) => m.subject === 'Ваш заказ на imobook.ru оформлен');
    expect(email.body).toContain('1 книга на сумму 1 234,50 ₽');
    expect((await arrives(() => smses(customer), (m) => m.body.includes(placed.orderId.slice(0, 8)))).body).toMatch(/^imobook\.ru: заказ/);

    const patched = await call<{ locale: string }>('PATCH', '/v1/me', { token: customer.tokens.accessToken, body: { locale: 'en' } });
    expect(patched.status).toBe(200);
    expect(patched.body.locale).toBe('en');
    expect((await moveOrder(operator, placed.orderId, 'CANCELLED')).status).toBe(200);
    await arrives(() => emails(customer), (m) => m.subject === 'Your imobook.ru order is cancelled');
    await arrives(() => smses(customer), (m) => /was cancelled/.test(m.body));
    expect((await call('PATCH', '/v1/me', { token: customer.tokens.accessToken, body: { locale: 'de' } })).status).toBe(422);
  });

  it('tells a price drop to those who keep the book, each in their language; a blocked one hears only of orders', async () => {
    const english = await reader('en');
    const russian = await reader(null);
    const blocked = await reader('en');
    const bystander = await registerCustomer();
    const book = await ownProduct(59_000);
    for (const keeper of [english, russian, blocked]) {
      expect((await call('PUT', `/v1/me/favorites/${book.productId}`, { token: keeper.tokens.accessToken })).status).toBe(200);
    }
    expect((await createRequest(blocked.tokens.accessToken, { type: 'block' })).status).toBe(201);

    // A rise says nothing; the drop after it does.
    expect((await call('POST', `/v1/admin/products/${book.productId}/price`, { token: operator, body: { priceMinor: 65_000 } })).status).toBe(200);
    expect((await call('POST', `/v1/admin/products/${book.productId}/price`, { token: operator, body: { priceMinor: 45_050 } })).status).toBe(200);

    const en = await arrives(() => emails(english), (m) => /cheaper/.test(m.subject ?? ''));
    expect(en.subject).toBe(`A book in your favourites is cheaper: ${book.title}`);
    expect(en.body).toContain('now costs RUB 450.50 instead of RUB 650');
    expect((await arrives(() => pushes(english), (m) => m.body.includes(book.title))).subject ?? '').not.toMatch(/[а-я]/i);
    const ru = await arrives(() => emails(russian), (m) => /подешевела/.test(m.subject ?? ''));
    expect(ru.body).toContain('450,50 ₽ вместо 650 ₽');
    await arrives(() => pushes(russian), (m) => m.body.includes('450,50 ₽'));

    // The blocked customer still hears of their order (the law requires it), and so learns nothing else late.
    const placed = await order(blocked);
    expect((await moveOrder(operator, placed.orderId, 'CONFIRMED')).status).toBe(200);
    await arrives(() => emails(blocked), (m) => m.subject === 'Your imobook.ru order is confirmed');
    await arrives(() => smses(blocked), (m) => /is confirmed/.test(m.body));
    await arrives(() => pushes(blocked), (m) => /is confirmed/.test(m.body));
    await settle();
    const blockedEmails = await emails(blocked);
    expect(blockedEmails.filter((m) => /cheaper/.test(m.subject ?? ''))).toEqual([]);
    expect((await pushes(blocked)).filter((m) => m.body.includes(book.title))).toEqual([]);
    expect((await emails(bystander)).filter((m) => /cheaper|подешевела/.test(m.subject ?? ''))).toEqual([]);

    // One drop, one message per keeper and channel; no SMS for a price drop.
    for (const keeper of [english, russian]) {
      expect((await emails(keeper)).filter((m) => (m.subject ?? '').includes(book.title))).toHaveLength(1);
      expect((await pushes(keeper)).filter((m) => m.body.includes(book.title))).toHaveLength(1);
      expect(await smses(keeper)).toEqual([]);
    }
  });

  it('tells of a new loyalty tier by email, SMS and push, and of a basket left waiting by email and push', async () => {
    const customer = await reader('en');
    const token = customer.tokens.accessToken;
    expect((await call('PUT', '/v1/me/consents/loyalty_program', { token, body: { granted: true, documentVersion: consentVersion } })).status).toBe(200);
    // 15,000 roubles delivered: bronze → silver.
    const placed = await order(customer, 1_500_000, 1);
    for (const status of ['CONFIRMED', 'SHIPPED', 'DELIVERED']) expect((await moveOrder(operator, placed.orderId, status)).status, status).toBe(200);
    await arrives(() => emails(customer), (m) => m.subject === 'Your imobook.ru loyalty tier is now Silver');
    await arrives(() => smses(customer), (m) => /loyalty tier is now Silver/.test(m.body));
    await arrives(() => pushes(customer), (m) => m.body === 'Your tier is now Silver.');

    // The basket reminder: made due by moving its time into the past, then the job runs just ahead of now.
    expect((await call('PUT', '/v1/me/basket/items/voltaire-candide', { token, body: { quantity: 3 } })).status).toBe(200);
    const { db, names } = await tables();
    await db.send(
      new UpdateCommand({
        TableName: names['baskets'],
        Key: { customerId: customer.customerId, itemKey: '#summary' },
        UpdateExpression: 'SET reminderDueAt = :past',
        ConditionExpression: 'reminderPartition = :due',
        ExpressionAttributeValues: { ':past': new Date(Date.now() - 60_000).toISOString(), ':due': 'due' },
      }),
    );
    await eventually(async () => {
      expect((await call('POST', `/_local/jobs/basket-reminders/run?at=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).status).toBe(200);
      return (await customerEvents(customer.customerId, 'BasketReminderDue')).length > 0 ? true : undefined;
    }, wait);
    const reminder = await arrives(() => emails(customer), (m) => m.subject === 'Books are waiting in your imobook.ru basket');
    expect(reminder.body).toContain('3 books');
    await arrives(() => pushes(customer), (m) => m.body === 'In your basket: 3 books.');

    await settle();
    // Email: placed, three statuses, the tier, the reminder; SMS: no reminder; each once.
    // (The queue does not keep order between messages of events close together: compared as sets.)
    expect((await emails(customer)).map((m) => m.subject).sort()).toEqual(
      [
        'Your imobook.ru order is placed',
        'Your imobook.ru order is confirmed',
        'Your imobook.ru order is on its way',
        'Your imobook.ru order is delivered',
        'Your imobook.ru loyalty tier is now Silver',
        'Books are waiting in your imobook.ru basket',
      ].sort(),
    );
    expect(await smses(customer)).toHaveLength(5);
    expect(await pushes(customer)).toHaveLength(6);
  });
});
