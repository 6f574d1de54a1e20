import { privacyIdentityPorts } from '#adapters/privacy-identity-ports';
import { authenticatedHandler } from '#commons/http/authenticated';
import { ok } from '#commons/http/response';
import { actOnRequest, requestView } from '#domain/privacy/requests';
import { completePrivacyRequest as route } from '#system/routes/privacy';

export const handler = authenticatedHandler(route, async ({ params, body, principal }) =>
  ok(requestView(await actOnRequest(privacyIdentityPorts, params.requestId, 'complete', body.resolution, principal.customerId), new Date(), { audience: 'operator' })),
);
