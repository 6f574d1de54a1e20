import { siteStatsOfDay } from '#adapters/site-event-store';
import { authenticatedHandler } from '#commons/http/authenticated';
import { ok } from '#commons/http/response';
import { siteStatsOf } from '#domain/analytics/site-events';
import { getSiteStats } from '#system/routes/analytics';

export const handler = authenticatedHandler(getSiteStats, async ({ query }) => ok(siteStatsOf(query.day, await siteStatsOfDay(query.day))));
