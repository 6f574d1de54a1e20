import { privacyRequestStore } from '#adapters/privacy-request-store';
import { authenticatedHandler } from '#commons/http/authenticated';
import { ok } from '#commons/http/response';
import { getRequest, requestView } from '#domain/privacy/requests';
import { getPrivacyRequest as route } from '#system/routes/privacy';

export const handler = authenticatedHandler(route, async ({ params, principal }) =>
  ok(requestView(await getRequest(privacyRequestStore, principal.customerId, params.requestId), new Date())),
);
