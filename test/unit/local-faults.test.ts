/**
 * The fault switch of the local stack, and what the real SDK clients make of the failures it
 * causes: SNS Publish answers Throttling and SES v2 answers 429 TooManyRequestsException, both
 * of which the SDK retries as throttling; the SNS opt-out list pages with `nextToken`.
 */
import { ListPhoneNumbersOptedOutCommand, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendEmailCommand, SESv2Client, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FaultSwitch, faultRequestSchema } from '../../local/faults';
import { Outbox } from '../../local/outbox';
import { sesThrottled } from '../../local/ses-proxy';
import { LocalSns, optedOutPageSize } from '../../local/sns';
import { inProcessClientConfig, servicesOf } from './local-sdk-handler';

describe('the fault switch', () => {
  it('fails the next n calls of its target only, then clears itself', () => {
    const faults = new FaultSwitch();
    expect(faults.arm({ target: 'ses', failures: 2 })).toEqual({ target: 'ses', remaining: 2 });
    expect(faults.list()).toEqual([{ target: 'ses', remaining: 2 }]);
    expect(faults.shouldFail('sns')).toBe(false);
    expect([faults.shouldFail('ses'), faults.shouldFail('ses'), faults.shouldFail('ses')]).toEqual([true, true, false]);
    expect(faults.list()).toEqual([]);
  });

  it('fails every call for forMs, and fails just the next call when given neither', () => {
    let now = 1_000;
    const faults = new FaultSwitch(() => now);
    expect(faults.arm({ target: 'sns', forMs: 500 })).toEqual({ target: 'sns', until: new Date(1_500).toISOString() });
    for (let i = 0; i < 5; i += 1) expect(faults.shouldFail('sns')).toBe(true);
    now = 1_500;
    expect(faults.shouldFail('sns')).toBe(false);
    faults.arm({ target: 'contractor:mailer' });
    expect([faults.shouldFail('contractor:mailer'), faults.shouldFail('contractor:mailer')]).toEqual([true, false]);
  });

  it('with match, fails only the calls whose request holds that text, and counts only those', () => {
    const faults = new FaultSwitch();
    faults.arm({ target: 'ses', failures: 1, match: 'mine-' });
    expect(faults.shouldFail('ses', '{"ToAddresses":["other@example.com"]}')).toBe(false);
    expect(faults.shouldFail('ses')).toBe(false);
    expect(faults.shouldFail('ses', '{"ToAddresses":["mine-1@example.com"]}')).toBe(true);
    expect(faults.shouldFail('ses', '{"ToAddresses":["mine-2@example.com"]}')).toBe(false);
  });

  it('is cleared at once, and refuses unknown targets and bad counts', () => {
    const faults = new FaultSwitch();
    faults.arm({ target: 'ses', failures: 5 });
    faults.arm({ target: 'sns', forMs: 60_000 });
    faults.clear();
    expect(faults.list()).toEqual([]);
    expect(faultRequestSchema.safeParse({ target: 'sqs' }).success).toBe(false);
    expect(faultRequestSchema.safeParse({ target: 'ses', failures: 0 }).success).toBe(false);
    expect(faultRequestSchema.safeParse({ target: 'ses', failures: 1.5 }).success).toBe(false);
    expect(faultRequestSchema.safeParse({ target: 'contractor:mailer', failures: 3, forMs: 1000 }).success).toBe(true);
  });
});

describe('failures as the real SDK clients see them', () => {
  it('SNS Publish throttled: the client retries it as throttling and succeeds once the fault is spent', async () => {
    const faults = new FaultSwitch();
    const sns = new SNSClient(inProcessClientConfig(servicesOf({ faults })));
    faults.arm({ target: 'sns', failures: 2 });
    const sent = await sns.send(new PublishCommand({ PhoneNumber: '+79160000001', Message: 'hello' }));
    expect(sent.MessageId).toBeTruthy();
    expect(sent.$metadata.attempts).toBe(3);
    faults.arm({ target: 'sns', failures: 10 });
    const error = (await sns.send(new PublishCommand({ PhoneNumber: '+79160000001', Message: 'hello' })).catch((e: unknown) => e)) as Error & { $metadata: { httpStatusCode: number; attempts: number } };
    expect(error.name).toBe('Throttling');
    expect(error.$metadata).toMatchObject({ httpStatusCode: 400, attempts: 3 });
  }, 20_000);

  it('SES v2 throttled: TooManyRequestsException (429), retried by the client', async () => {
    const faults = new FaultSwitch();
    let calls = 0;
    const ses = new SESv2Client({
      endpoint: 'http://127.0.0.1:1',
      region: 'eu-central-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      requestHandler: {
        handle: async () => {
          calls += 1;
          const answer = faults.shouldFail('ses') ? sesThrottled() : { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ MessageId: 'm-1' }) };
          return { response: { statusCode: answer.status, headers: answer.headers, body: Readable.from([Buffer.from(answer.body)]) } };
        },
      },
    });
    const email = { FromEmailAddress: 'no-reply@folio.local', Destination: { ToAddresses: ['someone@example.com'] }, Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 'b' } } } } };
    faults.arm({ target: 'ses', failures: 1 });
    const sent = await ses.send(new SendEmailCommand(email));
    expect(sent.MessageId).toBe('m-1');
    expect(sent.$metadata.attempts).toBe(2);
    faults.arm({ target: 'ses', failures: 10 });
    const error = await ses.send(new SendEmailCommand(email)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooManyRequestsException);
    expect((error as TooManyRequestsException).$metadata.httpStatusCode).toBe(429);
    expect(calls).toBe(2 + 3);
  }, 20_000);
});

describe('SMS opt-outs', () => {
  it('ListPhoneNumbersOptedOut pages with nextToken, as the real client reads it', async () => {
    const sns = new LocalSns(new Outbox('http://127.0.0.1:1'));
    const phones = Array.from({ length: optedOutPageSize + 50 }, (_, i) => `+7916${String(i).padStart(7, '0')}`);
    for (const phone of phones) sns.optOut(phone);
    const client = new SNSClient(inProcessClientConfig(servicesOf({ sns })));
    const seen: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await client.send(new ListPhoneNumbersOptedOutCommand({ ...(nextToken === undefined ? {} : { nextToken }) }));
      seen.push(...(page.phoneNumbers ?? []));
      nextToken = page.nextToken;
      pages += 1;
    } while (nextToken !== undefined);
    expect(pages).toBe(2);
    expect(seen).toEqual(phones);
    const refused = await client.send(new PublishCommand({ PhoneNumber: phones[0], Message: 'hello' })).catch((e: unknown) => e);
    expect((refused as Error).name).toBe('OptedOutException');
  });
});
