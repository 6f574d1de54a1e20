/**
 * Operators set a book's price. The change and its `ProductPriceChanged` event are one
 * transaction; the event carries `dropped` so its consumers (a lower price tells those who keep
 * the book in favourites) need not compare amounts. A rise is an event too (`dropped: false`):
 * the outbox then holds the book's whole price history, and a consumer ignores what it does not
 * need. Setting the price it already has changes nothing and writes no event.
 */
import { ConflictError, NotFoundError } from '../errors';
import { type DomainEvent, domainEvent } from '../events/domain-events';
import { type CatalogueItem, toProduct } from './catalogue';
import type { Product } from '#system/schemas/catalogue';

/** `changed`: the item is gone or its price is no longer the one the change was computed from. */
export type PriceWriteOutcome = 'done' | 'changed' | 'contended';

/** The port; lambdas/adapters/price-list.ts implements it on DynamoDB. */
export interface PriceList {
  get(productId: string): Promise<CatalogueItem | undefined>;
  /** Sets the price if the item exists with `item.priceMinor`, and writes the event with it. */
  setPrice(item: CatalogueItem, priceMinor: number, at: string, event: DomainEvent): Promise<PriceWriteOutcome>;
}

export interface PricingPorts {
  readonly prices: PriceList;
  readonly clock: () => Date;
  readonly ids: () => string;
}

export const changePrice = async (ports: PricingPorts, productId: string, priceMinor: number): Promise<Product> => {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const item = await ports.prices.get(productId);
    if (item === undefined) throw new NotFoundError('no such product', 'There is no book with this id.');
    if (item.priceMinor === priceMinor) return toProduct(item);
    const now = ports.clock();
    const event = domainEvent(ports.ids, now, 'ProductPriceChanged', {
      productId,
      oldPriceMinor: item.priceMinor,
      newPriceMinor: priceMinor,
      dropped: priceMinor < item.priceMinor,
    });
    const outcome = await ports.prices.setPrice(item, priceMinor, now.toISOString(), event);
    if (outcome === 'done') return toProduct({ ...item, priceMinor });
    // Another operator changed the price meanwhile (or the book went): read again, so the event's
    // old price is the one actually replaced.
  }
  throw new ConflictError('price contended', 'The price changed concurrently; read it and try again.');
};
