import { orderPorts } from '#adapters/order-ports';
import { authenticatedHandler } from '#commons/http/authenticated';
import { idempotencyKeyOf } from '#commons/http/idempotency';
import { created } from '#commons/http/response';
import { orderView, placeOrder } from '#domain/shop/orders';
import { placeOrder as route } from '#system/routes/shop';

export const handler = authenticatedHandler(route, async ({ body, headers, principal }) =>
  created(orderView(await placeOrder(orderPorts, principal.customerId, body, idempotencyKeyOf(headers)))),
);
