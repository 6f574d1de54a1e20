import { randomUUID } from 'node:crypto';
import { recommendationBuildStore } from '#adapters/recommendation-store';
import { jobHandler } from '#commons/job';
import { buildRecommendations } from '#domain/analytics/recommendations';

export const handler = jobHandler(async (now) => buildRecommendations({ ...recommendationBuildStore, ids: () => randomUUID() }, now));
