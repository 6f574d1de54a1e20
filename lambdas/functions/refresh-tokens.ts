import { quietAccountPorts } from '#adapters/quiet-account-ports';
import { httpHandler } from '#commons/http/handler';
import { ok } from '#commons/http/response';
import { refresh } from '#domain/accounts/sign-in';
import { refreshTokens } from '#system/routes/accounts';

export const handler = httpHandler(refreshTokens, async ({ body }) => ok(await refresh(quietAccountPorts, body.refreshToken)));
