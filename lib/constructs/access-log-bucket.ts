/**
 * A bucket for S3 server access logs: private, TLS only, SSE-S3 (the only encryption S3 server
 * access logging delivers to), kept when the stack goes, its logs expiring after `retentionDays`.
 * Used by the exports bucket (lib/constructs/storage.ts) and the web pages' bucket
 * (lib/constructs/web.ts).
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export const accessLogBucket = (scope: Construct, retentionDays: number): s3.Bucket => {
  const bucket = new s3.Bucket(scope, 'AccessLogs', {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    encryption: s3.BucketEncryption.S3_MANAGED,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
    lifecycleRules: [{ expiration: Duration.days(retentionDays) }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
  Validations.of(bucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason: 'This bucket is the access-log target itself; logging it to itself would loop.',
  });
  return bucket;
};
