import { orderStore } from '#adapters/order-store';
import { authenticatedHandler } from '#commons/http/authenticated';
import { ok } from '#commons/http/response';
import { listOrders } from '#domain/shop/orders';
import { listOrders as route } from '#system/routes/shop';

export const handler = authenticatedHandler(route, async ({ query, principal }) =>
  ok(await listOrders(orderStore, principal.customerId, query.limit, query.cursor)),
);
