import { orderStore } from '#adapters/order-store';
import { authenticatedHandler } from '#commons/http/authenticated';
import { ok } from '#commons/http/response';
import { getOrder, orderView } from '#domain/shop/orders';
import { getOrder as route } from '#system/routes/shop';

export const handler = authenticatedHandler(route, async ({ params, principal }) =>
  ok(orderView(await getOrder(orderStore, principal.customerId, params.orderId))),
);
