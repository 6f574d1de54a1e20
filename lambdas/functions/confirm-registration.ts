import { quietAccountPorts } from '#adapters/quiet-account-ports';
import { httpHandler } from '#commons/http/handler';
import { noContent } from '#commons/http/response';
import { confirm } from '#domain/accounts/registration';
import { confirmRegistration } from '#system/routes/accounts';

export const handler = httpHandler(confirmRegistration, async ({ body }) => {
  await confirm(quietAccountPorts, body.email, body.code);
  return noContent();
});
