/**
 * Scheduled job: sends each contractor's mailing system the changes recorded since its last
 * acknowledged batch (lambdas/domain/messaging/contractor-sync.ts) and publishes, per contractor,
 * the age of the oldest unacknowledged change and the number of changes sent.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { changeLogReader } from '#adapters/change-log';
import { contractorSyncState, contractors, postToContractor } from '#adapters/contractor-client';
import { secretValue } from '#adapters/secrets';
import { jobHandler } from '#commons/job';
import { metrics } from '#commons/metrics';
import { type ContractorSyncPorts, syncContractors } from '#domain/messaging/contractor-sync';

const publish = (name: string, contractor: string, unit: (typeof MetricUnit)[keyof typeof MetricUnit], value: number): void => {
  const single = metrics.singleMetric();
  single.addDimension('contractor', contractor);
  single.addMetric(name, unit, value);
};

const ports: ContractorSyncPorts = {
  state: contractorSyncState,
  changes: changeLogReader,
  post: postToContractor,
  secret: (secretId) => secretValue(secretId),
  metrics: {
    lag: (contractor, seconds) => publish('ContractorSyncLagSeconds', contractor, MetricUnit.Seconds, seconds),
    sent: (contractor, count) => publish('ContractorChangesSent', contractor, MetricUnit.Count, count),
  },
  clock: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export const handler = jobHandler((now) => syncContractors(ports, contractors(), now));
