import { accountPorts } from '#adapters/account-ports';
import { authenticatedHandler } from '#commons/http/authenticated';
import { accepted } from '#commons/http/response';
import { closeAccount } from '#domain/accounts/profile';
import { deleteMe } from '#system/routes/me';

export const handler = authenticatedHandler(deleteMe, async ({ body, principal }) =>
  accepted(await closeAccount(accountPorts, principal.customerId, body?.withdrawConsents ?? false)),
);
