import { customerStore } from '#adapters/customer-store';
import { authenticatedHandler } from '#commons/http/authenticated';
import { ok } from '#commons/http/response';
import { activeCustomer } from '#domain/accounts/profile';
import { consentView } from '#domain/consent/ledger';
import { listConsents } from '#system/routes/me';

export const handler = authenticatedHandler(listConsents, async ({ principal }) =>
  ok(consentView((await activeCustomer({ customers: customerStore }, principal.customerId)).consents)),
);
