import { privacyPorts } from '#adapters/privacy-ports';
import { authenticatedHandler } from '#commons/http/authenticated';
import { ok } from '#commons/http/response';
import { auditQueueRead, listQueue } from '#domain/privacy/requests';
import { listPrivacyQueue as route } from '#system/routes/privacy';

export const handler = authenticatedHandler(route, async ({ query, principal }) => {
  const now = new Date();
  const page = await listQueue(privacyPorts.requests, query, now);
  await auditQueueRead(privacyPorts, page.items, principal.customerId, now);
  return ok(page);
});
