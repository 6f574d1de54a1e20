/**
 * The environment the functions get locally: the same variable names the CDK app sets
 * (lib/constructs/folio-function.ts), pointing at the stand-ins. AWS SDK v3 reads the
 * `AWS_ENDPOINT_URL_<SERVICE>` variables, so handlers carry no local special case.
 */
import { contractorsEnv } from '#system/contractors';
import { type QueueName, queueEnv, queueNames } from '#system/queues';
import { secretEnv, secretNames } from '#system/secrets';
import { type TableName, tableEnv, tableNames } from '#system/tables';
import { localExportsBucket } from './s3';
import { contractorSecretId, localContractors, localSecretId } from './secrets-manager';

export const localTableName = (table: TableName): string => `folio-local-${table}`;

export interface LocalEndpoints {
  readonly dynamodb: string;
  readonly cognito: string;
  /** The functions' SES: aws-ses-v2-local behind the fault-injecting proxy (local/ses-proxy.ts). */
  readonly ses: string;
  /** The project's own stand-in for the AWS services no package imitates (SNS, SQS, Secrets Manager). */
  readonly aws: string;
  /** The local S3 (local/s3.ts), path-style; without it the functions get no S3 endpoint. */
  readonly s3?: string;
  readonly queueUrl: (queue: QueueName) => string;
  readonly userPoolId: string;
  readonly userPoolClientId: string;
  readonly publicUrl: string;
}

export const functionEnvironment = (endpoints: LocalEndpoints): Record<string, string> => ({
  AWS_REGION: 'eu-central-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
  AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: endpoints.cognito,
  AWS_ENDPOINT_URL_SESV2: endpoints.ses,
  AWS_ENDPOINT_URL_SNS: endpoints.aws,
  AWS_ENDPOINT_URL_SQS: endpoints.aws,
  AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoints.aws,
  ...(endpoints.s3 === undefined ? {} : { AWS_ENDPOINT_URL_S3: endpoints.s3 }),
  /** Path-style S3 addressing (`/<bucket>/<key>`) for the local S3; unset in the cloud. */
  S3_FORCE_PATH_STYLE: 'true',
  EXPORTS_BUCKET: localExportsBucket,
  AWS_LAMBDA_FUNCTION_NAME: 'folio-local',
  STAGE: 'local',
  USER_POOL_ID: endpoints.userPoolId,
  USER_POOL_CLIENT_ID: endpoints.userPoolClientId,
  SES_FROM_ADDRESS: 'no-reply@folio.local',
  SMS_SENDER_ID: 'folio',
  PUBLIC_URL: endpoints.publicUrl,
  /** The API's own URL, no trailing slash (the cloud sets the deployed API's URL). */
  API_BASE_URL: endpoints.publicUrl.replace(/\/+$/, ''),
  /** The outbound deliverer's backoff base: 1 s locally so retries show within a test; the cloud's default is 10 s. */
  MESSAGE_RETRY_BASE_SECONDS: '1',
  PUSH_APPLICATION_FCM_ARN: 'arn:aws:sns:eu-central-1:000000000000:app/GCM/folio-local',
  PUSH_APPLICATION_APNS_ARN: 'arn:aws:sns:eu-central-1:000000000000:app/APNS/folio-local',
  [contractorsEnv]: JSON.stringify(
    localContractors.map((name) => ({
      name,
      endpoint: `${endpoints.publicUrl.replace(/\/+$/, '')}/_local/contractors/${name}`,
      secretId: contractorSecretId(name),
    })),
  ),
  ...Object.fromEntries(secretNames.map((s) => [secretEnv(s), localSecretId(s)])),
  CORS_ORIGINS: [endpoints.publicUrl, endpoints.publicUrl.replace('127.0.0.1', 'localhost')].join(','),
  // Metrics are printed as in Lambda (CloudWatch embedded metric format, one JSON line each), so
  // their dimensions land in the stack log, which the integration run scans for personal data.
  POWERTOOLS_METRICS_DISABLED: 'false',
  OPERATIONS_EMAIL: 'operations@folio.local',
  ...Object.fromEntries(tableNames.map((t) => [tableEnv(t), localTableName(t)])),
  ...Object.fromEntries(queueNames.map((q) => [queueEnv(q), endpoints.queueUrl(q)])),
});
