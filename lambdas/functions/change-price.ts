import { pricingPorts } from '#adapters/price-list';
import { authenticatedHandler } from '#commons/http/authenticated';
import { ok } from '#commons/http/response';
import { changePrice } from '#domain/catalogue/pricing';
import { changePrice as route } from '#system/routes/shop';

export const handler = authenticatedHandler(route, async ({ params, body }) => ok(await changePrice(pricingPorts, params.productId, body.priceMinor)));
