import { catalogueStore } from '#adapters/catalogue-store';
import { favoritesStore } from '#adapters/favorites-store';
import { httpHandler } from '#commons/http/handler';
import { ok } from '#commons/http/response';
import { addFavorite } from '#domain/shop/favorites';
import { putFavorite } from '#system/routes/shop';

export const handler = httpHandler(putFavorite, async ({ params, principal }) =>
  ok(await addFavorite({ favorites: favoritesStore, catalogue: catalogueStore, clock: () => new Date() }, principal.customerId, params.productId)),
);
