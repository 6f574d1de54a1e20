/**
 * The local contractor checks a batch's signature as system/contractors.ts defines it: a good
 * signature is accepted and the batch recorded; a tampered body, a wrong key, a stale or missing
 * timestamp are refused with 401 and nothing is recorded; a body that is not JSON is 400.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ContractorRecorder, checkSignature, signBatch } from '../../local/contractors';
import { FaultSwitch } from '../../local/faults';
import { signatureToleranceSeconds } from '../../system/contractors';

const key = Buffer.alloc(32, 7).toString('base64');
const now = Date.UTC(2026, 10, 24, 12, 0, 0);
const seconds = String(Math.floor(now / 1000));
const body = JSON.stringify({ contractor: 'mailer', changes: [{ customerId: 'c1', channel: 'email', category: 'advertising', subscribed: false }, { customerId: 'c2', channel: 'sms', category: 'informational', subscribed: true }] });
const signed = (text: string, timestamp = seconds, signingKey = key) => ({ 'x-folio-timestamp': timestamp, 'x-folio-signature': signBatch(signingKey, timestamp, text) });

const recorder = (faults = new FaultSwitch()) => new ContractorRecorder('mailer', () => key, faults, () => now);

describe('the local contractor recorder', () => {
  it('signs as v1=<hex HMAC-SHA256(key, "<timestamp>.<body>")>', () => {
    const expected = createHmac('sha256', 'k').update('1700000000.{"changes":[]}').digest('hex');
    expect(signBatch('k', '1700000000', '{"changes":[]}')).toBe(`v1=${expected}`);
  });

  it('accepts a well-signed batch, answers the number of changes and records it', () => {
    const mailer = recorder();
    const answer = mailer.receive(signed(body), body);
    expect(answer).toEqual({ status: 200, body: { accepted: 2 } });
    expect(mailer.recorded()).toHaveLength(1);
    const [item] = mailer.recorded();
    expect(item).toMatchObject({ timestamp: seconds, signature: signed(body)['x-folio-signature'], body, batch: JSON.parse(body) });
    expect(item?.receivedAt).toBe(new Date(now).toISOString());
  });

  it('refuses a tampered body, a wrong key, a stale or future timestamp and a missing signature with 401, recording nothing', () => {
    const mailer = recorder();
    const tampered = body.replace('"subscribed":false', '"subscribed":true');
    const wrongKey = Buffer.alloc(32, 8).toString('base64');
    const stale = String(Math.floor(now / 1000) - signatureToleranceSeconds - 1);
    const future = String(Math.floor(now / 1000) + signatureToleranceSeconds + 1);
    const cases: Record<string, string>[] = [
      signed(body, seconds),
      signed(body, seconds, wrongKey),
      signed(body, stale),
      signed(body, future),
      { 'x-folio-timestamp': seconds },
      { 'x-folio-signature': signed(body)['x-folio-signature'] },
    ];
    const bodies = [tampered, body, body, body, body, body];
    cases.forEach((headers, i) => {
      const answer = mailer.receive(headers, bodies[i] ?? '');
      expect(answer.status, `case ${i}`).toBe(401);
      expect(answer.contentType).toBe('application/problem+json');
    });
    expect(mailer.recorded()).toHaveLength(0);
  });

  it('accepts a timestamp just inside the tolerance', () => {
    const edge = String(Math.floor(now / 1000) - signatureToleranceSeconds);
    expect(checkSignature(key, signed(body, edge), body, now)).toEqual({ ok: true });
  });

  it('answers 400 to a well-signed body that is not JSON', () => {
    const mailer = recorder();
    expect(mailer.receive(signed('not json'), 'not json').status).toBe(400);
    expect(mailer.recorded()).toHaveLength(0);
  });

  it('answers 503 while a fault on it is armed, then accepts again', () => {
    const faults = new FaultSwitch();
    const mailer = recorder(faults);
    faults.arm({ target: 'contractor:mailer', failures: 2 });
    expect(mailer.receive(signed(body), body).status).toBe(503);
    expect(mailer.receive(signed(body), body).status).toBe(503);
    expect(mailer.receive(signed(body), body).status).toBe(200);
    expect(mailer.recorded()).toHaveLength(1);
  });
});
