import { watchList } from '#adapters/watch-list';
import { httpHandler } from '#commons/http/handler';
import { ok } from '#commons/http/response';
import { listWatchList } from '#system/routes/admin-customers';

export const handler = httpHandler(listWatchList, async ({ query }) => ok({ items: await watchList.list(query.status, query.limit) }));
