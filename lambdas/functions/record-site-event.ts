import { siteEventCounter, siteEventRandom, siteEventWriter } from '#adapters/site-event-store';
import { httpHandler } from '#commons/http/handler';
import { accepted } from '#commons/http/response';
import { recordSiteEvent as record } from '#domain/analytics/site-events';
import { recordSiteEvent } from '#system/routes/analytics';

// Public: whatever Authorization or Cookie header comes with the view is not read.
export const handler = httpHandler(recordSiteEvent, async ({ body, sourceIp }) =>
  accepted(await record({ counter: siteEventCounter, events: siteEventWriter, random: siteEventRandom }, body, sourceIp, new Date())),
);
