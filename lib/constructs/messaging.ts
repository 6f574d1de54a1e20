/**
 * Sending: the SES sender identity and configuration set, and the SQS queues of
 * system/queues.ts, each with a dead-letter queue that raises an alarm when anything lands
 * in it. SNS carries SMS and push (CloudFormation has no resource for SMS settings or
 * platform applications; see the README).
 */
import { Duration, Stack } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type QueueDefinition, type QueueName, queues } from '../../system/queues';
import type { Alarms } from './alarms';

export interface MessagingProps {
  readonly senderIdentity: string;
  readonly fromAddress: string;
  readonly key: kms.IKey;
  readonly alarms: Alarms;
}

export class Messaging extends Construct {
  public readonly queues: Record<QueueName, sqs.Queue>;
  public readonly configurationSet: ses.ConfigurationSet;
  public readonly identityArn: string;

  constructor(scope: Construct, id: string, props: MessagingProps) {
    super(scope, id);
    const identity = props.senderIdentity.includes('@')
      ? ses.Identity.email(props.senderIdentity)
      : ses.Identity.domain(props.senderIdentity);
    const emailIdentity = new ses.EmailIdentity(this, 'SenderIdentity', { identity });
    const { region, account } = Stack.of(this);
    this.identityArn = `arn:aws:ses:${region}:${account}:identity/${emailIdentity.emailIdentityName}`;
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });

    const created = {} as Record<QueueName, sqs.Queue>;
    for (const [name, definition] of Object.entries(queues) as [QueueName, QueueDefinition][]) {
      const deadLetter = new sqs.Queue(this, `${name}DeadLetters`, {
        encryption: sqs.QueueEncryption.KMS,
        encryptionMasterKey: props.key,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      created[name] = new sqs.Queue(this, `${name}Queue`, {
        encryption: sqs.QueueEncryption.KMS,
        encryptionMasterKey: props.key,
        dataKeyReuse: Duration.hours(1),
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
        retentionPeriod: Duration.days(4),
        deadLetterQueue: { queue: deadLetter, maxReceiveCount: definition.maxReceiveCount },
      });
      props.alarms.whenAboveZero(
        this,
        `${name}DeadLettersAlarm`,
        deadLetter.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
        `Messages of ${name} failed ${definition.maxReceiveCount} times and wait in its dead-letter queue`,
      );
    }
    this.queues = created;
  }

  /** Connects a queue to its consumer the way the local poller does: batches, partial failures, bounded concurrency. */
  addConsumer(name: QueueName, fn: lambda.IFunction): void {
    const definition: QueueDefinition = queues[name];
    fn.addEventSource(
      new SqsEventSource(this.queues[name], {
        batchSize: definition.batchSize,
        reportBatchItemFailures: true,
        maxConcurrency: Math.max(2, definition.maxConcurrency),
      }),
    );
  }
}
