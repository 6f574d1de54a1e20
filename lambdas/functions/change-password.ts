import { accountPorts } from '#adapters/account-ports';
import { authenticatedHandler } from '#commons/http/authenticated';
import { noContent } from '#commons/http/response';
import { changePassword } from '#domain/accounts/passwords';
import { changePassword as route } from '#system/routes/accounts';

export const handler = authenticatedHandler(route, async ({ body, principal, headers }) => {
  const accessToken = (headers['authorization'] ?? '').replace(/^Bearer\s+/i, '');
  await changePassword(accountPorts, principal, accessToken, body.currentPassword, body.newPassword);
  return noContent();
});
