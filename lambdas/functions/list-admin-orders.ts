import { randomUUID } from 'node:crypto';
import { auditTrail } from '#adapters/audit-trail';
import { ordersByMonth } from '#adapters/orders-by-month';
import { authenticatedHandler } from '#commons/http/authenticated';
import { ok } from '#commons/http/response';
import { auditOrderRead, listOrdersOfMonth } from '#domain/shop/orders';
import { listAdminOrders as route } from '#system/routes/admin-orders';

export const handler = authenticatedHandler(route, async ({ query, principal }) => {
  const now = new Date();
  const page = await listOrdersOfMonth(ordersByMonth, query, now);
  await auditOrderRead({ audit: auditTrail, ids: randomUUID }, page.items, principal.customerId, now);
  return ok(page);
});
