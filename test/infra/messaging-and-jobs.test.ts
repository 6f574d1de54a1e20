/**
 * Asynchronous work: every queue of system/queues.ts is encrypted, TLS-only and parks poison
 * messages in a dead-letter queue that raises an alarm; consumers report partial batch failures;
 * alarms go to an encrypted topic; scheduled jobs retry and dead-letter like queues do.
 */
import { describe, expect, it } from 'vitest';
import { Alarms } from '../../lib/constructs/alarms';
import type { JobDefinition } from '../../system/jobs';
import { streamConsumers } from '../../system/streams';
import { type QueueDefinition, type QueueName, queues } from '../../system/queues';
import {
  actionsOf,
  arnOf,
  deniesInsecureTransport,
  logicalIdOf,
  pascal,
  ref,
  referencedIds,
  resourceById,
  resourcesOf,
  single,
  statementsOf,
  synthStack,
  testStage,
} from './app';

const { template, stack } = synthStack();
const keyId = logicalIdOf(stack.data.key);

const alarms = stack.node.findChild('Alarms');
if (!(alarms instanceof Alarms)) throw new Error('the stack has no Alarms construct');
const topicId = logicalIdOf(alarms.topic);

const definitions = Object.entries(queues) as [QueueName, QueueDefinition][];

/** The dead-letter queue a queue's redrive policy names. */
const deadLetterIdOf = (queueId: string): string => {
  const redrive = resourceById(template, queueId).properties['RedrivePolicy'] as { deadLetterTargetArn?: unknown } | undefined;
  return single(referencedIds(redrive?.deadLetterTargetArn), `dead-letter queue of ${queueId}`);
};

/** Asserts an alarm on the queue's visible messages, above zero, that notifies the alarm topic. */
const expectEmptyQueueAlarm = (queueId: string) => {
  const alarm = single(
    resourcesOf(template, 'AWS::CloudWatch::Alarm').filter(
      (a) =>
        a.properties['Namespace'] === 'AWS/SQS' &&
        a.properties['MetricName'] === 'ApproximateNumberOfMessagesVisible' &&
        JSON.stringify(a.properties['Dimensions']) === JSON.stringify([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }]),
    ),
    `alarm on ${queueId}`,
  );
  expect(alarm.properties).toMatchObject({ ComparisonOperator: 'GreaterThanThreshold', Threshold: 0 });
  expect(alarm.properties['AlarmActions']).toEqual([ref(topicId)]);
};

describe.each(definitions)('queue %s', (name, definition) => {
  const queueId = logicalIdOf(stack.messaging.queues[name]);

  it(`moves a message to a dead-letter queue after ${definition.maxReceiveCount} receives`, () => {
    const queue = resourceById(template, queueId);
    expect(queue.properties['RedrivePolicy']).toMatchObject({ maxReceiveCount: definition.maxReceiveCount });
    expect(resourceById(template, deadLetterIdOf(queueId)).type).toBe('AWS::SQS::Queue');
  });

  it('and its dead-letter queue are encrypted with the stack key', () => {
    expect(resourceById(template, queueId).properties['KmsMasterKeyId']).toEqual(arnOf(keyId));
    expect(resourceById(template, deadLetterIdOf(queueId)).properties['KmsMasterKeyId']).toEqual(arnOf(keyId));
  });

  it('raises an alarm to the alarm topic when its dead-letter queue holds a message', () => {
    expectEmptyQueueAlarm(deadLetterIdOf(queueId));
  });

  it(`is consumed by ${definition.consumer} in batches of ${definition.batchSize} with partial failures`, () => {
    const consumer = stack.workers.node.findChild(`${name}Consumer`).node.findChild('Function');
    const mapping = single(
      resourcesOf(template, 'AWS::Lambda::EventSourceMapping').filter(
        (m) => JSON.stringify(m.properties['EventSourceArn']) === JSON.stringify(arnOf(queueId)),
      ),
      `event source mapping of ${name}`,
    );
    expect(mapping.properties['FunctionName']).toEqual(ref(logicalIdOf(consumer)));
    expect(mapping.properties['FunctionResponseTypes']).toEqual(['ReportBatchItemFailures']);
    expect(mapping.properties['BatchSize']).toBe(definition.batchSize);
  });
});

describe('queue policies', () => {
  const allQueues = resourcesOf(template, 'AWS::SQS::Queue');

  it('cover the queues of system/queues.ts, their dead-letter queues, the jobs dead-letter queue and one per stream consumer', () => {
    expect(allQueues.length).toBe(definitions.length * 2 + 1 + streamConsumers.length);
  });

  it.each(allQueues.map((q) => q.logicalId))('%s denies requests without TLS', (queueId) => {
    const statements = resourcesOf(template, 'AWS::SQS::QueuePolicy')
      .filter((policy) => referencedIds(policy.properties['Queues']).includes(queueId))
      .flatMap((policy) => statementsOf(policy.properties['PolicyDocument']));
    const denial = statements.find(deniesInsecureTransport);
    expect(denial, `a policy of ${queueId} denies aws:SecureTransport false`).toBeDefined();
    expect(denial?.Principal).toEqual({ AWS: '*' });
    expect(denial && actionsOf(denial)).toEqual(['sqs:*']);
  });
});

describe('email', () => {
  it('has an SES configuration set, which the user pool uses once told the identity is verified', () => {
    const viaSes = synthStack({ extraContext: { cognitoEmailViaSes: 'true' } });
    const configurationSet = single(resourcesOf(viaSes.template, 'AWS::SES::ConfigurationSet'), 'configuration set');
    expect(resourceById(viaSes.template, logicalIdOf(viaSes.stack.auth.userPool)).properties['EmailConfiguration']).toMatchObject({
      EmailSendingAccount: 'DEVELOPER',
      ConfigurationSet: ref(configurationSet.logicalId),
    });
  });

  it("uses Cognito's own sender on a first deploy, when the SES identity cannot be verified yet", () => {
    expect(resourceById(template, logicalIdOf(stack.auth.userPool)).properties['EmailConfiguration']).toMatchObject({
      EmailSendingAccount: 'COGNITO_DEFAULT',
    });
  });
});

describe('the alarm topic', () => {
  it('is encrypted with the stack key', () => {
    expect(resourceById(template, topicId).properties['KmsMasterKeyId']).toEqual(arnOf(keyId));
  });

  it('emails the alarm address', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', { TopicArn: ref(topicId), Protocol: 'email', Endpoint: testStage.alarmEmail });
  });
});

describe('scheduled jobs', () => {
  const job: JobDefinition = { name: 'nightly-test', description: 'x', schedule: 'cron(0 3 * * ? *)', handler: 'get-health', needs: {} };
  const result = synthStack({ jobs: [job] });
  const jobsConstruct = result.stack.jobs;
  const deadLettersId = logicalIdOf(jobsConstruct.deadLetters);
  const schedule = () =>
    single(
      resourcesOf(result.template, 'AWS::Scheduler::Schedule').filter((s) => s.properties['ScheduleExpression'] === job.schedule),
      `schedule ${job.schedule}`,
    );
  const target = () => schedule().properties['Target'] as Record<string, unknown> | undefined;

  it('are scheduled by their expression, in UTC', () => {
    expect(schedule().properties['ScheduleExpressionTimezone'] ?? 'UTC').toMatch(/UTC$/);
  });

  it("invoke the job's function", () => {
    const fn = jobsConstruct.node.findChild(pascal(job.name)).node.findChild('Function');
    expect(target()?.['Arn']).toEqual(arnOf(logicalIdOf(fn)));
  });

  it('are retried', () => {
    const retry = target()?.['RetryPolicy'] as { MaximumRetryAttempts?: number } | undefined;
    expect(retry?.MaximumRetryAttempts).toBeGreaterThan(0);
  });

  it('dead-letter to an encrypted queue that raises an alarm', () => {
    expect(target()?.['DeadLetterConfig']).toEqual({ Arn: arnOf(deadLettersId) });
    expect(resourceById(result.template, deadLettersId).properties['KmsMasterKeyId']).toEqual(arnOf(logicalIdOf(result.stack.data.key)));
  });

  it('pass the scheduled time to the job', () => {
    const input = target()?.['Input'];
    expect(typeof input).toBe('string');
    expect(String(input)).toContain('<aws.scheduler.scheduled-time>');
    expect(JSON.parse(String(input))).toMatchObject({ job: job.name });
  });
});

describe('the jobs dead-letter queue', () => {
  it('raises an alarm to the alarm topic when it holds a message', () => {
    expectEmptyQueueAlarm(logicalIdOf(stack.jobs.deadLetters));
  });
});

describe('the privacy deadline watch', () => {
  it('alarms to the alarm topic when PrivacyRequestsOverdue is above zero', () => {
    const alarm = resourcesOf(template, 'AWS::CloudWatch::Alarm').find((r) => r.properties['MetricName'] === 'PrivacyRequestsOverdue');
    expect(alarm?.properties).toMatchObject({
      Namespace: 'folio',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      Dimensions: [{ Name: 'service', Value: 'folio' }],
    });
    expect(alarm?.properties['AlarmActions']).toEqual([ref(logicalIdOf(alarms.topic))]);
  });

  it('gives the job the operations address, defaulting to the alarm email', () => {
    const job = stack.jobs.functions['privacy-deadline-watch'];
    if (job === undefined) throw new Error('no privacy-deadline-watch job');
    const environment = resourceById(template, logicalIdOf(job.function)).properties['Environment'] as { Variables: Record<string, unknown> };
    expect(environment.Variables['OPERATIONS_EMAIL']).toBe(testStage.alarmEmail);
  });
});
