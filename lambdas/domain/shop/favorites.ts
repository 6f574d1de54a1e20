/**
 * Favourites: books a customer keeps, to hear when one gets cheaper (policy 1.3.2; the price
 * change itself is the catalogue's event). Keeping a book twice keeps it once, from the first time.
 */
import type { CatalogueStore } from '../catalogue/catalogue';
import { NotFoundError } from '../errors';

export interface Favorite {
  readonly customerId: string;
  readonly productId: string;
  readonly addedAt: string;
}

/** The port the favourites' logic needs; lambdas/adapters/favorites-store.ts implements it on DynamoDB. */
export interface FavoritesStore {
  /** The customer's favourites, as of the last change (strongly consistent). */
  list(customerId: string): Promise<Favorite[]>;
  /** Keeps a book; one already kept keeps its first `addedAt`. */
  add(favorite: Favorite): Promise<void>;
  remove(customerId: string, productId: string): Promise<void>;
}

export interface FavoritesPorts {
  readonly favorites: FavoritesStore;
  readonly catalogue: Pick<CatalogueStore<unknown>, 'get'>;
  readonly clock: () => Date;
}

export interface FavoritesView {
  readonly items: { productId: string; addedAt: string }[];
}

/** Newest first; books kept at the same instant in product-id order. */
export const favoritesView = (favorites: readonly Favorite[]): FavoritesView => ({
  items: [...favorites]
    .sort((a, b) => (a.addedAt !== b.addedAt ? (a.addedAt < b.addedAt ? 1 : -1) : a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0))
    .map(({ productId, addedAt }) => ({ productId, addedAt })),
});

export const listFavorites = async (ports: Pick<FavoritesPorts, 'favorites'>, customerId: string): Promise<FavoritesView> =>
  favoritesView(await ports.favorites.list(customerId));

export const addFavorite = async (ports: FavoritesPorts, customerId: string, productId: string): Promise<FavoritesView> => {
  if ((await ports.catalogue.get(productId)) === undefined) throw new NotFoundError('no such product', 'There is no book with this id.');
  await ports.favorites.add({ customerId, productId, addedAt: ports.clock().toISOString() });
  return listFavorites(ports, customerId);
};

/** Removing a book that is not kept changes nothing. */
export const removeFavorite = async (ports: Pick<FavoritesPorts, 'favorites'>, customerId: string, productId: string): Promise<FavoritesView> => {
  await ports.favorites.remove(customerId, productId);
  return listFavorites(ports, customerId);
};
