import { quietAccountPorts } from '#adapters/quiet-account-ports';
import { authenticatedHandler } from '#commons/http/authenticated';
import { noContent } from '#commons/http/response';
import { logout } from '#domain/accounts/sign-in';
import { logout as route } from '#system/routes/accounts';

export const handler = authenticatedHandler(route, async ({ body, principal }) => {
  await logout(quietAccountPorts, principal.customerId, principal.sessionId, body.refreshToken);
  return noContent();
});
