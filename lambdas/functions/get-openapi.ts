import { httpHandler } from '#commons/http/handler';
import { ok } from '#commons/http/response';
import { openApiDocument } from '#system/openapi';
import { routes } from '#system/routes/index';
import { getOpenApi } from '#system/routes/public';

// Built once per execution environment (the routes do not change while it runs), on the first
// request rather than at load: that request pays for it (about 10 ms) instead of the import.
let document: ReturnType<typeof openApiDocument> | undefined;

export const handler = httpHandler(getOpenApi, async () => ok((document ??= openApiDocument(routes)), { 'Cache-Control': 'public, max-age=300' }));
