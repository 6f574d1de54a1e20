/**
 * The environment the functions get locally: the same variable names the CDK app sets
 * (lib/constructs/folio-function.ts), pointing at the stand-ins. AWS SDK v3 reads the
 * `AWS_ENDPOINT_URL_<SERVICE>` variables, so handlers carry no local special case.
 */
import { type QueueName, queueEnv, queueNames } from '#system/queues';
import { type TableName, tableEnv, tableNames } from '#system/tables';

export const localTableName = (table: TableName): string => `folio-local-${table}`;

export interface LocalEndpoints {
  readonly dynamodb: string;
  readonly cognito: string;
  readonly ses: string;
  /** The project's own stand-in for the AWS services no package imitates (SNS, SQS). */
  readonly aws: string;
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
  AWS_LAMBDA_FUNCTION_NAME: 'folio-local',
  STAGE: 'local',
  USER_POOL_ID: endpoints.userPoolId,
  USER_POOL_CLIENT_ID: endpoints.userPoolClientId,
  SES_FROM_ADDRESS: 'no-reply@folio.local',
  SMS_SENDER_ID: 'folio',
  PUBLIC_URL: endpoints.publicUrl,
  CORS_ORIGINS: [endpoints.publicUrl, endpoints.publicUrl.replace('127.0.0.1', 'localhost')].join(','),
  POWERTOOLS_METRICS_DISABLED: 'true',
  OPERATIONS_EMAIL: 'operations@folio.local',
  ...Object.fromEntries(tableNames.map((t) => [tableEnv(t), localTableName(t)])),
  ...Object.fromEntries(queueNames.map((q) => [queueEnv(q), endpoints.queueUrl(q)])),
});
