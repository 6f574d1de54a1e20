/**
 * A stream consumer is wired as the local poller imitates it: from the table's stream, with
 * bisection, partial batch failures, bounded retries and a dead-letter queue with an alarm.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import type { StreamConsumerDefinition } from '../../system/streams';
import { type TableName, tables } from '../../system/tables';
import { synthStack } from './app';

const consumer = {
  name: 'streamProbe',
  description: 'probe',
  table: 'streamProbe' as TableName,
  consumer: 'get-health',
  needs: {},
  batchSize: 25,
  retryAttempts: 4,
} satisfies StreamConsumerDefinition;

describe('stream consumers', () => {
  const { template } = synthStack({
    tables: { ...tables, streamProbe: { description: 'a table with a stream', partitionKey: { name: 'id', type: 'S' }, stream: 'NEW_AND_OLD_IMAGES', personalData: false } },
    streamConsumers: [consumer],
  });

  it('reads the stream with retries, bisection, partial failures and an on-failure queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: Match.objectLike({ 'Fn::GetAtt': Match.arrayWith(['StreamArn']) }),
      BatchSize: 25,
      MaximumRetryAttempts: 4,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      StartingPosition: 'TRIM_HORIZON',
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
  });

  it('raises an alarm when records land in the dead-letter queue', () => {
    const alarms = template.findResources('AWS::CloudWatch::Alarm', {
      Properties: { AlarmDescription: Match.stringLikeRegexp('streamProbe') },
    });
    expect(Object.keys(alarms)).toHaveLength(1);
  });

  it('enables the stream on the table', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });
});
