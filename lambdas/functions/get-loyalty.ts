import { customerStore } from '#adapters/customer-store';
import { httpHandler } from '#commons/http/handler';
import { ok } from '#commons/http/response';
import { customerLoyalty } from '#domain/shop/loyalty';
import { getLoyalty } from '#system/routes/shop';

export const handler = httpHandler(getLoyalty, async ({ principal }) =>
  ok(await customerLoyalty({ customers: customerStore }, principal.customerId)),
);
