import { accountPorts } from '#adapters/account-ports';
import { httpHandler } from '#commons/http/handler';
import { ok } from '#commons/http/response';
import { rectify } from '#domain/accounts/profile';
import { patchMe } from '#system/routes/me';

export const handler = httpHandler(patchMe, async ({ body, principal }) => ok(await rectify(accountPorts, principal.customerId, body)));
