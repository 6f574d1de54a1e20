/**
 * The scheduled jobs of system/jobs.ts as EventBridge Scheduler schedules (UTC), each invoking
 * its function with `{ job, scheduledTime }`, retried, and parked in a dead-letter queue that
 * raises an alarm when retries run out.
 */
import { CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { JobDefinition } from '../../system/jobs';
import type { Alarms } from './alarms';
import { type FunctionBindings, FolioFunction } from './folio-function';

export interface JobsProps {
  readonly jobs: readonly JobDefinition[];
  readonly bindings: FunctionBindings;
  readonly key: kms.IKey;
  readonly alarms: Alarms;
}

const pascal = (name: string) => name.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());

export class Jobs extends Construct {
  public readonly deadLetters: sqs.Queue;
  /** The role the schedules invoke their functions with (and park failed invocations with). */
  public readonly scheduleRole: iam.Role;
  public readonly functions: Record<string, FolioFunction> = {};

  constructor(scope: Construct, id: string, props: JobsProps) {
    super(scope, id);
    this.deadLetters = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "This queue is the schedules' dead-letter queue (EventBridge Scheduler's DeadLetterConfig), which cdk-nag does not recognise.",
    });
    props.alarms.whenAboveZero(
      this,
      'DeadLettersAlarm',
      this.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      'A scheduled job could not be invoked after its retries',
    );

    // The schedules' own role, rather than the one aws-scheduler-targets would add at stack level,
    // so that its acknowledgements below sit next to it. Trusted as that one would be: only
    // EventBridge Scheduler, for this account's default schedule group.
    const stack = Stack.of(this);
    this.scheduleRole = new iam.Role(this, 'ScheduleRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: {
            'aws:SourceAccount': stack.account,
            'aws:SourceArn': stack.formatArn({ service: 'scheduler', resource: 'schedule-group', resourceName: 'default' }),
          },
        },
      }),
    });

    // Failed invocations are parked in a KMS-encrypted queue: the role must be able to encrypt for it.
    props.key.grant(this.scheduleRole, 'kms:GenerateDataKey', 'kms:Decrypt');

    for (const job of props.jobs) {
      const fn = new FolioFunction(this, pascal(job.name), {
        handler: job.handler,
        needs: job.needs,
        bindings: props.bindings,
        description: job.description,
      });
      this.functions[job.name] = fn;
      new scheduler.Schedule(this, `${pascal(job.name)}Schedule`, {
        description: job.description,
        schedule: scheduler.ScheduleExpression.expression(job.schedule),
        target: new targets.LambdaInvoke(fn.function, {
          role: this.scheduleRole,
          input: scheduler.ScheduleTargetInput.fromObject({ job: job.name, scheduledTime: scheduler.ContextAttribute.scheduledTime }),
          retryAttempts: 3,
          maxEventAge: Duration.hours(1),
          deadLetterQueue: this.deadLetters,
        }),
      });
      const functionId = stack.getLogicalId(fn.function.node.defaultChild as CfnElement);
      Validations.of(this.scheduleRole).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
        reason: `lambda:InvokeFunction on the ${job.name} function and its versions (\`:*\`), as CDK's grantInvoke writes it; nothing else is invocable.`,
      });
    }
  }
}
