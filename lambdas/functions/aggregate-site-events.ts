import { siteStatsJobPorts } from '#adapters/site-event-store';
import { jobHandler } from '#commons/job';
import { aggregateSiteEvents } from '#domain/analytics/site-events';

export const handler = jobHandler(async (now) => aggregateSiteEvents(siteStatsJobPorts, now, new Date()));
