import { randomUUID } from 'node:crypto';
import { auditTrail } from '#adapters/audit-trail';
import { authenticatedHandler } from '#commons/http/authenticated';
import { ok } from '#commons/http/response';
import { auditEntry } from '#domain/audit/audit';
import { listCustomerAudit } from '#system/routes/admin-customers';

export const handler = authenticatedHandler(listCustomerAudit, async ({ params, query, principal }) => {
  const page = await auditTrail.page(params.customerId, query.limit, query.cursor);
  // An operator reading a customer's record is itself an event of that record.
  await auditTrail.append(
    auditEntry(randomUUID, new Date(), params.customerId, { type: 'operator', id: principal.customerId }, 'audit.read', { entries: page.items.length }),
  );
  return ok({ items: page.items, nextCursor: page.next ?? null });
});
