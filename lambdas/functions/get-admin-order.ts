import { randomUUID } from 'node:crypto';
import { auditTrail } from '#adapters/audit-trail';
import { orderStore } from '#adapters/order-store';
import { authenticatedHandler } from '#commons/http/authenticated';
import { ok } from '#commons/http/response';
import { adminOrderView, auditOrderRead, getOrderForOperator } from '#domain/shop/orders';
import { getAdminOrder as route } from '#system/routes/admin-orders';

export const handler = authenticatedHandler(route, async ({ params, principal }) => {
  const order = await getOrderForOperator(orderStore, params.orderId);
  await auditOrderRead({ audit: auditTrail, ids: randomUUID }, [order], principal.customerId, new Date());
  return ok(adminOrderView(order));
});
