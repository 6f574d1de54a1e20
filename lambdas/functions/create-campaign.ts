import { audienceReader, campaignStore, fanOutQueueAdapter } from '#adapters/campaign-store';
import { authenticatedHandler } from '#commons/http/authenticated';
import { idempotencyKeyOf } from '#commons/http/idempotency';
import { accepted } from '#commons/http/response';
import { createCampaign as create } from '#domain/messaging/campaigns';
import { createCampaign } from '#system/routes/messaging';

const ports = { campaigns: campaignStore, audiences: audienceReader, fanOut: fanOutQueueAdapter, clock: () => new Date() };

export const handler = authenticatedHandler(createCampaign, async ({ body, principal, headers }) =>
  accepted(await create(ports, principal.customerId, body, idempotencyKeyOf(headers))),
);
