import { accountPorts } from '#adapters/account-ports';
import { httpHandler } from '#commons/http/handler';
import { accepted } from '#commons/http/response';
import { register } from '#domain/accounts/registration';
import { register as route } from '#system/routes/accounts';

export const handler = httpHandler(route, async ({ body }) => accepted(await register(accountPorts, body)));
