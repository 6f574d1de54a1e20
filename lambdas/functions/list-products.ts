import { catalogueCursorSchema, catalogueStore } from '#adapters/catalogue-store';
import { decodeCursor, encodeCursor } from '#commons/http/cursor';
import { httpHandler } from '#commons/http/handler';
import { ok } from '#commons/http/response';
import { listProducts } from '#domain/catalogue/catalogue';
import { listProducts as route } from '#system/routes/public';

export const handler = httpHandler(route, async ({ query }) => {
  const page = await listProducts(catalogueStore, query.limit, decodeCursor(query.cursor, catalogueCursorSchema));
  return ok({ items: page.items, nextCursor: encodeCursor(page.next) }, { 'Cache-Control': 'public, max-age=60' });
});
