/**
 * The operators' console reads orders: a month's orders newest first (the orders table's byMonth
 * index), narrowed by status, page by page with cursors of that month only; one order with its
 * customer and status history; customers are refused; each read is in the customer's audit trail.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/api';
import { operatorTokens, registerCustomer, type TestCustomer } from '../support/customers';
import { moveOrder, orderBody, type OrderView, placeOrder } from '../support/orders';

type AdminOrder = OrderView & { customerId: string; updatedAt?: string };
interface OrderPage {
  items: AdminOrder[];
  nextCursor: string | null;
}

let operator: string;
let customer: TestCustomer;
const placed: OrderView[] = [];
const thisMonth = () => new Date().toISOString().slice(0, 7);

const list = (query: Record<string, string>, token = operator) =>
  call<OrderPage & { errors?: { path: string }[] }>('GET', `/v1/admin/orders?${new URLSearchParams(query).toString()}`, { token });

/** Every order of the listing, page after page (at most `pages`), in the order given. */
const walk = async (query: Record<string, string>, pages = 200): Promise<{ items: AdminOrder[]; pageSizes: number[] }> => {
  const items: AdminOrder[] = [];
  const pageSizes: number[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < pages; i += 1) {
    const answer = await list({ ...query, ...(cursor === null ? {} : { cursor }) });
    expect(answer.status).toBe(200);
    items.push(...answer.body.items);
    pageSizes.push(answer.body.items.length);
    cursor = answer.body.nextCursor;
    if (cursor === null) break;
  }
  return { items, pageSizes };
};

beforeAll(async () => {
  operator = (await operatorTokens()).accessToken;
  customer = await registerCustomer();
  for (let i = 0; i < 3; i += 1) {
    const answer = await placeOrder(customer.tokens.accessToken, orderBody([{ productId: 'gogol-dead-souls', quantity: i + 1 }]));
    expect(answer.status).toBe(201);
    placed.push(answer.body);
  }
});

describe("the operators' order list", () => {
  it("lists this month's orders newest first, a new one with its customer", async () => {
    const answer = await list({ limit: '100' });
    expect(answer.status).toBe(200);
    const newest = placed.at(-1) as OrderView;
    const found = answer.body.items.find((o) => o.orderId === newest.orderId);
    expect(found).toMatchObject({ orderId: newest.orderId, customerId: customer.customerId, status: 'PLACED', totalMinor: newest.totalMinor });
    expect(found?.statusHistory).toEqual([{ status: 'PLACED', at: newest.createdAt, actor: { type: 'customer', id: customer.customerId } }]);
    const created = answer.body.items.map((o) => o.createdAt);
    expect(created).toEqual([...created].sort().reverse());
    expect(answer.body.items.every((o) => o.createdAt.startsWith(thisMonth()))).toBe(true);
    // The default month is the current one: the same as naming it.
    const named = await list({ month: thisMonth(), limit: '100' });
    expect(named.body.items.map((o) => o.orderId)).toContain(newest.orderId);
    // Nothing internal leaks.
    expect(JSON.stringify(answer.body)).not.toMatch(/requestHash|orderMonth|eventId/);
  });

  it('pages with cursors: every order once, newest first across pages', async () => {
    const { items, pageSizes } = await walk({ limit: '2' });
    expect(pageSizes.every((n) => n <= 2)).toBe(true);
    const ids = items.map((o) => o.orderId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const order of placed) expect(ids).toContain(order.orderId);
    const created = items.map((o) => o.createdAt);
    expect(created).toEqual([...created].sort().reverse());
  });

  it('narrows to one status', async () => {
    const first = placed[0] as OrderView;
    expect((await moveOrder(operator, first.orderId, 'CONFIRMED')).status).toBe(200);
    const confirmed = await walk({ status: 'CONFIRMED', limit: '50' });
    expect(confirmed.items.length).toBeGreaterThan(0);
    expect(confirmed.items.every((o) => o.status === 'CONFIRMED')).toBe(true);
    expect(confirmed.items.map((o) => o.orderId)).toContain(first.orderId);
    const stillPlaced = await walk({ status: 'PLACED', limit: '50' });
    expect(stillPlaced.items.every((o) => o.status === 'PLACED')).toBe(true);
    expect(stillPlaced.items.map((o) => o.orderId)).not.toContain(first.orderId);
    expect(stillPlaced.items.map((o) => o.orderId)).toContain((placed[1] as OrderView).orderId);
  });

  it('another month holds none of these; its cursor does not carry over', async () => {
    const past = await list({ month: '2001-01', limit: '5' });
    expect(past.status).toBe(200);
    expect(past.body.items).toEqual([]);
    expect(past.body.nextCursor).toBeNull();

    const page = await list({ limit: '1' });
    const cursor = page.body.nextCursor;
    expect(cursor).not.toBeNull();
    const foreign = await list({ month: '2001-01', limit: '1', cursor: cursor as string });
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors?.map((e) => e.path)).toContain('query.cursor');
  });

  it('refuses a malformed month or status', async () => {
    const queries: Record<string, string>[] = [{ month: '2026-13' }, { month: 'May' }, { status: 'LOST' }, { limit: '0' }];
    for (const query of queries) {
      expect((await list(query)).status, JSON.stringify(query)).toBe(422);
    }
  });
});

describe("one order, for operators", () => {
  it('shows the order with its customer and who moved it', async () => {
    const order = placed[2] as OrderView;
    expect((await moveOrder(operator, order.orderId, 'CANCELLED')).status).toBe(200);
    const answer = await call<AdminOrder>('GET', `/v1/admin/orders/${order.orderId}`, { token: operator });
    expect(answer.status).toBe(200);
    expect(answer.body.customerId).toBe(customer.customerId);
    expect(answer.body.status).toBe('CANCELLED');
    expect(answer.body.statusHistory.map((e) => [e.status, e.actor.type])).toEqual([
      ['PLACED', 'customer'],
      ['CANCELLED', 'operator'],
    ]);
    expect(answer.body.statusHistory[1]?.actor.id).toEqual(expect.any(String));
    expect(answer.body.updatedAt).toEqual(expect.any(String));
  });

  it('an unknown order is 404', async () => {
    const answer = await call<{ status: number }>('GET', '/v1/admin/orders/noSuchOrder000001', { token: operator });
    expect(answer.status).toBe(404);
  });

  it("records the operator's reads in the customer's audit trail", async () => {
    const audit = await call<{ items: { action: string; actor: { type: string }; details: { orderIds?: string[] } }[] }>(
      'GET',
      `/v1/admin/customers/${customer.customerId}/audit?limit=100`,
      { token: operator },
    );
    expect(audit.status).toBe(200);
    const reads = audit.body.items.filter((e) => e.action === 'order.read_by_operator');
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((e) => e.actor.type === 'operator')).toBe(true);
    expect(reads.flatMap((e) => e.details.orderIds ?? [])).toContain((placed[2] as OrderView).orderId);
  });
});

describe('customers', () => {
  it('are refused the list and an order, even their own', async () => {
    const own = placed[1] as OrderView;
    expect((await list({}, customer.tokens.accessToken)).status).toBe(403);
    expect((await call('GET', `/v1/admin/orders/${own.orderId}`, { token: customer.tokens.accessToken })).status).toBe(403);
    expect((await call('GET', '/v1/admin/orders')).status).toBe(401);
  });
});
