import { randomUUID } from 'node:crypto';
import { basketReminderDelayHours, basketStore } from '#adapters/basket-store';
import { catalogueStore } from '#adapters/catalogue-store';
import { authenticatedHandler } from '#commons/http/authenticated';
import { ok } from '#commons/http/response';
import { type BasketPorts, removeFromBasket } from '#domain/shop/basket';
import { deleteBasketItem } from '#system/routes/shop';

const ports: BasketPorts = {
  baskets: basketStore,
  catalogue: catalogueStore,
  clock: () => new Date(),
  ids: () => randomUUID(),
  reminderDelayHours: basketReminderDelayHours,
};

export const handler = authenticatedHandler(deleteBasketItem, async ({ params, principal }) =>
  ok(await removeFromBasket(ports, principal.customerId, params.productId)),
);
