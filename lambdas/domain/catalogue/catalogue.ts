/**
 * The catalogue of books. Prices are the catalogue's own: clients never set them.
 */
import type { Product } from '#system/schemas/catalogue';
import { NotFoundError } from '../errors';

export const currency = 'RUB' as const;

export interface CatalogueItem extends Product {
  readonly publishedYear?: number;
}

export interface Page<T, K> {
  readonly items: readonly T[];
  readonly next: K | undefined;
}

/** The port the catalogue's logic needs; lambdas/adapters/catalogue-store.ts implements it on DynamoDB. */
export interface CatalogueStore<K> {
  page(limit: number, startAfter: K | undefined): Promise<Page<CatalogueItem, K>>;
  get(productId: string): Promise<CatalogueItem | undefined>;
  putIfAbsent(item: CatalogueItem): Promise<boolean>;
}

export const toProduct = ({ productId, title, author, priceMinor }: CatalogueItem): Product => ({
  productId,
  title,
  author,
  priceMinor,
  currency,
});

export const getProduct = async <K>(store: CatalogueStore<K>, productId: string): Promise<Product> => {
  const item = await store.get(productId);
  if (item === undefined) throw new NotFoundError('no such product', 'There is no book with this id.');
  return toProduct(item);
};

export const listProducts = async <K>(store: CatalogueStore<K>, limit: number, startAfter: K | undefined) => {
  const page = await store.page(limit, startAfter);
  return { items: page.items.map(toProduct), next: page.next };
};

/** Adds every seed book that is missing; a book already there keeps its (possibly changed) price. */
export const seedCatalogue = async <K>(
  store: CatalogueStore<K>,
  books: readonly Omit<CatalogueItem, 'currency'>[],
): Promise<{ added: number; kept: number }> => {
  let added = 0;
  for (let i = 0; i < books.length; i += 10) {
    const batch = books.slice(i, i + 10);
    const results = await Promise.all(batch.map((book) => store.putIfAbsent({ ...book, currency })));
    added += results.filter(Boolean).length;
  }
  return { added, kept: books.length - added };
};
