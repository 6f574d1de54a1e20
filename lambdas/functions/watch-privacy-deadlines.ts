import { randomUUID } from 'node:crypto';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { outboundQueue } from '#adapters/outbound-queue';
import { privacyRequestStore } from '#adapters/privacy-request-store';
import { requireEnv } from '#commons/config';
import { jobHandler } from '#commons/job';
import { metrics } from '#commons/metrics';
import { watchDeadlines } from '#domain/privacy/requests';

export const handler = jobHandler(async (now) => {
  const result = await watchDeadlines(
    {
      requests: privacyRequestStore,
      messages: outboundQueue,
      metrics: { overdue: (count) => metrics.addMetric('PrivacyRequestsOverdue', MetricUnit.Count, count) },
      operationsEmail: requireEnv('OPERATIONS_EMAIL'),
      ids: () => randomUUID(),
    },
    now,
  );
  metrics.publishStoredMetrics();
  return result;
});
