/**
 * The one function construct: every folio function is an ESM, minified, source-mapped arm64
 * bundle on Node.js 24 with X-Ray tracing, its own log group and retention, and exactly the
 * environment variables and IAM grants its definition's `needs` ask for.
 */
import { type CfnElement, Duration, Names, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { bundling } from '../bundling';
import type { FunctionRequirements, TableAccess, UserPoolAction } from '../../system/functions';
import { contractorsEnv } from '../../system/contractors';
import { type QueueName, queueEnv } from '../../system/queues';
import { type SecretName, secretEnv } from '../../system/secrets';
import { type TableDefinition, type TableName, tableEnv, tables } from '../../system/tables';
import { memoryMiBOf } from '../function-memory';

const root = join(import.meta.dirname, '..', '..');

/** What functions may be bound to; each area construct contributes its part. */
export interface FunctionBindings {
  readonly stage: string;
  readonly tables: Readonly<Record<TableName, dynamodb.ITableV2>>;
  readonly queues: Readonly<Record<QueueName, sqs.IQueue>>;
  readonly userPool: cognito.IUserPool;
  readonly userPoolClient: cognito.IUserPoolClient;
  readonly email: { readonly identityArn: string; readonly configurationSetName: string; readonly configurationSetArn: string; readonly fromAddress: string };
  readonly smsSenderId: string;
  readonly corsOrigins: readonly string[];
  /** Business settings every function may read (they hold no secrets). */
  readonly settings: Readonly<Record<string, string>>;
  /** Generated signing keys (system/secrets.ts). */
  readonly secrets: Readonly<Record<SecretName, secretsmanager.ISecret>>;
  /** Contractors' mailing systems and their signing secrets (system/contractors.ts). */
  readonly contractors: readonly { readonly name: string; readonly endpoint: string; readonly secret: secretsmanager.ISecret }[];
  /** SNS platform applications for push, by platform. */
  readonly push: { readonly fcm?: string; readonly apns?: string };
  /** The exports bucket (impersonal exports for partners). */
  readonly exportsBucket: s3.IBucket;
}

const tableReadActions = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
const tableWriteActions = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem'];

const userPoolActions: Record<UserPoolAction, string[]> = {
  signUp: ['cognito-idp:SignUp', 'cognito-idp:ConfirmSignUp', 'cognito-idp:ResendConfirmationCode'],
  signIn: [
    'cognito-idp:InitiateAuth',
    'cognito-idp:RevokeToken',
    'cognito-idp:ForgotPassword',
    'cognito-idp:ConfirmForgotPassword',
    'cognito-idp:ChangePassword',
  ],
  adminRead: ['cognito-idp:AdminGetUser', 'cognito-idp:ListUsers', 'cognito-idp:AdminListGroupsForUser'],
  adminWrite: [
    'cognito-idp:AdminUpdateUserAttributes',
    'cognito-idp:AdminDeleteUserAttributes',
    'cognito-idp:AdminSetUserPassword',
    'cognito-idp:AdminUserGlobalSignOut',
    'cognito-idp:AdminDisableUser',
    'cognito-idp:AdminDeleteUser',
  ],
};

export interface FolioFunctionProps {
  /** The handler's file name in lambdas/functions, without `.ts`. */
  readonly handler: string;
  readonly needs: FunctionRequirements;
  readonly bindings: FunctionBindings;
  readonly description?: string;
}

export class FolioFunction extends Construct {
  public readonly function: lambda.Function;
  /** The handler's file name in lambdas/functions. */
  public readonly handler: string;

  constructor(scope: Construct, id: string, props: FolioFunctionProps) {
    super(scope, id);
    const { handler, needs, bindings } = props;
    this.handler = handler;

    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.function = new NodejsFunction(this, 'Function', {
      entry: join(root, 'lambdas', 'functions', `${handler}.ts`),
      projectRoot: root,
      depsLockFilePath: join(root, 'package-lock.json'),
      description: props.description ?? `folio ${handler}`,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: memoryMiBOf(needs),
      timeout: Duration.seconds(needs.timeoutSeconds ?? 10),
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      bundling: {
        format: OutputFormat.ESM,
        minify: bundling.minify,
        sourceMap: bundling.sourcemap,
        sourcesContent: bundling.sourcesContent,
        target: bundling.target,
        mainFields: [...bundling.mainFields],
        externalModules: [...bundling.external],
        banner: bundling.banner,
        esbuildArgs: Object.fromEntries(Object.entries(bundling.alias).map(([from, to]) => [`--alias:${from}`, to])),
      },
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'folio',
        POWERTOOLS_METRICS_NAMESPACE: 'folio',
        STAGE: bindings.stage,
        CORS_ORIGINS: bindings.corsOrigins.join(','),
        ...bindings.settings,
      },
    });

    this.bind(needs, bindings);
    const unscoped = [
      'X-Ray trace writing has no resource-level permissions',
      ...(needs.sms ? ['neither has SMS publishing to a phone number (held to the stack region)'] : []),
      ...(needs.smsOptOuts ? ['nor reading the SMS opted-out list (held to the stack region)'] : []),
    ];
    Validations.of(this).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason: `${unscoped.join(', ')}.` });
    if (needs.pushEndpoints) {
      for (const arn of Object.values(bindings.push).filter((a): a is string => typeof a === 'string')) {
        Validations.of(this).acknowledge({
          id: `AwsSolutions-IAM5[Resource::${arn.replace(':app/', ':endpoint/')}/*]`,
          reason: "A device's SNS endpoint ARN is made by SNS at registration: deleting one is granted on the endpoints of folio's own platform application only.",
        });
      }
    }
  }

  /** Sets each environment variable together with the IAM grant it implies, so neither exists without the other. */
  private bind(needs: FunctionRequirements, bindings: FunctionBindings): void {
    const fn = this.function;
    for (const [name, access] of Object.entries(needs.tables ?? {}) as [TableName, TableAccess][]) {
      const table = bindings.tables[name];
      fn.addEnvironment(tableEnv(name), table.tableName);
      // Named actions on the table and on its own indexes only: no `index/*`, no `dynamodb:*`.
      const definition: TableDefinition = tables[name];
      const indexArns = (definition.indexes ?? []).map((index) => `${table.tableArn}/index/${index.name}`);
      const actions = [...(access === 'write' ? [] : tableReadActions), ...(access === 'read' ? [] : tableWriteActions)];
      fn.addToRolePolicy(new iam.PolicyStatement({ actions, resources: [table.tableArn] }));
      if (indexArns.length > 0 && access !== 'write') {
        fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: indexArns }));
      }
      if (access === 'read') table.encryptionKey?.grantDecrypt(fn);
      else table.encryptionKey?.grantEncryptDecrypt(fn);
    }
    for (const [name, access] of Object.entries(needs.queues ?? {}) as [QueueName, 'send' | 'consume'][]) {
      const queue = bindings.queues[name];
      fn.addEnvironment(queueEnv(name), queue.queueUrl);
      if (access === 'send') queue.grantSendMessages(fn);
      // The event source mapping receives and deletes; the consumer itself only sets a failed message's backoff.
      else fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:ChangeMessageVisibility'], resources: [queue.queueArn] }));
    }
    // Granted on the role alone: Secret.grantRead would also write the role into the key's policy,
    // a reference from the parent stack's key to a nested stack's role, which is a dependency cycle.
    const readSecret = (secret: secretsmanager.ISecret) => {
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }));
      if (secret.encryptionKey !== undefined) {
        fn.addToRolePolicy(
          new iam.PolicyStatement({
            actions: ['kms:Decrypt'],
            resources: [secret.encryptionKey.keyArn],
            conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${Stack.of(this).region}.amazonaws.com` } },
          }),
        );
      }
    };
    for (const name of needs.secrets ?? []) {
      const secret = bindings.secrets[name];
      fn.addEnvironment(secretEnv(name), secret.secretArn);
      readSecret(secret);
    }
    for (const name of needs.secretsWrite ?? []) {
      const secret = bindings.secrets[name];
      fn.addEnvironment(secretEnv(name), secret.secretArn);
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['secretsmanager:PutSecretValue'], resources: [secret.secretArn] }));
      if (secret.encryptionKey !== undefined) {
        fn.addToRolePolicy(
          new iam.PolicyStatement({
            actions: ['kms:GenerateDataKey', 'kms:Encrypt'],
            resources: [secret.encryptionKey.keyArn],
            conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${Stack.of(this).region}.amazonaws.com` } },
          }),
        );
      }
    }
    if (needs.exportsBucket !== undefined) {
      const bucket = bindings.exportsBucket;
      fn.addEnvironment('EXPORTS_BUCKET', bucket.bucketName);
      // Objects under the function's own prefix only; written, never read back or listed.
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects(`${needs.exportsBucket.prefix}*`)] }));
      // cdk-nag names the bucket by its logical id, or, from a nested stack, by the parameter CDK
      // passes it in (`referenceto<parent stack><logical id>Arn`): both are acknowledged.
      const element = bucket.node.defaultChild as CfnElement;
      const bucketId = Stack.of(bucket).getLogicalId(element);
      for (const name of [`<${bucketId}.Arn>`, `<referenceto${Names.uniqueId(element)}Arn>`]) {
        Validations.of(this).acknowledge({
          id: `AwsSolutions-IAM5[Resource::${name}/${needs.exportsBucket.prefix}*]`,
          reason: `Export files are named by period under ${needs.exportsBucket.prefix}; the function may only put objects there.`,
        });
      }
      if (bucket.encryptionKey !== undefined) {
        fn.addToRolePolicy(
          new iam.PolicyStatement({
            actions: ['kms:GenerateDataKey'],
            resources: [bucket.encryptionKey.keyArn],
            conditions: { StringEquals: { 'kms:ViaService': `s3.${Stack.of(this).region}.amazonaws.com` } },
          }),
        );
      }
    }
    if (needs.contractors) {
      fn.addEnvironment(
        contractorsEnv,
        Stack.of(this).toJsonString(bindings.contractors.map((c) => ({ name: c.name, endpoint: c.endpoint, secretId: c.secret.secretArn }))),
      );
      for (const contractor of bindings.contractors) readSecret(contractor.secret);
    }
    if (needs.smsOptOuts) {
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['sns:ListPhoneNumbersOptedOut'],
          resources: ['*'],
          conditions: { StringEquals: { 'aws:RequestedRegion': Stack.of(this).region } },
        }),
      );
    }
    if (needs.pushEndpoints) {
      const applications = Object.entries(bindings.push).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
      for (const [platform, arn] of applications) fn.addEnvironment(`PUSH_APPLICATION_${platform.toUpperCase()}_ARN`, arn);
      if (applications.length > 0) {
        const arns = applications.map(([, arn]) => arn);
        fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sns:CreatePlatformEndpoint'], resources: arns }));
        fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sns:DeleteEndpoint'], resources: arns.map((arn) => `${arn.replace(':app/', ':endpoint/')}/*`) }));
      }
    }
    if (needs.userPool && needs.userPool.length > 0) {
      fn.addEnvironment('USER_POOL_ID', bindings.userPool.userPoolId);
      fn.addEnvironment('USER_POOL_CLIENT_ID', bindings.userPoolClient.userPoolClientId);
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: needs.userPool.flatMap((action) => userPoolActions[action]),
          resources: [bindings.userPool.userPoolArn],
        }),
      );
    }
    if (needs.email) {
      fn.addEnvironment('SES_FROM_ADDRESS', bindings.email.fromAddress);
      fn.addEnvironment('SES_CONFIGURATION_SET', bindings.email.configurationSetName);
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['ses:SendEmail'],
          resources: [bindings.email.identityArn, bindings.email.configurationSetArn],
          conditions: { StringEquals: { 'ses:FromAddress': bindings.email.fromAddress } },
        }),
      );
    }
    if (needs.sms) {
      fn.addEnvironment('SMS_SENDER_ID', bindings.smsSenderId);
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['sns:Publish'],
          // SMS to a phone number has no ARN to name; the grant is held to this stack's region.
          resources: ['*'],
          conditions: { StringEquals: { 'aws:RequestedRegion': Stack.of(this).region } },
        }),
      );
    }
  }
}
