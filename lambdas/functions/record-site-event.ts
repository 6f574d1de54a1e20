import { siteEventCounter, siteEventRandom, siteEventWriter } from '#adapters/site-event-store';
import { httpHandler } from '#commons/http/handler';
import { accepted } from '#commons/http/response';
import { globalPrivacyControl, recordSiteEvent as record } from '#domain/analytics/site-events';
import { recordSiteEvent } from '#system/routes/analytics';

// Public: whatever Authorization or Cookie header comes with the view is not read; a view sent
// with Sec-GPC: 1 is not recorded at all.
export const handler = httpHandler(recordSiteEvent, async ({ body, sourceIp, headers }) =>
  accepted(
    await record({ counter: siteEventCounter, events: siteEventWriter, random: siteEventRandom }, body, sourceIp, new Date(), {
      gpc: globalPrivacyControl(headers),
    }),
  ),
);
