import { privacyPorts } from '#adapters/privacy-ports';
import { authenticatedHandler } from '#commons/http/authenticated';
import { idempotencyKeyOf } from '#commons/http/idempotency';
import { created } from '#commons/http/response';
import { createRequest, requestView } from '#domain/privacy/requests';
import { createPrivacyRequest as route } from '#system/routes/privacy';

export const handler = authenticatedHandler(route, async ({ body, headers, principal }) =>
  created(requestView(await createRequest(privacyPorts, principal.customerId, body, idempotencyKeyOf(headers)), new Date())),
);
