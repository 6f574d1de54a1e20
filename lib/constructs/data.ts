/**
 * The tables of system/tables.ts: on demand, encrypted with the stack's customer-managed key,
 * point-in-time recovery on; tables with personal data are deletion-protected and retained
 * when the stack is deleted. Deploy hooks run as custom resources, next to their functions.
 */
import { createHash } from 'node:crypto';
import { type CfnElement, CustomResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { Alarms } from './alarms';
import type { StreamConsumerDefinition } from '../../system/streams';
import { appendOnlyDeniedActions, type TableDefinition, type TableName, tables } from '../../system/tables';

const attributeType = (type: 'S' | 'N' | 'B') =>
  type === 'S' ? dynamodb.AttributeType.STRING : type === 'N' ? dynamodb.AttributeType.NUMBER : dynamodb.AttributeType.BINARY;

const streamView = {
  NEW_IMAGE: dynamodb.StreamViewType.NEW_IMAGE,
  OLD_IMAGE: dynamodb.StreamViewType.OLD_IMAGE,
  NEW_AND_OLD_IMAGES: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
  KEYS_ONLY: dynamodb.StreamViewType.KEYS_ONLY,
} as const;

/**
 * An explicit Deny for every principal, the stack's own roles included: no grant elsewhere can
 * let a function change or delete an entry of an append-only table (the consent ledger, the
 * audit trail). `resources: ['*']` in a resource policy means this table.
 */
const appendOnlyPolicy = () =>
  new iam.PolicyDocument({
    statements: [
      new iam.PolicyStatement({
        sid: 'AppendOnly',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: [...appendOnlyDeniedActions],
        resources: ['*'],
      }),
    ],
  });

export class Data extends Construct {
  /** Encrypts the tables, queues, topic and exports. Retained: without it no backup can be read. */
  public readonly key: kms.Key;
  public readonly tables: Record<TableName, dynamodb.TableV2>;

  constructor(scope: Construct, id: string, props: { tables?: Readonly<Record<string, TableDefinition>> } = {}) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'folio data at rest',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const created = {} as Record<TableName, dynamodb.TableV2>;
    for (const [name, definition] of Object.entries(props.tables ?? tables) as [TableName, TableDefinition][]) {
      created[name] = new dynamodb.TableV2(this, `${name[0]?.toUpperCase()}${name.slice(1)}Table`, {
        partitionKey: { name: definition.partitionKey.name, type: attributeType(definition.partitionKey.type) },
        ...(definition.sortKey && { sortKey: { name: definition.sortKey.name, type: attributeType(definition.sortKey.type) } }),
        billing: dynamodb.Billing.onDemand(),
        encryption: dynamodb.TableEncryptionV2.customerManagedKey(this.key),
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: definition.personalData,
        removalPolicy: definition.personalData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        ...(definition.timeToLive && { timeToLiveAttribute: definition.timeToLive }),
        ...(definition.stream && { dynamoStream: streamView[definition.stream] }),
        ...(definition.appendOnly && { resourcePolicy: appendOnlyPolicy() }),
        globalSecondaryIndexes: (definition.indexes ?? []).map((index) => ({
          indexName: index.name,
          partitionKey: { name: index.partitionKey.name, type: attributeType(index.partitionKey.type) },
          ...(index.sortKey && { sortKey: { name: index.sortKey.name, type: attributeType(index.sortKey.type) } }),
          ...(index.projection === 'keys'
            ? { projectionType: dynamodb.ProjectionType.KEYS_ONLY }
            : Array.isArray(index.projection)
              ? { projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: [...index.projection] }
              : {}),
        })),
      });
    }
    this.tables = created;
  }

  /**
   * Feeds a table's stream to its consumer: in order per shard, failing batches bisected and
   * retried from the first failed record, then parked in a dead-letter queue that raises an alarm.
   */
  addStreamConsumer(consumer: StreamConsumerDefinition, fn: lambda.IFunction, alarms: Alarms): void {
    const deadLetters = new sqs.Queue(this, `${consumer.name}StreamDeadLetters`, {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "This queue is the stream event source's on-failure destination, which cdk-nag does not recognise as a dead-letter queue.",
    });
    alarms.whenAboveZero(
      this,
      `${consumer.name}StreamDeadLettersAlarm`,
      deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      `Stream records of ${consumer.table} failed ${consumer.retryAttempts} retries in ${consumer.name}`,
    );
    fn.addEventSource(
      new DynamoEventSource(this.tables[consumer.table], {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: consumer.batchSize,
        retryAttempts: consumer.retryAttempts,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        maxRecordAge: Duration.hours(24),
        onFailure: new SqsDlq(deadLetters),
      }),
    );
  }

  /**
   * Runs a deploy hook's function on every deploy whose `version` differs from the last. The
   * provider and the custom resource are created in `scope`, which should be in the function's
   * own stack (a nested one), so the provider's grant names the function directly.
   */
  addDeployHook(scope: Construct, id: string, fn: lambda.IFunction, version: string): void {
    const provider = new cr.Provider(scope, `${id}Provider`, { onEventHandler: fn });
    const target = Stack.of(provider).getLogicalId(fn.node.defaultChild as CfnElement);
    Validations.of(provider).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${target}.Arn>:*]`,
      reason: "The CDK Provider framework may invoke any version of the deploy hook's own function, and nothing else.",
    });
    new CustomResource(scope, id, {
      serviceToken: provider.serviceToken,
      properties: { version: createHash('sha256').update(version).digest('hex') },
    });
  }
}
