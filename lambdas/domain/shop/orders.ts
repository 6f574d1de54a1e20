/**
 * Orders (policy 1.1: recipient, delivery address, contact phone). Prices and titles are the
 * catalogue's at the moment of ordering, never the client's: the body schema has no price field
 * and the totals are computed here and stored with the order.
 *
 * Idempotency is by construction, not by a response cache: with an `Idempotency-Key` the order's
 * id is derived from the customer and the key, and the order is put only if that id is free. A
 * retry (or a duplicate racing the first request) finds the order already there and answers it
 * when its stored request hash matches, so a second order cannot exist for one key.
 *
 * Every change is one transaction with the domain event it reports (the events table is the
 * outbox): placing writes the order, removes its lines from the basket and writes `OrderPlaced`;
 * a status move is conditioned on the status it was computed from and writes `OrderStatusChanged`
 * and, on delivery to a customer in the loyalty programme, the new lifetime spend and at most one
 * `LoyaltyTierAssigned`.
 */
import { createHash, randomUUID } from 'node:crypto';
import type * as z from 'zod';
import type { orderCreateSchema, orderStatuses } from '#system/schemas/shop';
import type { Customer, CustomerStore } from '../accounts/customers';
import { activeCustomer } from '../accounts/profile';
import { type AuditTrail, auditEntry } from '../audit/audit';
import { currency } from '../catalogue/catalogue';
import { ConflictError, NotFoundError, RuleViolationError } from '../errors';
import { type DomainEvent, domainEvent } from '../events/domain-events';
import { tierFor } from '../loyalty/tiers';
import { mayProcess } from '../privacy/processing-gate';

export type OrderStatus = (typeof orderStatuses)[number];
export type OrderRequest = z.output<typeof orderCreateSchema>;

export interface OrderLine {
  readonly productId: string;
  readonly title: string;
  readonly quantity: number;
  readonly priceMinor: number;
  readonly lineTotalMinor: number;
}

export interface OrderActor {
  readonly type: 'customer' | 'operator';
  readonly id: string;
}

export interface StatusEntry {
  readonly status: OrderStatus;
  readonly at: string;
  readonly actor: OrderActor;
  /** The id of the move's `OrderStatusChanged` event: tells this write from any other (not shown). */
  readonly eventId?: string;
}

/** An order as stored. */
export interface Order {
  readonly orderId: string;
  readonly customerId: string;
  readonly status: OrderStatus;
  readonly items: readonly OrderLine[];
  readonly totalMinor: number;
  readonly currency: typeof currency;
  readonly recipient: OrderRequest['recipient'];
  readonly delivery: OrderRequest['delivery'];
  readonly createdAt: string;
  readonly updatedAt?: string;
  readonly statusHistory: readonly StatusEntry[];
  /** sha256 of the canonical JSON of the validated request: tells a retry from a reused key. */
  readonly requestHash: string;
}

/** What placing an order needs of the catalogue: a title and the current price per book. */
export interface PricedProduct {
  readonly productId: string;
  readonly title: string;
  readonly priceMinor: number;
}

/** The new lifetime spend of a customer in the loyalty programme, written with a delivery. */
export interface LoyaltyChange {
  readonly customerId: string;
  /** The spend the change was computed from; `undefined` when the customer has none yet. */
  readonly expectedSpendMinor: number | undefined;
  readonly spendMinor: number;
  /** Set when the tier changes; the `LoyaltyTierAssigned` event then travels in the same transaction. */
  readonly tier?: string;
  readonly previousTier?: string;
}

export interface StatusMove {
  readonly order: Order;
  readonly to: OrderStatus;
  readonly entry: StatusEntry;
  readonly events: readonly DomainEvent[];
  readonly loyalty?: LoyaltyChange;
}

/**
 * How a conditional transaction ended: `done`; a condition failed on the order (`order`) or on
 * the customer (`customer`); or DynamoDB cancelled it for a concurrent transaction on one of the
 * same items (`contended`), which is worth another try.
 */
export type WriteOutcome = 'done' | 'order' | 'customer' | 'contended';

export interface OrderPage {
  readonly items: readonly Order[];
  readonly next: string | undefined;
}

/** The port the order logic needs; lambdas/adapters/order-store.ts implements it on DynamoDB. */
export interface OrderStore {
  get(orderId: string): Promise<Order | undefined>;
  /** The customer's orders, newest first; `cursor` is one this method gave out for this customer. */
  page(customerId: string, limit: number, cursor: string | undefined): Promise<OrderPage>;
  /** Puts the order if its id is free, deletes its lines from the basket and writes the event: all or nothing. */
  place(order: Order, event: DomainEvent): Promise<Exclude<WriteOutcome, 'customer'>>;
  /** Applies the move if the order is still in `move.order.status` (and the customer's spend unchanged). */
  move(move: StatusMove): Promise<WriteOutcome>;
}

export interface OrderPorts {
  readonly orders: OrderStore;
  readonly catalogue: { prices(productIds: readonly string[]): Promise<ReadonlyMap<string, PricedProduct>> };
  /** Only `get` is used: whether the customer may order, and their loyalty standing. */
  readonly customers: CustomerStore;
  readonly clock: () => Date;
  readonly ids: () => string;
}

// ---------------------------------------------------------------------------------------------
// Ids and the request hash.

/** A random order id: the 122 random bits of a UUID v4, base64url (22 characters). */
export const randomOrderId = (): string => Buffer.from(randomUUID().replaceAll('-', ''), 'hex').toString('base64url');

/**
 * The order id of a keyed request: 32 base64url characters (192 bits) of sha256 over the
 * customer and the key, so the same customer's retry lands on the same id and no other
 * customer's key can reach it.
 */
export const keyedOrderId = (customerId: string, idempotencyKey: string): string =>
  createHash('sha256').update(`${customerId}\n${idempotencyKey}`, 'utf8').digest('base64url').slice(0, 32);

/** JSON with object keys sorted at every level: equal values give equal text. */
export const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
};

export const requestHashOf = (request: OrderRequest): string => createHash('sha256').update(canonicalJson(request), 'utf8').digest('hex');

// ---------------------------------------------------------------------------------------------
// What the API shows.

/**
 * The order as the API shows it (system/schemas/shop.ts `orderSchema`): no customer id, no request
 * hash. A customer sees who moved the order by kind only; operators also see the actor's id.
 */
export const orderView = (order: Order, audience: 'customer' | 'operator' = 'customer') => ({
  orderId: order.orderId,
  status: order.status,
  items: order.items.map(({ productId, title, quantity, priceMinor, lineTotalMinor }) => ({ productId, title, quantity, priceMinor, lineTotalMinor })),
  totalMinor: order.totalMinor,
  currency: order.currency,
  // The order of a customer whose data was destroyed stays for accounting without its recipient
  // and delivery address (lambdas/domain/privacy/destruction.ts); only operators can still see it.
  recipient: order.recipient === undefined ? null : { fullName: order.recipient.fullName, phone: order.recipient.phone },
  delivery: order.delivery === undefined ? null : order.delivery,
  createdAt: order.createdAt,
  statusHistory: order.statusHistory.map(({ status, at, actor }) => ({
    status,
    at,
    actor: audience === 'operator' ? { type: actor.type, id: actor.id } : { type: actor.type },
  })),
});

// ---------------------------------------------------------------------------------------------
// Placing an order.

/** Lines at the catalogue's prices; a book the catalogue does not have is a 422 naming its item. */
export const priceLines = (request: OrderRequest, prices: ReadonlyMap<string, PricedProduct>): OrderLine[] => {
  const unknown = request.items
    .map((item, index) => ({ item, index }))
    .filter(({ item }) => !prices.has(item.productId))
    .map(({ index }) => ({ path: `body.items.${index}.productId`, message: 'is not a book in the catalogue' }));
  if (unknown.length > 0) throw new RuleViolationError('unknown product', unknown, 'Some books are not in the catalogue.');
  return request.items.map(({ productId, quantity }) => {
    const product = prices.get(productId) as PricedProduct;
    return { productId, title: product.title, quantity, priceMinor: product.priceMinor, lineTotalMinor: product.priceMinor * quantity };
  });
};

const reusedKey = () => new ConflictError('idempotency key reused', 'This Idempotency-Key was used with another request.');

/** The stored order of a keyed request: its own retry gets it back, anything else is a 409. */
const replay = (existing: Order, customerId: string, requestHash: string): Order => {
  if (existing.customerId !== customerId || existing.requestHash !== requestHash) throw reusedKey();
  return existing;
};

const maxAttempts = 5;
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt + Math.random() * 10));

export const placeOrder = async (
  ports: OrderPorts,
  customerId: string,
  request: OrderRequest,
  idempotencyKey: string | undefined,
): Promise<Order> => {
  await activeCustomer(ports, customerId);
  const requestHash = requestHashOf(request);
  const orderId = idempotencyKey === undefined ? randomOrderId() : keyedOrderId(customerId, idempotencyKey);
  // A keyed request goes straight to the transaction, whose condition on the keyed order id
  // turns a retry into the replay below: one round trip fewer on every first attempt, the
  // common case, than looking the key up first (docs/performance.md, section 1.3).
  let lines: OrderLine[];
  try {
    lines = priceLines(request, await ports.catalogue.prices(request.items.map((item) => item.productId)));
  } catch (error: unknown) {
    // A retry is answered from the stored order, even if the catalogue changed since.
    const existing = idempotencyKey === undefined ? undefined : await ports.orders.get(orderId);
    if (existing !== undefined) return replay(existing, customerId, requestHash);
    throw error;
  }
  for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
    const now = ports.clock();
    const at = now.toISOString();
    const order: Order = {
      orderId,
      customerId,
      status: 'PLACED',
      items: lines,
      totalMinor: lines.reduce((sum, line) => sum + line.lineTotalMinor, 0),
      currency,
      recipient: request.recipient,
      delivery: request.delivery,
      createdAt: at,
      statusHistory: [{ status: 'PLACED', at, actor: { type: 'customer', id: customerId } }],
      requestHash,
    };
    const event = domainEvent(ports.ids, now, 'OrderPlaced', {
      orderId,
      totalMinor: order.totalMinor,
      // Copies, not lines: what a message says ("3 books").
      itemCount: lines.reduce((sum, line) => sum + line.quantity, 0),
    }, customerId);
    const outcome = await ports.orders.place(order, event);
    if (outcome === 'done') return order;
    if (outcome === 'order') {
      // The id is taken: by this key's earlier (or concurrent, now committed) request.
      const existing = await ports.orders.get(orderId);
      if (existing !== undefined) return replay(existing, customerId, requestHash);
    }
    // Cancelled for a concurrent transaction on the same order or basket lines: try again.
    await pause(attempt);
  }
  throw new ConflictError('order contended', 'The order could not be placed for concurrent changes; please retry.');
};

// ---------------------------------------------------------------------------------------------
// Reading orders.

/** The caller's order; another customer's is answered exactly like a missing one. */
export const getOrder = async (orders: Pick<OrderStore, 'get'>, customerId: string, orderId: string): Promise<Order> => {
  const order = await orders.get(orderId);
  if (order === undefined || order.customerId !== customerId) throw new NotFoundError('no such order', 'There is no such order.');
  return order;
};

export const listOrders = async (orders: Pick<OrderStore, 'page'>, customerId: string, limit: number, cursor: string | undefined) => {
  const page = await orders.page(customerId, limit, cursor);
  return { items: page.items.map((order) => orderView(order)), nextCursor: page.next ?? null };
};

// ---------------------------------------------------------------------------------------------
// Reading orders (operators' console).

/** A month's orders, newest first, read through the orders table's byMonth index (lambdas/adapters/orders-by-month.ts). */
export interface OrdersByMonth {
  /** `cursor` is one this method gave out for the same month; `status` filters the page read. */
  page(query: { month: string; status?: OrderStatus | undefined; limit: number; cursor?: string | undefined }): Promise<OrderPage>;
}

/**
 * The order as operators see it: the operator view plus the customer it belongs to. Its recipient
 * and delivery are null once the customer's data was destroyed (see `orderView`).
 */
export const adminOrderView = (order: Order) => ({
  ...orderView(order, 'operator'),
  customerId: order.customerId,
  ...(order.updatedAt === undefined ? {} : { updatedAt: order.updatedAt }),
});

/** The UTC month (YYYY-MM) of an instant: the byMonth index's partition. */
export const orderMonthOf = (instant: Date): string => instant.toISOString().slice(0, 7);

export const listOrdersOfMonth = async (
  orders: OrdersByMonth,
  query: { month?: string | undefined; status?: OrderStatus | undefined; limit: number; cursor?: string | undefined },
  now: Date,
) => {
  const page = await orders.page({ ...query, month: query.month ?? orderMonthOf(now) });
  return { items: page.items.map(adminOrderView), nextCursor: page.next ?? null };
};

/** Any customer's order, for an operator. */
export const getOrderForOperator = async (orders: Pick<OrderStore, 'get'>, orderId: string): Promise<Order> => {
  const order = await orders.get(orderId);
  if (order === undefined) throw new NotFoundError('no such order', 'There is no such order.');
  return order;
};

/**
 * An operator reading customers' orders is an event of each customer's record: one audit entry
 * per distinct customer among the orders read, naming the order ids (never their contents).
 */
export const auditOrderRead = async (
  ports: { readonly audit: AuditTrail; readonly ids: () => string },
  orders: readonly { readonly orderId: string; readonly customerId: string }[],
  operatorId: string,
  now: Date,
): Promise<void> => {
  const byCustomer = new Map<string, string[]>();
  for (const order of orders) byCustomer.set(order.customerId, [...(byCustomer.get(order.customerId) ?? []), order.orderId]);
  await Promise.all(
    [...byCustomer].map(([customerId, orderIds]) =>
      ports.audit.append(auditEntry(ports.ids, now, customerId, { type: 'operator', id: operatorId }, 'order.read_by_operator', { orderIds })),
    ),
  );
};

// ---------------------------------------------------------------------------------------------
// Moving an order's status (operators).

export const allowedMoves: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PLACED: ['CONFIRMED', 'CANCELLED'],
  CONFIRMED: ['SHIPPED', 'CANCELLED'],
  SHIPPED: ['DELIVERED'],
  DELIVERED: [],
  CANCELLED: [],
};

const illegalMove = (from: OrderStatus, to: OrderStatus) =>
  new ConflictError('illegal status move', `The order is ${from}; it cannot move to ${to}.`);

/**
 * The loyalty consequence of delivering `totalMinor` to this customer: none without the
 * `loyalty_program` consent, and none while the processing gate refuses 'loyalty' (the customer
 * blocked their data or stopped the loyalty processing: lambdas/domain/privacy/processing-gate.ts);
 * otherwise the new lifetime spend, and the new tier when it differs
 * from the one the customer holds (or would hold by the old spend, if none was assigned yet).
 */
export const loyaltyAfterDelivery = (customer: Customer, totalMinor: number): LoyaltyChange | undefined => {
  if (customer.consents.loyalty_program?.granted !== true) return undefined;
  if (!mayProcess(customer, 'loyalty')) return undefined;
  const old = customer.lifetimeSpendMinor ?? 0;
  const spendMinor = old + totalMinor;
  const previousTier = customer.loyaltyTier ?? tierFor(old);
  const tier = tierFor(spendMinor);
  return {
    customerId: customer.customerId,
    expectedSpendMinor: customer.lifetimeSpendMinor,
    spendMinor,
    ...(tier === previousTier ? {} : { tier, previousTier }),
  };
};

export const moveOrderStatus = async (
  ports: Pick<OrderPorts, 'orders' | 'customers' | 'clock' | 'ids'>,
  orderId: string,
  to: OrderStatus,
  operatorId: string,
): Promise<Order> => {
  let from: OrderStatus | undefined;
  for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
    const order = await ports.orders.get(orderId);
    if (order === undefined) throw new NotFoundError('no such order', 'There is no such order.');
    // The operator decided on the status first read; if another move landed meanwhile, that one won.
    if (from !== undefined && order.status !== from) throw illegalMove(order.status, to);
    from = order.status;
    if (!allowedMoves[order.status].includes(to)) throw illegalMove(order.status, to);

    const now = ports.clock();
    const at = now.toISOString();
    const changed = domainEvent(ports.ids, now, 'OrderStatusChanged', { orderId, from: order.status, to }, order.customerId);
    const entry: StatusEntry = { status: to, at, actor: { type: 'operator', id: operatorId }, eventId: changed.eventId };
    const events = [changed];
    let loyalty: LoyaltyChange | undefined;
    if (to === 'DELIVERED') {
      const customer = await ports.customers.get(order.customerId);
      loyalty = customer === undefined ? undefined : loyaltyAfterDelivery(customer, order.totalMinor);
      if (loyalty?.tier !== undefined) {
        events.push(domainEvent(ports.ids, now, 'LoyaltyTierAssigned', { tier: loyalty.tier, previousTier: loyalty.previousTier }, order.customerId));
      }
    }

    const outcome = await ports.orders.move({ order, to, entry, events, ...(loyalty === undefined ? {} : { loyalty }) });
    if (outcome === 'done') return { ...order, status: to, statusHistory: [...order.statusHistory, entry], updatedAt: at };
    if (outcome === 'order') {
      const current = await ports.orders.get(orderId);
      // Our own write, committed before the SDK retried it after a lost answer: it did happen.
      if (current !== undefined && current.statusHistory.at(-1)?.eventId === entry.eventId) return current;
      throw illegalMove(current?.status ?? order.status, to);
    }
    // 'customer': another delivery (or a consent change) moved the customer's record on; recompute.
    // 'contended': a concurrent transaction on the same items; the next read decides.
    await pause(attempt);
  }
  throw new ConflictError('status move contended', 'The order changed concurrently; read it and try again.');
};
