import { orderPorts } from '#adapters/order-ports';
import { authenticatedHandler } from '#commons/http/authenticated';
import { ok } from '#commons/http/response';
import { moveOrderStatus, orderView } from '#domain/shop/orders';
import { moveOrderStatus as route } from '#system/routes/shop';

export const handler = authenticatedHandler(route, async ({ params, body, principal }) =>
  ok(orderView(await moveOrderStatus(orderPorts, params.orderId, body.status, principal.customerId), 'operator')),
);
