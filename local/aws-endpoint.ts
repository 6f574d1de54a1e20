/**
 * One HTTP endpoint for the AWS services that no package imitates well: SQS (JSON protocol,
 * told apart by `X-Amz-Target: AmazonSQS.*`), Secrets Manager (JSON 1.1, `X-Amz-Target:
 * secretsmanager.*`) and SNS (query protocol, form-encoded `Action=`). The handlers reach it
 * through AWS_ENDPOINT_URL_SQS, AWS_ENDPOINT_URL_SECRETS_MANAGER and AWS_ENDPOINT_URL_SNS.
 * While a fault on `sns` is armed (local/faults.ts), Publish answers SNS's `Throttling` error.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { FaultSwitch } from './faults';
import { type LocalSecretsManager, SecretsManagerError } from './secrets-manager';
import { type LocalSns, SnsError, snsErrorXml } from './sns';
import { type LocalSqs, SqsError } from './sqs';

export interface AwsEndpointServices {
  readonly sqs: LocalSqs;
  readonly sns: LocalSns;
  readonly secretsManager: LocalSecretsManager;
  readonly faults: FaultSwitch;
}

export interface AwsAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** Answers one request to the endpoint (the protocol is told by `X-Amz-Target` or the form's `Action`). */
export const answerAwsRequest = ({ sqs, sns, secretsManager, faults }: AwsEndpointServices, target: string | undefined, text: string): AwsAnswer => {
  if (target?.startsWith('AmazonSQS.')) {
    try {
      const output = sqs.handle(target.slice('AmazonSQS.'.length), JSON.parse(text || '{}') as Record<string, unknown>);
      return { status: 200, headers: { 'Content-Type': 'application/x-amz-json-1.0' }, body: JSON.stringify(output) };
    } catch (error: unknown) {
      const code = error instanceof SqsError ? error.code : 'InternalError';
      return {
        status: error instanceof SqsError ? 400 : 500,
        headers: { 'Content-Type': 'application/x-amz-json-1.0', 'x-amzn-query-error': `AWS.SimpleQueueService.${code};Sender` },
        body: JSON.stringify({ __type: `com.amazonaws.sqs#${code}`, message: error instanceof Error ? error.message : 'error' }),
      };
    }
  }
  if (target?.startsWith('secretsmanager.')) {
    try {
      const output = secretsManager.handle(target.slice('secretsmanager.'.length), JSON.parse(text || '{}') as Record<string, unknown>);
      return { status: 200, headers: { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': randomUUID() }, body: JSON.stringify(output) };
    } catch (error: unknown) {
      const code = error instanceof SecretsManagerError ? error.code : 'InternalServiceError';
      return {
        status: error instanceof SecretsManagerError ? 400 : 500,
        headers: { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': randomUUID(), 'x-amzn-ErrorType': code },
        body: JSON.stringify({ __type: code, Message: error instanceof Error ? error.message : 'error' }),
      };
    }
  }
  try {
    const form = new URLSearchParams(text);
    if (form.get('Action') === 'Publish' && faults.shouldFail('sns', [...form.values()].join('\n'))) throw new SnsError('Throttling', 'Rate exceeded');
    return { status: 200, headers: { 'Content-Type': 'text/xml' }, body: sns.handle(form) };
  } catch (error: unknown) {
    const snsError = error instanceof SnsError ? error : new SnsError('InternalError', 'internal error');
    return { status: error instanceof SnsError ? 400 : 500, headers: { 'Content-Type': 'text/xml' }, body: snsErrorXml(snsError) };
  }
};

export const startAwsEndpoint = async (port: number, services: AwsEndpointServices): Promise<Server> => {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const target = req.headers['x-amz-target'];
    const answer = answerAwsRequest(services, typeof target === 'string' ? target : undefined, Buffer.concat(chunks).toString('utf8'));
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return server;
};
