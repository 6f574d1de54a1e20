import { customerStore } from '#adapters/customer-store';
import { httpHandler } from '#commons/http/handler';
import { ok } from '#commons/http/response';
import { activeCustomer, profileView } from '#domain/accounts/profile';
import { getMe } from '#system/routes/me';

export const handler = httpHandler(getMe, async ({ principal }) =>
  ok(profileView(await activeCustomer({ customers: customerStore }, principal.customerId))),
);
