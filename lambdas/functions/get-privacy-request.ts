import { accessExportStore } from '#adapters/access-export-store';
import { privacyRequestStore } from '#adapters/privacy-request-store';
import { authenticatedHandler } from '#commons/http/authenticated';
import { ok } from '#commons/http/response';
import { getRequest, requestView } from '#domain/privacy/requests';
import { getPrivacyRequest as route } from '#system/routes/privacy';

export const handler = authenticatedHandler(route, async ({ params, principal }) => {
  const request = await getRequest(privacyRequestStore, principal.customerId, params.requestId);
  const view = requestView(request, new Date());
  // A completed access request answers with its export: the machine-readable copy of all data held.
  if (request.type === 'access' && request.status === 'COMPLETED') {
    return ok({ ...view, result: (await accessExportStore.load(request.requestId)) ?? null });
  }
  return ok(view);
});
