import { accountPorts } from '#adapters/account-ports';
import { httpHandler } from '#commons/http/handler';
import { accepted } from '#commons/http/response';
import { closeAccount } from '#domain/accounts/profile';
import { deleteMe } from '#system/routes/me';

export const handler = httpHandler(deleteMe, async ({ body, principal }) =>
  accepted(await closeAccount(accountPorts, principal.customerId, body?.withdrawConsents ?? false)),
);
