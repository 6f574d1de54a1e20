import { customerStore } from '#adapters/customer-store';
import { httpHandler } from '#commons/http/handler';
import { ok } from '#commons/http/response';
import { listConsentReceipts } from '#system/routes/me';

export const handler = httpHandler(listConsentReceipts, async ({ query, principal }) => {
  const page = await customerStore.receipts(principal.customerId, query.limit, query.cursor);
  return ok({ items: page.items, nextCursor: page.next ?? null });
});
