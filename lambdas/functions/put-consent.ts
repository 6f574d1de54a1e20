import { accountPorts } from '#adapters/account-ports';
import { httpHandler } from '#commons/http/handler';
import { ok } from '#commons/http/response';
import { changeConsent } from '#domain/consent/consents';
import { putConsent } from '#system/routes/me';

export const handler = httpHandler(putConsent, async ({ params, body, principal }) =>
  ok(await changeConsent(accountPorts, principal.customerId, params.purpose, body)),
);
