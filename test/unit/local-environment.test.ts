/**
 * The functions' local environment carries what the messages code reads: each secret's id, the
 * Secrets Manager endpoint, the contractor list, the push applications, the API's URL and the
 * deliverer's (shortened) backoff base.
 */
import { describe, expect, it } from 'vitest';
import { functionEnvironment } from '../../local/environment';
import { contractorsSchema } from '../../system/contractors';
import { secretEnv, secretNames } from '../../system/secrets';

const env = functionEnvironment({
  dynamodb: 'http://127.0.0.1:1',
  cognito: 'http://127.0.0.1:2',
  ses: 'http://127.0.0.1:3',
  aws: 'http://127.0.0.1:4',
  queueUrl: (q) => `http://127.0.0.1:4/000000000000/${q}`,
  userPoolId: 'pool',
  userPoolClientId: 'client',
  publicUrl: 'http://127.0.0.1:3000',
});

describe('the functions\' local environment', () => {
  it('names every secret by its local id and points Secrets Manager at the AWS endpoint', () => {
    for (const name of secretNames) expect(env[secretEnv(name)]).toBe(`folio-local/${name}`);
    expect(env['SECRET_UNSUBSCRIBE_SIGNING_ID']).toBe('folio-local/unsubscribeSigning');
    expect(env['AWS_ENDPOINT_URL_SECRETS_MANAGER']).toBe('http://127.0.0.1:4');
  });

  it('lists the local contractor mailer, valid under the contractor schema', () => {
    const contractors = contractorsSchema.parse(JSON.parse(env['CONTRACTORS'] ?? ''));
    expect(contractors).toEqual([{ name: 'mailer', endpoint: 'http://127.0.0.1:3000/_local/contractors/mailer', secretId: 'folio-local/contractors/mailer' }]);
  });

  it('sets the push applications, the API URL without a trailing slash and a 1 s retry base', () => {
    expect(env['PUSH_APPLICATION_FCM_ARN']).toBe('arn:aws:sns:eu-central-1:000000000000:app/GCM/folio-local');
    expect(env['PUSH_APPLICATION_APNS_ARN']).toBe('arn:aws:sns:eu-central-1:000000000000:app/APNS/folio-local');
    expect(env['API_BASE_URL']).toBe('http://127.0.0.1:3000');
    expect(env['MESSAGE_RETRY_BASE_SECONDS']).toBe('1');
    expect(env['AWS_ENDPOINT_URL_SESV2']).toBe('http://127.0.0.1:3');
  });
});
