import { randomUUID } from 'node:crypto';
import { disclosureStore } from '#adapters/disclosure-store';
import { authenticatedHandler } from '#commons/http/authenticated';
import { idempotencyKeyOf } from '#commons/http/idempotency';
import { created } from '#commons/http/response';
import { disclosureView, recordDisclosure as record } from '#domain/privacy/disclosures';
import { recordDisclosure } from '#system/routes/privacy';

const ports = { disclosures: disclosureStore, clock: () => new Date(), ids: randomUUID };

export const handler = authenticatedHandler(recordDisclosure, async ({ body, principal, headers }) =>
  created(disclosureView(await record(ports, principal.customerId, body, idempotencyKeyOf(headers)))),
);
