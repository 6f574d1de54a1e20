import { watchList } from '#adapters/watch-list';
import { authenticatedHandler } from '#commons/http/authenticated';
import { ok } from '#commons/http/response';
import { listWatchList } from '#system/routes/admin-customers';

export const handler = authenticatedHandler(listWatchList, async ({ query }) => ok({ items: await watchList.list(query.status, query.limit) }));
