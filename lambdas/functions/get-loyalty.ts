import { customerStore } from '#adapters/customer-store';
import { authenticatedHandler } from '#commons/http/authenticated';
import { ok } from '#commons/http/response';
import { customerLoyalty } from '#domain/shop/loyalty';
import { getLoyalty } from '#system/routes/shop';

export const handler = authenticatedHandler(getLoyalty, async ({ principal }) =>
  ok(await customerLoyalty({ customers: customerStore }, principal.customerId)),
);
