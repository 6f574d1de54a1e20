/**
 * The local stack's stand-ins for messages, through the running stack and the real AWS SDK
 * clients: Secrets Manager, the contractor recorder's signature check, fault injection on the
 * functions' SES, and the SMS opt-out list.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SendEmailCommand, SESv2Client, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { ListPhoneNumbersOptedOutCommand, SNSClient } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import { secretNames } from '../../system/secrets';
import { awsClientConfig, call, type StackInfo, stackInfo } from '../support/api';

/** `/_local/stack` also names the functions' SES endpoint, the proxy that injects faults. */
const info = async () => (await stackInfo()) as StackInfo & { endpoints: StackInfo['endpoints'] & { sesProxy: string } };

const secretValue = async (secretId: string): Promise<string> => {
  const client = new SecretsManagerClient(awsClientConfig((await info()).endpoints.aws));
  const answer = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  return answer.SecretString ?? '';
};

const sign = (key: string, timestamp: string, body: string) => `v1=${createHmac('sha256', key).update(`${timestamp}.${body}`).digest('hex')}`;

interface Recorded {
  readonly receivedAt: string;
  readonly timestamp: string;
  readonly signature: string;
  readonly body: string;
  readonly batch: unknown;
}

describe('the local Secrets Manager', () => {
  it('serves every secret of system/secrets.ts and the mailer contractor\'s to the real client', async () => {
    const client = new SecretsManagerClient(awsClientConfig((await info()).endpoints.aws));
    for (const id of [...secretNames.map((n) => `folio-local/${n}`), 'folio-local/contractors/mailer']) {
      const answer = await client.send(new GetSecretValueCommand({ SecretId: id }));
      expect(answer.Name).toBe(id);
      expect(answer.ARN).toMatch(/^arn:aws:secretsmanager:eu-central-1:000000000000:secret:/);
      // The export job's keyring is a JSON map (period → key; `{}` until the job first runs); every other secret is 32 random bytes.
      if (id === 'folio-local/exportPseudonymKeys') expect(JSON.parse(answer.SecretString ?? '')).toBeTypeOf('object');
      else expect(Buffer.from(answer.SecretString ?? '', 'base64')).toHaveLength(32);
      expect(answer.VersionId).toBeTruthy();
      expect(answer.CreatedDate).toBeInstanceOf(Date);
    }
    const missing = await client.send(new GetSecretValueCommand({ SecretId: 'folio-local/nothing-here' })).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('the contractor recorder', () => {
  it('accepts a batch signed with the mailer\'s secret and records it as sent; refuses a tampered one', async () => {
    const key = await secretValue('folio-local/contractors/mailer');
    const marker = randomUUID();
    const body = JSON.stringify({ contractor: 'mailer', marker, changes: [{ customerId: marker, channel: 'email', category: 'advertising', subscribed: false }] });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const headers = { 'Content-Type': 'application/json', 'X-Folio-Timestamp': timestamp, 'X-Folio-Signature': sign(key, timestamp, body) };

    const accepted = await call<{ accepted: number }>('POST', '/_local/contractors/mailer', { rawBody: body, headers });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ accepted: 1 });

    const tamperedBody = body.replace('"subscribed":false', '"subscribed":true');
    const tamperedMarker = body.replace(marker, randomUUID());
    for (const rawBody of [tamperedBody, tamperedMarker]) {
      const refused = await call<{ status: number }>('POST', '/_local/contractors/mailer', { rawBody, headers });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    const stale = String(Math.floor(Date.now() / 1000) - 600);
    const staleAnswer = await call('POST', '/_local/contractors/mailer', { rawBody: body, headers: { ...headers, 'X-Folio-Timestamp': stale, 'X-Folio-Signature': sign(key, stale, body) } });
    expect(staleAnswer.status).toBe(401);

    const list = await call<{ items: Recorded[] }>('GET', '/_local/contractors/mailer');
    expect(list.status).toBe(200);
    const mine = list.body.items.filter((item) => item.body.includes(marker) || item.body === tamperedBody);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ timestamp, signature: headers['X-Folio-Signature'], body, batch: JSON.parse(body) });
  });
});

describe('fault injection', () => {
  it('a fault on ses makes a real SESv2 SendEmail fail with TooManyRequestsException, and it succeeds once the fault is spent', async () => {
    const { endpoints } = await info();
    const ses = new SESv2Client({ ...awsClientConfig(endpoints.sesProxy), maxAttempts: 1 });
    const to = `stand-in-${randomUUID()}@example.com`;
    const email = { FromEmailAddress: 'no-reply@folio.local', Destination: { ToAddresses: [to] }, Content: { Simple: { Subject: { Data: 'Fault test' }, Body: { Text: { Data: 'hello' } } } } };

    // Other test files' functions share the stand-in: should one of them take the armed failure,
    // arm it again (the SDK retries theirs, so it costs them nothing).
    let failure: unknown;
    for (let i = 0; i < 5 && failure === undefined; i += 1) {
      const armed = await call<{ target: string; remaining: number }>('POST', '/_local/faults', { body: { target: 'ses', failures: 1 } });
      expect(armed.status).toBe(200);
      expect(armed.body).toEqual({ target: 'ses', remaining: 1 });
      failure = await ses.send(new SendEmailCommand(email)).then(() => undefined, (e: unknown) => e);
    }
    expect(failure).toBeInstanceOf(TooManyRequestsException);
    expect((failure as TooManyRequestsException).$metadata.httpStatusCode).toBe(429);

    const armedNow = await call<{ items: { target: string }[] }>('GET', '/_local/faults');
    expect(armedNow.body.items.map((f) => f.target)).not.toContain('ses');
    const sent = await ses.send(new SendEmailCommand(email));
    expect(sent.MessageId).toBeTruthy();
    const outbox = await call<{ items: { to: string; subject: string }[] }>('GET', `/_local/outbox?to=${encodeURIComponent(to)}&channel=email`);
    expect(outbox.body.items.map((i) => i.subject)).toEqual(['Fault test']);
  });

  it('lists armed faults, clears one target with DELETE ?target=, and refuses an unknown target', async () => {
    const armed = await call<{ target: string; until: string }>('POST', '/_local/faults', { body: { target: 'contractor:mailer', forMs: 60_000 } });
    expect(armed.status).toBe(200);
    expect(Date.parse(armed.body.until)).toBeGreaterThan(Date.now());
    // While armed, the recorder is unavailable: 503, before any signature check.
    expect((await call('POST', '/_local/contractors/mailer', { rawBody: '{}' })).status).toBe(503);
    const listed = await call<{ items: { target: string }[] }>('GET', '/_local/faults');
    expect(listed.body.items.map((f) => f.target)).toContain('contractor:mailer');
    const cleared = await call<{ items: { target: string }[] }>('DELETE', '/_local/faults?target=contractor:mailer');
    expect(cleared.status).toBe(200);
    expect(cleared.body.items.map((f) => f.target)).not.toContain('contractor:mailer');
    expect((await call('POST', '/_local/contractors/mailer', { rawBody: '{}' })).status).toBe(401);
    expect((await call('POST', '/_local/faults', { body: { target: 'dynamodb' } })).status).toBe(422);
  });
});

describe('SMS STOP', () => {
  it('an opt-out posted to /_local/sms/opt-outs is listed by the real SNS client\'s ListPhoneNumbersOptedOut', async () => {
    const phone = `+7916${String(Math.floor(Math.random() * 10_000_000)).padStart(7, '0')}`;
    const posted = await call('POST', '/_local/sms/opt-outs', { body: { phone } });
    expect(posted.status).toBe(200);
    expect((await call('POST', '/_local/sms/opt-outs', { body: { phone: '8-916-000' } })).status).toBe(422);

    const sns = new SNSClient(awsClientConfig((await info()).endpoints.aws));
    const listed: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sns.send(new ListPhoneNumbersOptedOutCommand(nextToken === undefined ? {} : { nextToken }));
      listed.push(...(page.phoneNumbers ?? []));
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    expect(listed).toContain(phone);
  });
});
