/**
 * The local contractor: a recording endpoint that takes the subscription sync's signed batches
 * (`POST /_local/contractors/<name>`) as a contractor's mailing system would. It checks the
 * signature of system/contractors.ts with the contractor's secret from the local Secrets Manager:
 * `x-folio-timestamp` within `signatureToleranceSeconds` of its clock and
 * `x-folio-signature: v1=<hex HMAC-SHA256(key, "<timestamp>.<raw body>")>`, compared in constant
 * time. A bad or stale signature is refused with 401 and nothing is recorded; a body that is not
 * JSON with 400; otherwise it answers 200 `{ accepted: <changes in the batch> }` and records the
 * batch, which `GET /_local/contractors/<name>` shows.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { signatureHeader, signatureToleranceSeconds, timestampHeader } from '#system/contractors';
import type { FaultSwitch } from './faults';
import type { LocalContractor } from './secrets-manager';

export interface RecordedBatch {
  readonly receivedAt: string;
  readonly timestamp: string;
  readonly signature: string;
  /** The body exactly as received. */
  readonly body: string;
  readonly batch: unknown;
}

export interface ContractorAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly contentType?: string;
}

/** The signature a contractor expects for a body sent at `timestamp` (seconds since the epoch). */
export const signBatch = (key: string, timestamp: string, body: string): string =>
  `v1=${createHmac('sha256', key).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;

export type SignatureCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Checks a batch's timestamp and signature as a contractor must (system/contractors.ts). */
export const checkSignature = (
  key: string,
  headers: Readonly<Record<string, string | undefined>>,
  body: string,
  nowMs: number,
): SignatureCheck => {
  const timestamp = headers[timestampHeader];
  const signature = headers[signatureHeader];
  if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: `${timestampHeader} is missing or not seconds since the epoch` };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > signatureToleranceSeconds) return { ok: false, reason: `${timestampHeader} is more than ${signatureToleranceSeconds} s from the receiver's clock` };
  if (signature === undefined || !/^v1=[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: `${signatureHeader} is missing or not v1=<hex HMAC-SHA256>` };
  const expected = Buffer.from(signBatch(key, timestamp, body), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'the signature does not match the body' };
  return { ok: true };
};

const problem = (status: number, title: string, detail: string): ContractorAnswer => ({
  status,
  body: { type: `urn:problem:folio:local-contractor`, title, status, detail },
  contentType: 'application/problem+json',
});

export class ContractorRecorder {
  private readonly items: RecordedBatch[] = [];

  constructor(
    readonly name: LocalContractor,
    private readonly key: () => string,
    private readonly faults: FaultSwitch,
    private readonly now: () => number = Date.now,
  ) {}

  recorded(): readonly RecordedBatch[] {
    return this.items;
  }

  receive(headers: Readonly<Record<string, string | undefined>>, body: string): ContractorAnswer {
    if (this.faults.shouldFail(`contractor:${this.name}`, body)) return problem(503, 'Service Unavailable', 'The contractor is unavailable (a fault armed by POST /_local/faults).');
    const check = checkSignature(this.key(), headers, body, this.now());
    if (!check.ok) return problem(401, 'Unauthorized', check.reason);
    let batch: unknown;
    try {
      batch = JSON.parse(body);
    } catch {
      return problem(400, 'Bad Request', 'The body is not JSON.');
    }
    const changes = typeof batch === 'object' && batch !== null ? (batch as { changes?: unknown }).changes : undefined;
    const accepted = Array.isArray(changes) ? changes.length : 0;
    this.items.push({
      receivedAt: new Date(this.now()).toISOString(),
      timestamp: headers[timestampHeader] ?? '',
      signature: headers[signatureHeader] ?? '',
      body,
      batch,
    });
    return { status: 200, body: { accepted } };
  }
}
