import { customerStore } from '#adapters/customer-store';
import { authenticatedHandler } from '#commons/http/authenticated';
import { ok } from '#commons/http/response';
import { listConsentReceipts } from '#system/routes/me';

export const handler = authenticatedHandler(listConsentReceipts, async ({ query, principal }) => {
  const page = await customerStore.receipts(principal.customerId, query.limit, query.cursor);
  return ok({ items: page.items, nextCursor: page.next ?? null });
});
