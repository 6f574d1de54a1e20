/**
 * The basket (policy 1.3.2: service messages about items in the basket). A line keeps a product id
 * and a quantity only: prices come from the catalogue whenever the basket is read, so a client
 * never sets one and a price change shows at once. Every change (re)schedules the basket reminder
 * (lambdas/domain/shop/basket-reminders.ts); emptying the basket cancels it.
 */
import { quantitySchema } from '#system/schemas/shop';
import { type CatalogueItem, type CatalogueStore, currency } from '../catalogue/catalogue';
import { NotFoundError, RuleViolationError } from '../errors';

export interface BasketLine {
  readonly customerId: string;
  readonly productId: string;
  readonly quantity: number;
  readonly addedAt: string;
  readonly updatedAt: string;
}

/** What a change writes to the basket's summary besides the line: when, and when to remind. */
export interface BasketChange {
  readonly now: string;
  readonly reminderDueAt: string;
  /** Tells this change from any later one, so only the change that emptied the basket cancels the reminder. */
  readonly changeId: string;
}

/** The port the basket's logic needs; lambdas/adapters/basket-store.ts implements it on DynamoDB. */
export interface BasketStore {
  /** The customer's lines, as of the last change (strongly consistent). */
  lines(customerId: string): Promise<BasketLine[]>;
  /** Sets a line's quantity (keeping its `addedAt`) and reschedules the reminder, all or nothing. */
  setLine(customerId: string, productId: string, quantity: number, change: BasketChange): Promise<void>;
  /** Removes a line and reschedules the reminder, all or nothing; false (and nothing written) when there was no such line. */
  removeLine(customerId: string, productId: string, change: BasketChange): Promise<boolean>;
  /** Cancels the pending reminder, unless a change after `changeId` rescheduled it. */
  cancelReminder(customerId: string, changeId: string): Promise<void>;
}

export interface BasketPorts {
  readonly baskets: BasketStore;
  readonly catalogue: Pick<CatalogueStore<unknown>, 'get'>;
  readonly clock: () => Date;
  readonly ids: () => string;
  /** How long after the last change the reminder is due (configuration). */
  readonly reminderDelayHours: () => number;
}

export interface PricedBasket {
  readonly items: { productId: string; quantity: number; priceMinor: number }[];
  readonly totalMinor: number;
  readonly currency: typeof currency;
}

const byProductId = (a: { productId: string }, b: { productId: string }) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0);

/**
 * The basket at today's catalogue prices, lines in product-id order. A line whose book has left
 * the catalogue is neither shown nor counted: it cannot be ordered.
 */
export const priceBasket = (lines: readonly BasketLine[], books: ReadonlyMap<string, Pick<CatalogueItem, 'priceMinor'>>): PricedBasket => {
  const items = lines.flatMap((line) => {
    const book = books.get(line.productId);
    return book === undefined ? [] : [{ productId: line.productId, quantity: line.quantity, priceMinor: book.priceMinor }];
  });
  items.sort(byProductId);
  return { items, totalMinor: items.reduce((sum, item) => sum + item.priceMinor * item.quantity, 0), currency };
};

/** When the reminder for a basket changed at `now` is due. */
export const reminderDueAt = (now: Date, delayHours: number): string => new Date(now.getTime() + delayHours * 3_600_000).toISOString();

const change = (ports: Pick<BasketPorts, 'clock' | 'ids' | 'reminderDelayHours'>): BasketChange => {
  const now = ports.clock();
  return { now: now.toISOString(), reminderDueAt: reminderDueAt(now, ports.reminderDelayHours()), changeId: ports.ids() };
};

const priced = async (ports: Pick<BasketPorts, 'catalogue'>, lines: readonly BasketLine[]): Promise<PricedBasket> => {
  const productIds = [...new Set(lines.map((line) => line.productId))];
  const books = await Promise.all(productIds.map(async (productId) => [productId, await ports.catalogue.get(productId)] as const));
  return priceBasket(
    lines,
    new Map(books.flatMap(([productId, book]) => (book === undefined ? [] : [[productId, book] as const]))),
  );
};

export const viewBasket = async (ports: Pick<BasketPorts, 'baskets' | 'catalogue'>, customerId: string): Promise<PricedBasket> =>
  priced(ports, await ports.baskets.lines(customerId));

export const setBasketQuantity = async (ports: BasketPorts, customerId: string, productId: string, quantity: number): Promise<PricedBasket> => {
  // The route's schema checks it already; the rule is the domain's, so it holds for any caller.
  if (!quantitySchema.safeParse(quantity).success) {
    throw new RuleViolationError('quantity out of range', [{ path: 'body.quantity', message: 'must be a whole number from 1 to 99' }]);
  }
  if ((await ports.catalogue.get(productId)) === undefined) throw new NotFoundError('no such product', 'There is no book with this id.');
  await ports.baskets.setLine(customerId, productId, quantity, change(ports));
  return viewBasket(ports, customerId);
};

/** Removing a line that is not there changes nothing and answers the basket as it is. */
export const removeFromBasket = async (ports: BasketPorts, customerId: string, productId: string): Promise<PricedBasket> => {
  const made = change(ports);
  const removed = await ports.baskets.removeLine(customerId, productId, made);
  const lines = await ports.baskets.lines(customerId);
  if (removed && lines.length === 0) await ports.baskets.cancelReminder(customerId, made.changeId);
  return priced(ports, lines);
};
