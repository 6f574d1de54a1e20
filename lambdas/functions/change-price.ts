import { pricingPorts } from '#adapters/price-list';
import { httpHandler } from '#commons/http/handler';
import { ok } from '#commons/http/response';
import { changePrice } from '#domain/catalogue/pricing';
import { changePrice as route } from '#system/routes/shop';

export const handler = httpHandler(route, async ({ params, body }) => ok(await changePrice(pricingPorts, params.productId, body.priceMinor)));
