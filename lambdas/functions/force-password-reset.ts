import { accountPorts } from '#adapters/account-ports';
import { authenticatedHandler } from '#commons/http/authenticated';
import { accepted } from '#commons/http/response';
import { forcePasswordReset } from '#domain/accounts/takeover';
import { forcePasswordReset as route } from '#system/routes/admin-customers';

export const handler = authenticatedHandler(route, async ({ params, body, principal }) =>
  accepted(await forcePasswordReset(accountPorts, params.customerId, { type: 'operator', id: principal.customerId }, body.reason)),
);
