import * as z from '../zod';
import { recommendationsSchema, siteEventSchema, siteStatsQuerySchema, siteStatsSchema } from '../schemas/analytics';
import { route } from './route';

// Each definition is a pure IIFE so that esbuild leaves out of a function's bundle whatever it does
// not use: see system/zod.ts.
export const recordSiteEvent = /* @__PURE__ */ (() =>
  route({
    handler: 'record-site-event',
    method: 'POST',
    path: '/v1/events',
    access: 'public',
    summary: 'A page view for site analytics: kept with the path, the referrer\'s origin and the IP truncated; never joined to a customer',
    tags: ['analytics'],
    request: { body: siteEventSchema },
    responses: { 202: { description: 'Recorded', schema: z.object({ status: z.literal('ACCEPTED') }) }, 429: { description: 'Too many events from this network' } },
    needs: { tables: { siteEvents: 'write', throttles: 'readWrite' } },
  }))();

export const getSiteStats = /* @__PURE__ */ (() =>
  route({
    handler: 'get-site-stats',
    method: 'GET',
    path: '/v1/admin/site-stats',
    access: 'operator',
    summary: 'Views per path and per referrer origin of one day (made by the daily aggregation job)',
    tags: ['operators', 'analytics'],
    request: { query: siteStatsQuerySchema },
    responses: { 200: { description: 'The day\'s figures', schema: siteStatsSchema } },
    needs: { tables: { siteStats: 'read' } },
  }))();

export const getRecommendations = /* @__PURE__ */ (() =>
  route({
    handler: 'get-recommendations',
    method: 'GET',
    path: '/v1/me/recommendations',
    access: 'customer',
    summary: 'Books recommended from purchases ("customers who bought this also bought"); 403 naming personalization without that consent',
    tags: ['me', 'analytics'],
    responses: {
      200: { description: 'Recommended books', schema: recommendationsSchema },
      403: { description: 'personalization is not granted, or its processing is stopped or blocked (the problem names it)' },
    },
    needs: { tables: { customers: 'read', recommendations: 'read', catalogue: 'read' } },
  }))();
