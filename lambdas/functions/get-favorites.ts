import { favoritesStore } from '#adapters/favorites-store';
import { authenticatedHandler } from '#commons/http/authenticated';
import { ok } from '#commons/http/response';
import { listFavorites } from '#domain/shop/favorites';
import { getFavorites } from '#system/routes/shop';

export const handler = authenticatedHandler(getFavorites, async ({ principal }) =>
  ok(await listFavorites({ favorites: favoritesStore }, principal.customerId)),
);
