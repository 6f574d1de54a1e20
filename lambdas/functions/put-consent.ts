import { accountPorts } from '#adapters/account-ports';
import { authenticatedHandler } from '#commons/http/authenticated';
import { ok } from '#commons/http/response';
import { changeConsent } from '#domain/consent/consents';
import { putConsent } from '#system/routes/me';

export const handler = authenticatedHandler(putConsent, async ({ params, body, principal }) =>
  ok(await changeConsent(accountPorts, principal.customerId, params.purpose, body)),
);
