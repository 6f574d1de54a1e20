/**
 * Where alarms go: one encrypted SNS topic, emailed to the stage's alarm address.
 */
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlarmsProps {
  readonly email: string;
  readonly key: kms.IKey;
}

export class Alarms extends Construct {
  public readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', { masterKey: props.key, enforceSSL: true });
    this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
  }

  /** Alarms when the metric reaches `threshold` in one period (and, if `missingBreaches`, when it has no figure). */
  whenAtLeast(scope: Construct, id: string, metric: cloudwatch.IMetric, threshold: number, description: string, missingBreaches = false): cloudwatch.Alarm {
    return this.alarm(scope, id, metric, threshold, cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, description, missingBreaches);
  }

  /** Alarms when the metric is above zero for one period: for queues that must stay empty. */
  whenAboveZero(scope: Construct, id: string, metric: cloudwatch.IMetric, description: string): cloudwatch.Alarm {
    return this.alarm(scope, id, metric, 0, cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD, description);
  }

  private alarm(
    scope: Construct,
    id: string,
    metric: cloudwatch.IMetric,
    threshold: number,
    comparisonOperator: cloudwatch.ComparisonOperator,
    description: string,
    missingBreaches = false,
  ): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(scope, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator,
      treatMissingData: missingBreaches ? cloudwatch.TreatMissingData.BREACHING : cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(new actions.SnsAction(this.topic));
    return alarm;
  }
}
