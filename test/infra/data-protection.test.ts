/**
 * Data at rest: every table of system/tables.ts is encrypted with the stack's customer-managed
 * key, recoverable to a point in time and on demand, personal-data tables survive the stack,
 * nothing carries a hard-coded physical name, and the buckets are private, TLS-only and encrypted.
 */
import { describe, expect, it } from 'vitest';
import { appendOnlyDeniedActions, type TableDefinition, type TableName, tables } from '../../system/tables';
import { actionsOf, arnOf, deniesInsecureTransport, logicalIdOf, ref, resourceById, resourcesOf, statementsOf, synthStack } from './app';

const { template, stack } = synthStack();
const keyId = logicalIdOf(stack.data.key);

const definitions = Object.entries(tables) as [TableName, TableDefinition][];
const personalTables = definitions.filter(([, definition]) => definition.personalData);

const table = (name: TableName) => resourceById(template, logicalIdOf(stack.data.tables[name]));

/** The per-region settings of a global table (one replica per region). */
const replicasOf = (name: TableName): Record<string, unknown>[] => {
  const replicas = table(name).properties['Replicas'];
  expect(Array.isArray(replicas), `${name} has replicas`).toBe(true);
  const list = replicas as unknown[];
  expect(list.length).toBeGreaterThan(0);
  return list.map((replica) => {
    expect(typeof replica).toBe('object');
    return replica as Record<string, unknown>;
  });
};

const keySchema = (partition: { name: string }, sort: { name: string } | undefined) => [
  { AttributeName: partition.name, KeyType: 'HASH' },
  ...(sort ? [{ AttributeName: sort.name, KeyType: 'RANGE' }] : []),
];

describe('the customer-managed key', () => {
  it('is a KMS key of the stack, rotated yearly and retained with the stack', () => {
    const key = resourceById(template, keyId);
    expect(key.type).toBe('AWS::KMS::Key');
    expect(key.properties['EnableKeyRotation']).toBe(true);
    expect(key.deletionPolicy).toBe('Retain');
    expect(key.updateReplacePolicy).toBe('Retain');
  });
});

describe.each(definitions)('table %s', (name, definition) => {
  it('is a global table encrypted with the stack key (SSE KMS)', () => {
    const resource = table(name);
    expect(resource.type).toBe('AWS::DynamoDB::GlobalTable');
    expect(resource.properties['SSESpecification']).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
    for (const replica of replicasOf(name)) {
      expect(replica['SSESpecification']).toEqual({ KMSMasterKeyId: arnOf(keyId) });
    }
  });

  it('has point-in-time recovery in every replica', () => {
    for (const replica of replicasOf(name)) {
      expect(replica['PointInTimeRecoverySpecification']).toMatchObject({ PointInTimeRecoveryEnabled: true });
    }
  });

  it('is billed on demand', () => {
    expect(table(name).properties['BillingMode']).toBe('PAY_PER_REQUEST');
  });

  it('has the keys and the global secondary indexes of its definition', () => {
    const { properties } = table(name);
    expect(properties['KeySchema']).toEqual(keySchema(definition.partitionKey, definition.sortKey));
    const indexes = definition.indexes ?? [];
    if (indexes.length === 0) {
      expect(properties['GlobalSecondaryIndexes']).toBeUndefined();
      return;
    }
    expect(properties['GlobalSecondaryIndexes']).toEqual(
      indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: keySchema(index.partitionKey, index.sortKey),
        Projection:
          index.projection === undefined || index.projection === 'all'
            ? { ProjectionType: 'ALL' }
            : index.projection === 'keys'
              ? { ProjectionType: 'KEYS_ONLY' }
              : { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.projection] },
      })),
    );
  });

  it(definition.timeToLive ? `expires items by ${definition.timeToLive}` : 'has no time to live', () => {
    const ttl = table(name).properties['TimeToLiveSpecification'];
    if (definition.timeToLive) expect(ttl).toEqual({ AttributeName: definition.timeToLive, Enabled: true });
    else expect(ttl).toBeUndefined();
  });
});

describe('tables with personal data', () => {
  it('include at least one table', () => {
    expect(personalTables.length).toBeGreaterThan(0);
  });

  it.each(personalTables)('%s is deletion-protected and retained when the stack goes', (name) => {
    for (const replica of replicasOf(name)) expect(replica['DeletionProtectionEnabled']).toBe(true);
    const resource = table(name);
    expect(resource.deletionPolicy).toBe('Retain');
    expect(resource.updateReplacePolicy).toBe('Retain');
  });
});

describe('physical names', () => {
  // CloudFormation generates unique names unless one is hard-coded; a hard-coded name blocks a
  // second stage in the account and any replacement. (The REST API's Name is CDK's construct id,
  // which API Gateway does not require to be unique.)
  const nameProperties: [type: string, property: string][] = [
    ['AWS::DynamoDB::GlobalTable', 'TableName'],
    ['AWS::S3::Bucket', 'BucketName'],
    ['AWS::Lambda::Function', 'FunctionName'],
    ['AWS::SQS::Queue', 'QueueName'],
    ['AWS::SNS::Topic', 'TopicName'],
    ['AWS::Cognito::UserPool', 'UserPoolName'],
  ];

  it.each(nameProperties)('no %s sets %s', (type, property) => {
    const resources = resourcesOf(template, type);
    expect(resources.length, `the template has a ${type}`).toBeGreaterThan(0);
    for (const resource of resources) expect(resource.properties[property], resource.logicalId).toBeUndefined();
  });
});

describe('S3 buckets', () => {
  const buckets = resourcesOf(template, 'AWS::S3::Bucket');
  const policies = resourcesOf(template, 'AWS::S3::BucketPolicy');

  it('exist (the exports bucket and its access-log bucket)', () => {
    expect(buckets.map((bucket) => bucket.logicalId)).toContain(logicalIdOf(stack.storage.exports));
  });

  it.each(buckets.map((bucket) => [bucket.logicalId, bucket] as const))('%s blocks all public access', (_, bucket) => {
    expect(bucket.properties['PublicAccessBlockConfiguration']).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
  });

  it.each(buckets.map((bucket) => [bucket.logicalId, bucket] as const))('%s is encrypted by default', (_, bucket) => {
    expect(bucket.properties['BucketEncryption']).toMatchObject({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: expect.stringMatching(/^(AES256|aws:kms|aws:kms:dsse)$/) } }],
    });
  });

  it.each(buckets.map((bucket) => [bucket.logicalId, bucket] as const))('%s refuses requests without TLS', (logicalId) => {
    const statements = policies
      .filter((policy) => JSON.stringify(policy.properties['Bucket']) === JSON.stringify(ref(logicalId)))
      .flatMap((policy) => statementsOf(policy.properties['PolicyDocument']));
    const denial = statements.find(deniesInsecureTransport);
    expect(denial, `a bucket policy of ${logicalId} denies aws:SecureTransport false`).toBeDefined();
    expect(denial?.Principal).toEqual({ AWS: '*' });
    expect(denial && actionsOf(denial)).toEqual(['s3:*']);
  });

  it('encrypts exports with the stack key (aws:kms)', () => {
    const exports = resourceById(template, logicalIdOf(stack.storage.exports));
    expect(exports.properties['BucketEncryption']).toMatchObject({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: arnOf(keyId) } }],
    });
  });

  it('expires exports after the retention period', () => {
    const exports = resourceById(template, logicalIdOf(stack.storage.exports));
    expect(exports.properties['LifecycleConfiguration']).toMatchObject({
      Rules: expect.arrayContaining([expect.objectContaining({ Status: 'Enabled', ExpirationInDays: expect.any(Number) })]),
    });
  });
});

describe('append-only tables', () => {
  const { template, stack } = synthStack();
  const appendOnly = definitions.filter(([, definition]) => definition.appendOnly === true);

  it('exist: the consent ledger, the audit trail and the disclosures', () => {
    expect(appendOnly.map(([name]) => name).sort()).toEqual(['audit', 'consentReceipts', 'disclosures']);
  });

  it.each(appendOnly)('%s denies every principal any update or delete in its resource policy', (name) => {
    const table = resourceById(template, logicalIdOf(stack.data.tables[name]));
    const replicas = (table.properties as { Replicas: { ResourcePolicy?: { PolicyDocument: { Statement: Record<string, unknown>[] } } }[] }).Replicas;
    const statements = replicas[0]?.ResourcePolicy?.PolicyDocument.Statement ?? [];
    const deny = statements.find((s) => s['Effect'] === 'Deny');
    expect(deny?.['Principal']).toEqual({ AWS: '*' });
    expect([deny?.['Action']].flat().sort()).toEqual([...appendOnlyDeniedActions].sort());
    for (const action of ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']) expect(deny?.['Action']).toContain(action);
  });

  it.each(definitions.filter(([, d]) => d.appendOnly !== true))('%s has no such policy', (name) => {
    const table = resourceById(template, logicalIdOf(stack.data.tables[name]));
    const replicas = (table.properties as { Replicas: { ResourcePolicy?: unknown }[] }).Replicas;
    expect(replicas[0]?.ResourcePolicy).toBeUndefined();
  });
});
