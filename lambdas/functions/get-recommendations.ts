import { customerStore } from '#adapters/customer-store';
import { recommendationReadStore } from '#adapters/recommendation-store';
import { authenticatedHandler } from '#commons/http/authenticated';
import { ok } from '#commons/http/response';
import { activeCustomer } from '#domain/accounts/profile';
import { customerRecommendations } from '#domain/analytics/recommendations';
import { getRecommendations } from '#system/routes/analytics';

export const handler = authenticatedHandler(getRecommendations, async ({ principal }) =>
  ok(await customerRecommendations(recommendationReadStore, await activeCustomer({ customers: customerStore }, principal.customerId))),
);
