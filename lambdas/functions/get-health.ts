import { httpHandler } from '#commons/http/handler';
import { ok } from '#commons/http/response';
import { getHealth } from '#system/routes/public';

export const handler = httpHandler(getHealth, async () => ok({ status: 'ok' }));
