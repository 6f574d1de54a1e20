/**
 * One stage of folio. The areas are built from the definitions in system/, the same ones the
 * local stack reads.
 *
 * CloudFormation allows 500 resources per stack and every function brings four or five, so the
 * functions live in nested stacks: one per route area (built by the Api construct, `Api/Routes<Area>`)
 * and one, `Workers`, for the queue consumers, stream consumers, deploy hooks and the scheduled
 * jobs with their schedules. Tables, queues, the key, the user pool and the REST API stay here;
 * CDK passes what the nested stacks use as parameters and returns function ARNs as outputs.
 * The web pages (bucket, CloudFront distribution, deployment) are a nested stack of their own, `Web`.
 */
import { CfnOutput, Duration, NestedStack, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import { deployHooks } from '../system/deploy-hooks';
import { jobs as jobDefinitions, type JobDefinition } from '../system/jobs';
import { type QueueDefinition, type QueueName, queues } from '../system/queues';
import type { RouteDefinition } from '../system/routes/route';
import type { TableDefinition } from '../system/tables';
import { type StreamConsumerDefinition, streamConsumers as streamConsumerDefinitions } from '../system/streams';
import { routeAreas as routeAreaDefinitions } from '../system/routes/index';
import type { StageConfig } from './config';
import { Alarms } from './constructs/alarms';
import { Api } from './constructs/api';
import { Auth } from './constructs/auth';
import { Data } from './constructs/data';
import { type FunctionBindings, FolioFunction } from './constructs/folio-function';
import { Jobs } from './constructs/jobs';
import { Messaging } from './constructs/messaging';
import { Secrets } from './constructs/secrets';
import { Storage } from './constructs/storage';
import { Web } from './constructs/web';

export interface FolioStackProps extends StackProps {
  readonly config: StageConfig;
  /** The definitions to build; the system's own unless a test passes others. Given routes form one area, `Custom`. */
  readonly routes?: readonly RouteDefinition[];
  /** Routes by area, one nested stack per area with routes; wins over `routes`. */
  readonly routeAreas?: Readonly<Record<string, readonly RouteDefinition[]>>;
  readonly jobs?: readonly JobDefinition[];
  readonly streamConsumers?: readonly StreamConsumerDefinition[];
  readonly tables?: Readonly<Record<string, TableDefinition>>;
}

export class FolioStack extends Stack {
  public readonly data: Data;
  public readonly auth: Auth;
  public readonly messaging: Messaging;
  public readonly api: Api;
  public readonly jobs: Jobs;
  public readonly storage: Storage;
  public readonly secrets: Secrets;
  /** The nested stack of the queue consumers, stream consumers, deploy hooks and jobs. */
  public readonly workers: NestedStack;
  /** The nested stack of the web pages: their bucket, the CloudFront distribution (the API at `/v1/*`) and the deployment. */
  public readonly web: Web;

  constructor(scope: Construct, id: string, props: FolioStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.data = new Data(this, 'Data', props.tables === undefined ? {} : { tables: props.tables });
    const alarms = new Alarms(this, 'Alarms', { email: config.alarmEmail, key: this.data.key });
    this.messaging = new Messaging(this, 'Messaging', {
      senderIdentity: config.senderIdentity,
      fromAddress: config.senderAddress,
      key: this.data.key,
      alarms,
    });
    this.auth = new Auth(this, 'Auth', {
      fromAddress: config.senderAddress,
      sesIdentity: config.senderIdentity,
      configurationSetName: this.messaging.configurationSet.configurationSetName,
      region: this.region,
      viaSes: config.cognitoEmailViaSes,
    });
    this.storage = new Storage(this, 'Storage', { key: this.data.key, exportRetentionDays: config.exportRetentionDays });
    this.secrets = new Secrets(this, 'Secrets', { stage: config.stage, key: this.data.key, contractors: config.contractors });

    const bindings: FunctionBindings = {
      stage: config.stage,
      tables: this.data.tables,
      queues: this.messaging.queues,
      userPool: this.auth.userPool,
      userPoolClient: this.auth.client,
      email: {
        identityArn: this.messaging.identityArn,
        configurationSetName: this.messaging.configurationSet.configurationSetName,
        configurationSetArn: `arn:aws:ses:${this.region}:${this.account}:configuration-set/${this.messaging.configurationSet.configurationSetName}`,
        fromAddress: config.senderAddress,
      },
      smsSenderId: config.smsSenderId,
      corsOrigins: config.corsOrigins,
      settings: {
        BASKET_REMINDER_HOURS: String(config.basketReminderHours),
        OPERATIONS_EMAIL: config.operationsEmail,
        EMAIL_SENDS_PER_SECOND: String(config.emailSendsPerSecond),
        SMS_PARTS_PER_SECOND: String(config.smsPartsPerSecond),
        EXPORT_K: String(config.exportK),
      },
      secrets: this.secrets.secrets,
      contractors: this.secrets.contractors,
      push: config.pushPlatformApplications,
      exportsBucket: this.storage.exports,
    };

    this.api = new Api(this, 'Api', {
      stage: config.stage,
      routeAreas: props.routeAreas ?? (props.routes ? { Custom: props.routes } : routeAreaDefinitions),
      bindings,
      userPool: this.auth.userPool,
      corsOrigins: config.corsOrigins,
      throttle: config.throttle,
      wafRateLimit: config.wafRateLimit,
      alarms,
    });

    // Workers link to the API (unsubscribe links). Route functions cannot: the API's URL depends on them.
    const workerBindings: FunctionBindings = { ...bindings, settings: { ...bindings.settings, API_BASE_URL: this.api.restApi.url } };

    this.workers = new NestedStack(this, 'Workers', {
      description: `folio ${config.stage}: queue consumers, stream consumers, deploy hooks and scheduled jobs`,
    });

    for (const [name, definition] of Object.entries(queues) as [QueueName, QueueDefinition][]) {
      const consumer = new FolioFunction(this.workers, `${name}Consumer`, {
        handler: definition.consumer,
        needs: definition.consumerNeeds,
        bindings: workerBindings,
        description: `consumes ${name}`,
      });
      this.messaging.addConsumer(name, consumer.function);
    }

    for (const consumer of props.streamConsumers ?? streamConsumerDefinitions) {
      const fn = new FolioFunction(this.workers, `${consumer.name}StreamConsumer`, {
        handler: consumer.consumer,
        needs: consumer.needs,
        bindings: workerBindings,
        description: consumer.description,
      });
      this.data.addStreamConsumer(consumer, fn.function, alarms);
    }

    this.jobs = new Jobs(this.workers, 'Jobs', { jobs: props.jobs ?? jobDefinitions, bindings: workerBindings, key: this.data.key, alarms });
    // Published by the privacy-deadline-watch job (Powertools: namespace folio, dimension service).
    alarms.whenAboveZero(
      this.jobs,
      'PrivacyRequestsOverdueAlarm',
      new cloudwatch.Metric({
        namespace: 'folio',
        metricName: 'PrivacyRequestsOverdue',
        dimensionsMap: { service: 'folio' },
        statistic: cloudwatch.Stats.MAXIMUM,
        period: Duration.hours(1),
      }),
      'A privacy request is past its legal deadline (152-FZ): see the operators\' privacy queue with overdue=true',
    );

    // Published by the contractor-sync job per contractor (Powertools: namespace folio, dimensions service and contractor).
    for (const contractor of config.contractors) {
      const lag = new cloudwatch.Metric({
        namespace: 'folio',
        metricName: 'ContractorSyncLagSeconds',
        dimensionsMap: { service: 'folio', contractor: contractor.name },
        statistic: cloudwatch.Stats.MAXIMUM,
        period: Duration.hours(1),
      });
      alarms.whenAtLeast(
        this.jobs,
        `ContractorSyncLag-${contractor.name}`,
        lag,
        config.contractorSyncAlarmHours * 3600,
        `Contractor ${contractor.name} has not acknowledged advertising opt-outs for ${config.contractorSyncAlarmHours} h; the privacy policy allows 3 days (1.3.2). See the contractor-sync job's logs.`,
        // No figure for an hour means the sync job is not running: that is an alarm too.
        true,
      );
    }

    for (const hook of deployHooks) {
      const fn = new FolioFunction(this.workers, `${hook.name}Hook`, { handler: hook.handler, needs: hook.needs, bindings, description: hook.description });
      this.data.addDeployHook(this.workers, `${hook.name}Run`, fn.function, JSON.stringify(hook));
    }

    this.web = new Web(this, 'Web', {
      stage: config.stage,
      restApi: this.api.restApi,
      apiBaseUrl: config.webApiBaseUrl,
      domain: config.webDomain,
    });

    new CfnOutput(this, 'WebUrl', { value: this.web.url, description: 'The web pages (customer account and operators\' console); the API is also at <WebUrl>/v1/' });
    new CfnOutput(this, 'ApiUrl', { value: this.api.restApi.url, description: 'Base URL of the API; routes start with v1/' });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.auth.client.userPoolClientId });
    new CfnOutput(this, 'ExportsBucket', { value: this.storage.exports.bucketName });
  }
}
