import { httpHandler } from '#commons/http/handler';
import { ok } from '#commons/http/response';
import { openApiDocument } from '#system/openapi';
import { routes } from '#system/routes/index';
import { getOpenApi } from '#system/routes/public';

// Built once per execution environment: the routes do not change while it runs.
const document = openApiDocument(routes);

export const handler = httpHandler(getOpenApi, async () => ok(document, { 'Cache-Control': 'public, max-age=300' }));
