/**
 * The whole of folio on embedded stand-ins: DynamoDB Local, cognito-local, a local SES (behind a
 * fault-injecting proxy for the functions), the SNS/SQS/Secrets Manager endpoint, the local S3, the contractor
 * recorder, the function runtime, the gateway, the scheduler and the queue pollers,
 * all driven from the definitions in system/. `npm start` and the integration tests both start
 * it through `startLocalStack`.
 */
import { buildWeb } from '../web/build';
import type { ChildProcess } from 'node:child_process';
import type { Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { CloudFormationCustomResourceCreateEvent } from 'aws-lambda';
import { deployHooks } from '#system/deploy-hooks';
import { jobs } from '#system/jobs';
import { queueNames } from '#system/queues';
import { streamConsumers } from '#system/streams';
import { routes } from '#system/routes/index';
import { tableNames } from '#system/tables';
import { startCognitoLocal } from './cognito';
import { createTables, startDynamoDbLocal } from './dynamodb';
import { appendOnlyPolicy, startDynamoDbProxy } from './dynamodb-proxy';
import { functionEnvironment, localTableName } from './environment';
import { LocalGateway, type LocalRoute } from './gateway';
import { startAwsEndpoint } from './aws-endpoint';
import { ContractorRecorder } from './contractors';
import { FaultSwitch, faultRequestSchema, faultTargets } from './faults';
import { seedOperator } from './operator';
import { Outbox } from './outbox';
import { assertPortFree, freePort } from './ports';
import { FunctionRuntime } from './runtime';
import { LocalScheduler } from './scheduler';
import { contractorSecretId, localContractors, LocalSecretsManager } from './secrets-manager';
import { LocalS3, localExportsBucket, startS3Endpoint } from './s3';
import { startSesLocal } from './ses';
import { startSesProxy } from './ses-proxy';
import { LocalSns } from './sns';
import { LocalSqs } from './sqs';
import { LocalStreams } from './streams';

export interface LocalStackOptions {
  /** The gateway's port. */
  readonly port: number;
  /** Keep data here across restarts; without it every store is in memory and gone at stop. */
  readonly dataDir?: string;
  readonly operatorPassword?: string;
  /** Where each stand-in listens; free ports are chosen for those not given. */
  readonly servicePorts?: Partial<Record<'dynamodb' | 'dynamodbProxy' | 'cognito' | 'ses' | 'sesProxy' | 'aws' | 's3', number>>;
  readonly log?: (entry: Record<string, unknown>) => void;
}

export interface LocalStack {
  readonly url: string;
  readonly operator: { readonly email: string; readonly password: string };
  /**
   * `dynamodb` is DynamoDB Local itself; `dynamodbProxy` is what the functions use: DynamoDB Local
   * behind the append-only tables' resource policy (local/dynamodb-proxy.ts). Likewise `ses` is
   * aws-ses-v2-local itself and `sesProxy` the functions' SES, which fails while a fault is armed.
   * `aws` serves SNS, SQS and Secrets Manager; `s3` is the local S3 (path-style, local/s3.ts).
   */
  readonly endpoints: Record<'dynamodb' | 'dynamodbProxy' | 'cognito' | 'ses' | 'sesProxy' | 'aws' | 's3', string>;
  readonly userPoolId: string;
  readonly clientId: string;
  readonly runtime: FunctionRuntime;
  readonly sqs: LocalSqs;
  readonly sns: LocalSns;
  readonly secretsManager: LocalSecretsManager;
  readonly s3: LocalS3;
  readonly faults: FaultSwitch;
  readonly scheduler: LocalScheduler;
  stop(): Promise<void>;
}

const root = resolve(import.meta.dirname, '..');

const closeServer = (server: Server) =>
  new Promise<void>((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });

/** One stack per data directory: a second one would corrupt DynamoDB Local's files. */
const takeLock = (dataDir: string): (() => void) => {
  const lock = join(dataDir, 'folio.pid');
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8'));
    let alive = false;
    try {
      alive = Number.isInteger(pid) && pid > 0 && process.kill(pid, 0);
    } catch {
      alive = false;
    }
    if (alive) throw new Error(`another folio (pid ${pid}) is running on ${dataDir}: stop it first.`);
  }
  writeFileSync(lock, String(process.pid));
  return () => rmSync(lock, { force: true });
};

export const startLocalStack = async (options: LocalStackOptions): Promise<LocalStack> => {
  const log = options.log ?? ((entry) => process.stdout.write(`${JSON.stringify(entry)}\n`));
  const cleanups: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch {
        // Keep stopping the rest: a stray process is worse than a noisy stop.
      }
    }
  };

  try {
    await assertPortFree(options.port, 'the API');
    const persistent = options.dataDir !== undefined;
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'folio-local-'));
    mkdirSync(dataDir, { recursive: true });
    if (persistent) cleanups.push(takeLock(dataDir));
    else cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));

    const ports = {
      dynamodb: options.servicePorts?.dynamodb ?? (await freePort()),
      dynamodbProxy: options.servicePorts?.dynamodbProxy ?? (await freePort()),
      cognito: options.servicePorts?.cognito ?? (await freePort()),
      ses: options.servicePorts?.ses ?? (await freePort()),
      sesProxy: options.servicePorts?.sesProxy ?? (await freePort()),
      aws: options.servicePorts?.aws ?? (await freePort()),
      s3: options.servicePorts?.s3 ?? (await freePort()),
    };
    for (const [name, port] of Object.entries(ports)) await assertPortFree(port, `local ${name}`);

    const dynamoDir = join(dataDir, 'dynamodb');
    if (persistent) mkdirSync(dynamoDir, { recursive: true });
    const dynamoStarting = startDynamoDbLocal(ports.dynamodb, persistent ? dynamoDir : undefined);
    // The running DynamoDB Local: `POST /_local/dynamodb/restart` replaces it with a new process.
    let dynamoProcess: ChildProcess | undefined;
    const stopDynamo = () =>
      new Promise<void>((done) => {
        const d = dynamoProcess;
        if (d === undefined || d.exitCode !== null || d.signalCode !== null) return done();
        const killer = setTimeout(() => d.kill('SIGKILL'), 3_000);
        d.once('exit', () => {
          clearTimeout(killer);
          done();
        });
        d.kill('SIGTERM');
      });
    dynamoStarting
      .then((d) => {
        dynamoProcess = d.process;
        cleanups.push(stopDynamo);
      })
      .catch(() => undefined);
    let dynamoRestarting = false;

    const ses = await startSesLocal(ports.ses);
    cleanups.push(() => closeServer(ses.server));
    const cognito = await startCognitoLocal({
      port: ports.cognito,
      dataDir: join(dataDir, 'cognito'),
      sesEndpoint: ses.endpoint,
      fromAddress: 'no-reply@folio.local',
    });
    cleanups.push(() => closeServer(cognito.server));

    const url = `http://127.0.0.1:${options.port}`;
    const runtime = new FunctionRuntime(root);
    const outbox = new Outbox(ses.endpoint);
    const awsEndpoint = `http://127.0.0.1:${ports.aws}`;
    const sqs = new LocalSqs(awsEndpoint, runtime);
    const sns = new LocalSns(outbox);
    const faults = new FaultSwitch();
    // Kept with the data so that tokens signed before a restart still verify.
    const secretsManager = new LocalSecretsManager(persistent ? dataDir : undefined);
    const awsServer = await startAwsEndpoint(ports.aws, { sqs, sns, secretsManager, faults });
    cleanups.push(() => closeServer(awsServer));
    const s3 = new LocalS3([localExportsBucket], persistent ? dataDir : undefined);
    const s3Server = await startS3Endpoint(ports.s3, s3);
    cleanups.push(() => closeServer(s3Server));
    const sesProxy = await startSesProxy(ports.sesProxy, ses.endpoint, faults);
    cleanups.push(() => closeServer(sesProxy.server));

    const dynamo = await dynamoStarting;
    const dynamoProxy = await startDynamoDbProxy({
      port: ports.dynamodbProxy,
      upstream: dynamo.endpoint,
      policy: appendOnlyPolicy(localTableName),
      onDenied: (denial) => log({ level: 'WARN', message: 'DynamoDB call refused by the append-only policy', action: denial.action, table: denial.table }),
    });
    cleanups.push(() => dynamoProxy.close());
    const endpoints = { dynamodb: dynamo.endpoint, dynamodbProxy: dynamoProxy.endpoint, cognito: cognito.endpoint, ses: ses.endpoint, sesProxy: sesProxy.endpoint, aws: awsEndpoint, s3: `http://127.0.0.1:${ports.s3}` };
    // The functions run in this process: their environment is this process's environment. They
    // reach DynamoDB through the proxy, as they reach it through IAM in the cloud.
    Object.assign(
      process.env,
      functionEnvironment({
        ...endpoints,
        dynamodb: dynamoProxy.endpoint,
        ses: sesProxy.endpoint,
        queueUrl: (q) => sqs.queueUrl(q),
        userPoolId: cognito.userPoolId,
        userPoolClientId: cognito.clientId,
        publicUrl: url,
      }),
    );

    const dynamoClient = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await createTables(dynamoClient, localTableName);
    dynamoClient.destroy();
    for (const hook of deployHooks) {
      const event: CloudFormationCustomResourceCreateEvent = {
        RequestType: 'Create',
        ServiceToken: 'local',
        ResponseURL: 'http://127.0.0.1/unused',
        StackId: 'local',
        RequestId: hook.name,
        LogicalResourceId: hook.name,
        ResourceType: 'Custom::FolioDeployHook',
        ResourceProperties: { ServiceToken: 'local' },
      };
      await runtime.invoke(hook.handler, event, hook.needs);
    }
    const streams = new LocalStreams(dynamo.endpoint, streamConsumers, localTableName, runtime);
    await streams.start();
    cleanups.push(() => streams.stop());
    const operator = await seedOperator(cognito.endpoint, cognito.userPoolId, options.operatorPassword);

    const scheduler = new LocalScheduler(jobs, runtime, (job, error) =>
      log({ level: 'ERROR', message: 'scheduled job failed', job, error: error instanceof Error ? error.name : 'unknown' }),
    );
    const contractors = new Map(
      localContractors.map((name) => [name as string, new ContractorRecorder(name, () => secretsManager.value(contractorSecretId(name)), faults)]),
    );
    const problem = (status: number, title: string, detail: string) => ({
      status,
      body: { type: status === 404 ? 'urn:problem:folio:not-found' : 'urn:problem:folio:local', title, status, detail },
      contentType: 'application/problem+json',
    });
    const local: LocalRoute = async ({ method, path, query, rawBody, headers }) => {
      if (method === 'GET' && path === '/_local/outbox') {
        const filter = { ...(query.get('to') ? { to: query.get('to') ?? '' } : {}), ...(query.get('channel') ? { channel: query.get('channel') ?? '' } : {}) };
        return { status: 200, body: { items: await outbox.items(filter) } };
      }
      if (method === 'GET' && path === '/_local/stack') {
        // Where each stand-in listens, for tools and tests that talk to them directly.
        return {
          status: 200,
          body: {
            endpoints,
            userPoolId: cognito.userPoolId,
            clientId: cognito.clientId,
            tables: Object.fromEntries(tableNames.map((t) => [t, localTableName(t)])),
            queues: Object.fromEntries(queueNames.map((q) => [q, sqs.queueUrl(q)])),
          },
        };
      }
      if (method === 'GET' && path === '/_local/jobs') return { status: 200, body: { items: scheduler.list() } };
      const run = /^\/_local\/jobs\/([\w-]+)\/run$/.exec(path);
      if (method === 'POST' && run) {
        const name = run[1] ?? '';
        if (!scheduler.has(name)) return { status: 404, body: { type: 'urn:problem:folio:not-found', title: 'Not Found', status: 404, detail: 'There is no such job.' }, contentType: 'application/problem+json' };
        // `?at=` runs the job as if scheduled at that time, as EventBridge passes scheduledTime.
        const at = query.get('at');
        const scheduledTime = at === null ? new Date() : new Date(at);
        if (Number.isNaN(scheduledTime.getTime())) {
          return { status: 422, body: { type: 'urn:problem:folio:validation', title: 'Validation Failed', status: 422, errors: [{ path: 'query.at', message: 'must be an ISO 8601 time' }] }, contentType: 'application/problem+json' };
        }
        const result = await scheduler.run(name, scheduledTime);
        return { status: 200, body: { job: name, result: result ?? null } };
      }
      const contractor = /^\/_local\/contractors\/([\w-]+)$/.exec(path);
      const recorder = contractor ? contractors.get(contractor[1] ?? '') : undefined;
      if (method === 'GET' && recorder) return { status: 200, body: { items: recorder.recorded() } };
      if (method === 'POST' && recorder) return recorder.receive(headers, rawBody.toString('utf8'));
      if (path === '/_local/faults') {
        if (method === 'GET') return { status: 200, body: { items: faults.list() } };
        if (method === 'DELETE') {
          // `?target=` clears that target's fault only; without it, every fault.
          const target = query.get('target');
          if (target === null) faults.clear();
          else {
            const parsed = faultRequestSchema.shape.target.safeParse(target);
            if (!parsed.success) return { status: 422, body: { type: 'urn:problem:folio:validation', title: 'Validation Failed', status: 422, errors: [{ path: 'query.target', message: `must be one of ${faultTargets.join(', ')}` }] }, contentType: 'application/problem+json' };
            faults.clear(parsed.data);
          }
          return { status: 200, body: { items: faults.list() } };
        }
        if (method === 'POST') {
          let input: unknown;
          try {
            input = JSON.parse(rawBody.toString('utf8'));
          } catch {
            return problem(400, 'Bad Request', 'The body is not JSON.');
          }
          const parsed = faultRequestSchema.safeParse(input);
          if (!parsed.success) {
            return {
              status: 422,
              body: { type: 'urn:problem:folio:validation', title: 'Validation Failed', status: 422, errors: parsed.error.issues.map((i) => ({ path: ['body', ...i.path].join('.'), message: i.message })) },
              contentType: 'application/problem+json',
            };
          }
          return { status: 200, body: faults.arm(parsed.data) };
        }
      }
      if (method === 'POST' && path === '/_local/dynamodb/restart') {
        // Stops DynamoDB Local, waits `downMs`, and starts it again on the same port and data
        // directory; answers once it listens again. In memory, a restart would lose every table.
        if (!persistent) return problem(409, 'Conflict', 'DynamoDB Local keeps its data in memory (FOLIO_IN_MEMORY=1): a restart would lose every table.');
        if (dynamoRestarting) return problem(409, 'Conflict', 'DynamoDB Local is already restarting.');
        const downMs = Number(query.get('downMs') ?? '3000');
        if (!Number.isInteger(downMs) || downMs < 0 || downMs > 60_000) {
          return { status: 422, body: { type: 'urn:problem:folio:validation', title: 'Validation Failed', status: 422, errors: [{ path: 'query.downMs', message: 'must be an integer from 0 to 60000' }] }, contentType: 'application/problem+json' };
        }
        dynamoRestarting = true;
        try {
          const stoppedAt = Date.now();
          await stopDynamo();
          await new Promise((r) => setTimeout(r, downMs));
          dynamoProcess = (await startDynamoDbLocal(ports.dynamodb, dynamoDir)).process;
          return { status: 200, body: { restarted: true, downMs: Date.now() - stoppedAt } };
        } finally {
          dynamoRestarting = false;
        }
      }
      if (method === 'POST' && path === '/_local/sms/opt-outs') {
        let phone: unknown;
        try {
          phone = (JSON.parse(rawBody.toString('utf8')) as { phone?: unknown }).phone;
        } catch {
          return problem(400, 'Bad Request', 'The body is not JSON.');
        }
        if (typeof phone !== 'string' || !LocalSns.isPhoneNumber(phone)) {
          return { status: 422, body: { type: 'urn:problem:folio:validation', title: 'Validation Failed', status: 422, errors: [{ path: 'body.phone', message: 'must be a phone number in E.164 form, e.g. +79161234567' }] }, contentType: 'application/problem+json' };
        }
        // As if the recipient had answered STOP: SNS adds the number to its opt-out list.
        sns.optOut(phone);
        return { status: 200, body: { optedOut: true } };
      }
      return { status: 404, body: { type: 'urn:problem:folio:not-found', title: 'Not Found', status: 404, detail: 'There is no such local route.' }, contentType: 'application/problem+json' };
    };

    const corsOrigins = (process.env['CORS_ORIGINS'] ?? '').split(',').filter(Boolean);
    const gateway = new LocalGateway({
      routes,
      runtime,
      issuer: cognito.issuer,
      jwksUri: cognito.jwksUri,
      clientId: cognito.clientId,
      corsOrigins,
      local,
      log,
      web: buildWeb({ stage: 'local' }),
    });
    await gateway.listen(options.port);
    cleanups.push(() => gateway.close());
    sqs.start();
    cleanups.push(() => sqs.stop());
    scheduler.start();
    cleanups.push(() => scheduler.stop());

    return {
      url,
      operator,
      endpoints,
      userPoolId: cognito.userPoolId,
      clientId: cognito.clientId,
      runtime,
      sqs,
      sns,
      secretsManager,
      s3,
      faults,
      scheduler,
      stop,
    };
  } catch (error: unknown) {
    await stop();
    throw error;
  }
};
