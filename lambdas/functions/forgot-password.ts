import { quietAccountPorts } from '#adapters/quiet-account-ports';
import { httpHandler } from '#commons/http/handler';
import { accepted } from '#commons/http/response';
import { forgotPassword } from '#domain/accounts/passwords';
import { forgotPassword as route } from '#system/routes/accounts';

export const handler = httpHandler(route, async ({ body, sourceIp }) => {
  await forgotPassword(quietAccountPorts, body.email, sourceIp);
  return accepted({ status: 'CODE_SENT_IF_REGISTERED' });
});
