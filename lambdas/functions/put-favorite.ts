import { catalogueStore } from '#adapters/catalogue-store';
import { favoritesStore } from '#adapters/favorites-store';
import { authenticatedHandler } from '#commons/http/authenticated';
import { ok } from '#commons/http/response';
import { addFavorite } from '#domain/shop/favorites';
import { putFavorite } from '#system/routes/shop';

export const handler = authenticatedHandler(putFavorite, async ({ params, principal }) =>
  ok(await addFavorite({ favorites: favoritesStore, catalogue: catalogueStore, clock: () => new Date() }, principal.customerId, params.productId)),
);
