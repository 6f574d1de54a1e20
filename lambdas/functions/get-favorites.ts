import { favoritesStore } from '#adapters/favorites-store';
import { httpHandler } from '#commons/http/handler';
import { ok } from '#commons/http/response';
import { listFavorites } from '#domain/shop/favorites';
import { getFavorites } from '#system/routes/shop';

export const handler = httpHandler(getFavorites, async ({ principal }) =>
  ok(await listFavorites({ favorites: favoritesStore }, principal.customerId)),
);
