/**
 * Lets a real AWS SDK client talk to the local AWS endpoint's request handling in-process: the
 * client's own serializers and parsers run, only the socket is left out.
 */
import { Readable } from 'node:stream';
import { type AwsEndpointServices, answerAwsRequest } from '../../local/aws-endpoint';
import { FaultSwitch } from '../../local/faults';
import { LocalSecretsManager } from '../../local/secrets-manager';
import { Outbox } from '../../local/outbox';
import { LocalSns } from '../../local/sns';
import type { LocalSqs } from '../../local/sqs';

interface RawRequest {
  readonly headers: Record<string, string>;
  readonly body?: unknown;
}

export const servicesOf = (partial: Partial<AwsEndpointServices>): AwsEndpointServices => ({
  sqs: partial.sqs ?? ({ handle: () => ({}) } as unknown as LocalSqs),
  sns: partial.sns ?? new LocalSns(new Outbox('http://127.0.0.1:1')),
  secretsManager: partial.secretsManager ?? new LocalSecretsManager(),
  faults: partial.faults ?? new FaultSwitch(),
});

export const inProcessClientConfig = (services: AwsEndpointServices) => ({
  endpoint: 'http://127.0.0.1:1',
  region: 'eu-central-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  requestHandler: {
    handle: async (request: RawRequest) => {
      const target = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'x-amz-target')?.[1];
      const text = typeof request.body === 'string' ? request.body : request.body === undefined ? '' : Buffer.from(request.body as Uint8Array).toString('utf8');
      const answer = answerAwsRequest(services, target, text);
      return { response: { statusCode: answer.status, headers: Object.fromEntries(Object.entries(answer.headers).map(([k, v]) => [k.toLowerCase(), v])), body: Readable.from([Buffer.from(answer.body)]) } };
    },
  },
});
