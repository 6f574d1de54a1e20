import { catalogueStore } from '#adapters/catalogue-store';
import { httpHandler } from '#commons/http/handler';
import { ok } from '#commons/http/response';
import { getProduct } from '#domain/catalogue/catalogue';
import { getProduct as route } from '#system/routes/public';

export const handler = httpHandler(route, async ({ params }) =>
  ok(await getProduct(catalogueStore, params.productId), { 'Cache-Control': 'public, max-age=60' }),
);
