import { privacyRequestStore } from '#adapters/privacy-request-store';
import { authenticatedHandler } from '#commons/http/authenticated';
import { ok } from '#commons/http/response';
import { listRequests } from '#domain/privacy/requests';
import { listPrivacyRequests as route } from '#system/routes/privacy';

export const handler = authenticatedHandler(route, async ({ query, principal }) =>
  ok(await listRequests(privacyRequestStore, principal.customerId, query.limit, query.cursor, new Date())),
);
