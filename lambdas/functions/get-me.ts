import { customerStore } from '#adapters/customer-store';
import { authenticatedHandler } from '#commons/http/authenticated';
import { ok } from '#commons/http/response';
import { activeCustomer, profileView } from '#domain/accounts/profile';
import { getMe } from '#system/routes/me';

export const handler = authenticatedHandler(getMe, async ({ principal }) =>
  ok(profileView(await activeCustomer({ customers: customerStore }, principal.customerId))),
);
