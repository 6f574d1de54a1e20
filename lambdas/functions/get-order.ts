import { orderStore } from '#adapters/order-store';
import { httpHandler } from '#commons/http/handler';
import { ok } from '#commons/http/response';
import { getOrder, orderView } from '#domain/shop/orders';
import { getOrder as route } from '#system/routes/shop';

export const handler = httpHandler(route, async ({ params, principal }) =>
  ok(orderView(await getOrder(orderStore, principal.customerId, params.orderId))),
);
