import { favoritesStore } from '#adapters/favorites-store';
import { authenticatedHandler } from '#commons/http/authenticated';
import { ok } from '#commons/http/response';
import { removeFavorite } from '#domain/shop/favorites';
import { deleteFavorite } from '#system/routes/shop';

// No catalogue here: a book that left the catalogue can still be taken out of favourites.
export const handler = authenticatedHandler(deleteFavorite, async ({ params, principal }) =>
  ok(await removeFavorite({ favorites: favoritesStore }, principal.customerId, params.productId)),
);
