import { accountPorts } from '#adapters/account-ports';
import { httpHandler } from '#commons/http/handler';
import { noContent } from '#commons/http/response';
import { resetPassword } from '#domain/accounts/passwords';
import { resetPassword as route } from '#system/routes/accounts';

export const handler = httpHandler(route, async ({ body, sourceIp }) => {
  await resetPassword(accountPorts, body.email, body.code, body.newPassword, sourceIp);
  return noContent();
});
