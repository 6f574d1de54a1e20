/**
 * A stage's settings, from CDK context (`cdk.json` defaults, `-c key=value` overrides), so two
 * stages can live in one account and nothing account-specific is in the code.
 */
import type { App } from 'aws-cdk-lib';

export interface StageConfig {
  /** Names the stack (`Folio-<stage>`) and the API stage. */
  readonly stage: string;
  readonly region: string;
  /** Deploy account; synth needs none. */
  readonly account: string | undefined;
  /** SES sender: a verified email address or domain (`shop@example.com` or `example.com`). */
  readonly senderIdentity: string;
  /** Address the messages come from; on a domain identity, an address of that domain. */
  readonly senderAddress: string;
  readonly smsSenderId: string;
  /** Where alarms are emailed. */
  readonly alarmEmail: string;
  /** Where operators' work notices go (the privacy-deadline summary). @default the alarm email */
  readonly operationsEmail: string;
  /** Origins allowed by CORS (the storefront and the web pages). */
  readonly corsOrigins: readonly string[];
  /** Requests per 5 minutes from one address before WAF blocks it. */
  readonly wafRateLimit: number;
  /** API Gateway stage throttling. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  /** Days after which exports are deleted. */
  readonly exportRetentionDays: number;
  /**
   * Cognito sends its codes through the stage's SES identity. Cognito refuses an identity that
   * is not verified yet, and a new domain identity is verified by DNS after the first deploy:
   * deploy once without it (Cognito's own sender), then again with `-c cognitoEmailViaSes=true`.
   * @default false
   */
  readonly cognitoEmailViaSes: boolean;
  /** Hours a basket waits unordered before its reminder is due. @default 24 */
  readonly basketReminderHours: number;
  /** SNS platform applications for push (created outside CloudFormation, which has no resource for them). */
  readonly pushPlatformApplications: { readonly fcm?: string; readonly apns?: string };
  /**
   * Contractors' mailing systems that get every advertising opt-out and opt-in (system/contractors.ts):
   * `-c contractors='[{"name":"mailer","endpoint":"https://…"}]'`. Each gets a generated signing
   * secret in Secrets Manager, to be shared with the contractor. @default none
   */
  readonly contractors: readonly { readonly name: string; readonly endpoint: string }[];
  /**
   * Hours a contractor may leave changes unacknowledged before the alarm fires; the policy's bound
   * is 72 (3 days), the alarm comes first so there is time to act. @default 24
   */
  readonly contractorSyncAlarmHours: number;
  /** Account sending limits the deliverer paces itself to: SES sends/s and SNS SMS parts/s. @default 14 and 20 */
  readonly emailSendsPerSecond: number;
  readonly smsPartsPerSecond: number;
  /** k of the impersonal exports' k-anonymity: each released row shares its quasi-identifiers with rows of at least k−1 other customers. @default 5 */
  readonly exportK: number;
  /**
   * Where the web pages call the API, written to their `config.json`: '' (the default) for the
   * pages' own origin, which the CloudFront distribution serves at `/v1/*` (no CORS); or the API's
   * absolute https URL, which then also needs the pages' origin in `corsOrigins`. @default ''
   */
  readonly webApiBaseUrl: string;
  /**
   * A custom domain for the pages with its ACM certificate, which CloudFront requires in us-east-1:
   * `-c webDomainName=shop.example.com -c webCertificateArn=arn:aws:acm:us-east-1:…` (both or
   * neither). The DNS record pointing at the distribution is the operator's. @default none
   */
  readonly webDomain: { readonly name: string; readonly certificateArn: string } | undefined;
}

const webApiBaseUrl = (app: App): string => {
  const value = text(app, 'webApiBaseUrl', '');
  if (value === '') return '';
  if (!/^https:\/\/[^/?#]+(\/[^?#]*)?$/.test(value)) throw new Error('CDK context "webApiBaseUrl" must be an https:// URL without query or fragment, or empty');
  return value.replace(/\/+$/, '');
};

const webDomain = (app: App): StageConfig['webDomain'] => {
  const name = text(app, 'webDomainName', '');
  const certificateArn = text(app, 'webCertificateArn', '');
  if (name === '' && certificateArn === '') return undefined;
  if (name === '' || certificateArn === '') throw new Error('CDK context "webDomainName" and "webCertificateArn" go together');
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(name)) throw new Error('CDK context "webDomainName" must be a lower-case domain name');
  if (!certificateArn.startsWith('arn:aws:acm:us-east-1:')) throw new Error('CDK context "webCertificateArn" must be an ACM certificate in us-east-1 (CloudFront requires it there)');
  return { name, certificateArn };
};

const contractorList = (app: App): { name: string; endpoint: string }[] => {
  const value: unknown = app.node.tryGetContext('contractors');
  if (value === undefined || value === null || value === '') return [];
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (!Array.isArray(parsed)) throw new Error('CDK context "contractors" must be a JSON array of { name, endpoint }');
  return parsed.map((entry: unknown) => {
    const { name, endpoint } = (entry ?? {}) as { name?: unknown; endpoint?: unknown };
    if (typeof name !== 'string' || !/^[a-z][a-z0-9-]{0,31}$/.test(name)) throw new Error('a contractor needs a name of lower-case letters, digits and dashes');
    if (typeof endpoint !== 'string' || !endpoint.startsWith('https://')) throw new Error(`contractor ${name} needs an https:// endpoint`);
    return { name, endpoint };
  });
};

const text = (app: App, key: string, fallback?: string): string => {
  const value: unknown = app.node.tryGetContext(key);
  if (typeof value === 'string' && value !== '') return value;
  if (fallback !== undefined) return fallback;
  throw new Error(`CDK context "${key}" is required: pass -c ${key}=... or set it in cdk.json`);
};

const list = (app: App, key: string): string[] => {
  const value: unknown = app.node.tryGetContext(key);
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter(Boolean);
  return [];
};

const positive = (app: App, key: string, fallback: number): number => {
  const value = Number(app.node.tryGetContext(key) ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`CDK context "${key}" must be a positive number`);
  return value;
};

export const readStageConfig = (app: App): StageConfig => {
  const stage = text(app, 'stage', 'dev');
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage)) throw new Error('CDK context "stage" must be lower-case letters, digits and dashes');
  const senderIdentity = text(app, 'senderIdentity');
  const fcm = app.node.tryGetContext('pushFcmApplicationArn') as string | undefined;
  const apns = app.node.tryGetContext('pushApnsApplicationArn') as string | undefined;
  return {
    stage,
    region: text(app, 'region', 'eu-central-1'),
    account: (app.node.tryGetContext('account') as string | undefined) ?? process.env['CDK_DEFAULT_ACCOUNT'],
    senderIdentity,
    senderAddress: text(app, 'senderAddress', senderIdentity.includes('@') ? senderIdentity : `no-reply@${senderIdentity}`),
    smsSenderId: text(app, 'smsSenderId', 'folio'),
    alarmEmail: text(app, 'alarmEmail'),
    operationsEmail: text(app, 'operationsEmail', text(app, 'alarmEmail')),
    corsOrigins: list(app, 'corsOrigins'),
    wafRateLimit: positive(app, 'wafRateLimit', 1000),
    throttle: { rateLimit: positive(app, 'throttleRateLimit', 200), burstLimit: positive(app, 'throttleBurstLimit', 400) },
    exportRetentionDays: positive(app, 'exportRetentionDays', 90),
    basketReminderHours: positive(app, 'basketReminderHours', 24),
    cognitoEmailViaSes: ['true', true].includes(app.node.tryGetContext('cognitoEmailViaSes') as string | boolean),
    pushPlatformApplications: { ...(fcm && { fcm }), ...(apns && { apns }) },
    contractors: contractorList(app),
    contractorSyncAlarmHours: positive(app, 'contractorSyncAlarmHours', 24),
    emailSendsPerSecond: positive(app, 'emailSendsPerSecond', 14),
    smsPartsPerSecond: positive(app, 'smsPartsPerSecond', 20),
    exportK: positive(app, 'exportK', 5),
    webApiBaseUrl: webApiBaseUrl(app),
    webDomain: webDomain(app),
  };
};
