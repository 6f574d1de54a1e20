import { quietAccountPorts } from '#adapters/quiet-account-ports';
import { httpHandler } from '#commons/http/handler';
import { ok } from '#commons/http/response';
import { login } from '#domain/accounts/sign-in';
import { login as route } from '#system/routes/accounts';

export const handler = httpHandler(route, async ({ body, sourceIp }) => ok(await login(quietAccountPorts, body.email, body.password, sourceIp)));
