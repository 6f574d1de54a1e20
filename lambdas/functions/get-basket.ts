import { basketStore } from '#adapters/basket-store';
import { catalogueStore } from '#adapters/catalogue-store';
import { authenticatedHandler } from '#commons/http/authenticated';
import { ok } from '#commons/http/response';
import { viewBasket } from '#domain/shop/basket';
import { getBasket } from '#system/routes/shop';

export const handler = authenticatedHandler(getBasket, async ({ principal }) =>
  ok(await viewBasket({ baskets: basketStore, catalogue: catalogueStore }, principal.customerId)),
);
