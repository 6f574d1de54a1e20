import { basketStore } from '#adapters/basket-store';
import { catalogueStore } from '#adapters/catalogue-store';
import { httpHandler } from '#commons/http/handler';
import { ok } from '#commons/http/response';
import { viewBasket } from '#domain/shop/basket';
import { getBasket } from '#system/routes/shop';

export const handler = httpHandler(getBasket, async ({ principal }) =>
  ok(await viewBasket({ baskets: basketStore, catalogue: catalogueStore }, principal.customerId)),
);
