import { quietAccountPorts } from '#adapters/quiet-account-ports';
import { authenticatedHandler } from '#commons/http/authenticated';
import { ok } from '#commons/http/response';
import { rectify } from '#domain/accounts/profile';
import { patchMe } from '#system/routes/me';

export const handler = authenticatedHandler(patchMe, async ({ body, principal }) => ok(await rectify(quietAccountPorts, principal.customerId, body)));
