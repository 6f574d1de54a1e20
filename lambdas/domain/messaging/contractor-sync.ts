/**
 * The sync of contractors' mailing systems (policy 1.3.2): each contractor gets, in order, every
 * change of the change log recorded after the last change it acknowledged (its watermark), in
 * signed batches of up to 500. The watermark moves only when the contractor answered 2xx, and only
 * from the value this run read (two overlapping runs cannot both move it): a failed batch is sent
 * again by the next run, an acknowledged one never again.
 *
 * Reads cost what the changes cost: the change log is partitioned by day and sorted by
 * `<recordedAt>#<event id>`, so a run queries the days from its watermark's on, from just after
 * the watermark to the settle bound (now − changeSettleSeconds), and reads the pending changes
 * plus the contractor's state item.
 */
import { createHash, createHmac } from 'node:crypto';
import { changeSettleSeconds, type Contractor } from '#system/contractors';
import type { ChangeLogEntry } from './subscription-tracking';

export const batchLimit = 500;
export const sendAttempts = 3;
/** Backoff before the 2nd and 3rd attempt: base, then twice the base. */
export const retryBaseMs = 500;
/** With no watermark, a contractor starts from the oldest change the log keeps. */
export const firstSyncDays = 30;

/** A change as the contractor receives it. */
export type ContractorChange = Pick<ChangeLogEntry, 'changeKey' | 'subscriberId' | 'erased' | 'email' | 'phone' | 'permissions' | 'recordedAt'>;

export interface ContractorBatch {
  readonly contractor: string;
  readonly batchId: string;
  readonly sentAt: string;
  readonly changes: readonly ContractorChange[];
}

export interface SyncState {
  readonly contractor: string;
  /** The changeKey of the last acknowledged change. */
  readonly watermark?: string;
  readonly lastAckAt?: string;
  readonly consecutiveFailures?: number;
  /** `status <code>` or a failure class; never a body, never personal data. */
  readonly lastError?: string;
}

export interface ChangePage {
  readonly items: readonly ContractorChange[];
  /** Items DynamoDB read for the page (what it charges for). */
  readonly scanned: number;
  readonly cursor?: unknown;
}

export interface ContractorSyncPorts {
  readonly state: {
    read(contractor: string): Promise<SyncState | undefined>;
    /** Moves the watermark from `previous` (absent: none yet) to `watermark`; false when it had moved meanwhile. */
    acknowledge(contractor: string, previous: string | undefined, watermark: string, at: Date): Promise<boolean>;
    failed(contractor: string, error: string, at: Date): Promise<void>;
  };
  readonly changes: {
    /** Changes of one day with `after < changeKey < before` (after absent: no lower bound), in key order. */
    page(query: { readonly day: string; readonly after?: string; readonly before: string; readonly limit: number; readonly cursor?: unknown }): Promise<ChangePage>;
  };
  /** POSTs the body; resolves with the HTTP status, rejects when no answer came. */
  readonly post: (endpoint: string, body: string, headers: Readonly<Record<string, string>>) => Promise<number>;
  readonly secret: (secretId: string) => Promise<string>;
  readonly metrics: { lag(contractor: string, seconds: number): void; sent(contractor: string, count: number): void };
  /** The wall clock, for the signature's timestamp (a receiver compares it with its own clock). */
  readonly clock: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
}

export interface ContractorSummary {
  readonly name: string;
  readonly sent: number;
  readonly batches: number;
  readonly itemsRead: number;
  /** True when every change read was acknowledged (or there was none). */
  readonly acknowledged: boolean;
  readonly lagSeconds: number;
}

export interface SyncSummary {
  readonly contractors: readonly ContractorSummary[];
}

// ---------------------------------------------------------------------------------------------
// Pure parts.

const dayMs = 24 * 3600 * 1000;

/** The exclusive upper bound of the keys a run may pass: changes recorded before now − settle. */
export const settleBound = (now: Date): string => new Date(now.getTime() - changeSettleSeconds * 1000).toISOString();

/** The day partitions from the watermark's day (or now − 30 days) to the bound's day, in order. */
export const daysToRead = (watermark: string | undefined, bound: string, now: Date): string[] => {
  const first = watermark?.slice(0, 10) ?? new Date(now.getTime() - firstSyncDays * dayMs).toISOString().slice(0, 10);
  const last = bound.slice(0, 10);
  const days: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00.000Z`); ; t += dayMs) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (day > last) break;
    days.push(day);
  }
  return days;
};

/** Deterministic per content: a batch sent again after a failure carries the same id. */
export const batchIdOf = (contractor: string, changes: readonly ContractorChange[]): string =>
  createHash('sha256')
    .update(`${contractor}\n${changes.map((c) => c.changeKey).join('\n')}`)
    .digest('hex')
    .slice(0, 32);

export const toContractorChange = (c: ContractorChange): ContractorChange => ({
  changeKey: c.changeKey,
  subscriberId: c.subscriberId,
  erased: c.erased,
  ...(c.email !== undefined && { email: c.email }),
  ...(c.phone !== undefined && { phone: c.phone }),
  permissions: c.permissions,
  recordedAt: c.recordedAt,
});

export const buildBatch = (contractor: string, changes: readonly ContractorChange[], sentAt: Date): ContractorBatch => ({
  contractor,
  batchId: batchIdOf(contractor, changes),
  sentAt: sentAt.toISOString(),
  changes: changes.map(toContractorChange),
});

/** `v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`; the key is the secret's string as UTF-8. */
export const signatureOf = (secret: string, timestamp: number, body: string): string =>
  `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

export const signedRequest = (secret: string, batch: ContractorBatch, at: Date): { body: string; headers: Record<string, string> } => {
  const body = JSON.stringify(batch);
  const timestamp = Math.floor(at.getTime() / 1000);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-folio-timestamp': String(timestamp),
      'x-folio-signature': signatureOf(secret, timestamp, body),
    },
  };
};

const lagOf = (oldestPending: string | undefined, now: Date): number =>
  oldestPending === undefined ? 0 : Math.max(0, Math.floor((now.getTime() - Date.parse(oldestPending)) / 1000));

// ---------------------------------------------------------------------------------------------
// The run.

type Sent = { readonly ok: true } | { readonly ok: false; readonly error: string };

const send = async (ports: ContractorSyncPorts, contractor: Contractor, secret: string, changes: readonly ContractorChange[]): Promise<Sent> => {
  let error = 'unknown';
  for (let attempt = 1; attempt <= sendAttempts; attempt += 1) {
    if (attempt > 1) await ports.sleep(retryBaseMs * 2 ** (attempt - 2));
    // Signed at each attempt: the timestamp is the attempt's.
    const at = ports.clock();
    const { body, headers } = signedRequest(secret, buildBatch(contractor.name, changes, at), at);
    try {
      const status = await ports.post(contractor.endpoint, body, headers);
      if (status >= 200 && status < 300) return { ok: true };
      error = `status ${status}`;
    } catch {
      error = 'no answer';
    }
  }
  return { ok: false, error };
};

export const syncContractor = async (ports: ContractorSyncPorts, contractor: Contractor, now: Date): Promise<ContractorSummary> => {
  const name = contractor.name;
  const state = await ports.state.read(name);
  let itemsRead = 1;
  let watermark = state?.watermark;
  const bound = settleBound(now);
  let sent = 0;
  let batches = 0;
  let pending: ContractorChange[] = [];
  let failed = false;
  let secret: string | undefined;

  /** Sends the pending changes; true when acknowledged and the watermark moved. */
  const flush = async (): Promise<boolean> => {
    if (pending.length === 0) return true;
    try {
      secret ??= await ports.secret(contractor.secretId);
    } catch {
      await ports.state.failed(name, 'secret unavailable', now);
      return false;
    }
    const outcome = await send(ports, contractor, secret, pending);
    if (!outcome.ok) {
      await ports.state.failed(name, outcome.error, now);
      return false;
    }
    const last = pending.at(-1)?.changeKey ?? '';
    // Another run moved it meanwhile: stop here, that run owns the rest.
    if (!(await ports.state.acknowledge(name, watermark, last, now))) return false;
    watermark = last;
    sent += pending.length;
    batches += 1;
    pending = [];
    return true;
  };

  if (watermark === undefined || watermark < bound) {
    // The lower bound of the watermark's day stays the one this run read: a page cursor continues that query.
    const start = watermark;
    const startDay = start?.slice(0, 10);
    days: for (const day of daysToRead(start, bound, now)) {
      const after = day === startDay ? start : undefined;
      let cursor: unknown;
      do {
        const page = await ports.changes.page({
          day,
          ...(after !== undefined && { after }),
          before: bound,
          limit: batchLimit - pending.length,
          ...(cursor !== undefined && { cursor }),
        });
        itemsRead += page.scanned;
        pending.push(...page.items);
        cursor = page.cursor;
        if (pending.length >= batchLimit && !(await flush())) {
          failed = true;
          break days;
        }
      } while (cursor !== undefined);
    }
    if (!failed && !(await flush())) failed = true;
  }

  const lagSeconds = lagOf(pending[0]?.recordedAt, now);
  ports.metrics.lag(name, lagSeconds);
  ports.metrics.sent(name, sent);
  return { name, sent, batches, itemsRead, acknowledged: !failed, lagSeconds };
};

/** One run over every contractor; one contractor's failure does not stop the others. */
export const syncContractors = async (ports: ContractorSyncPorts, contractors: readonly Contractor[], now: Date): Promise<SyncSummary> => {
  const summaries = await Promise.all(
    contractors.map(async (contractor): Promise<ContractorSummary> => {
      try {
        return await syncContractor(ports, contractor, now);
      } catch {
        // A store failure: the watermark did not move past anything unacknowledged; the next run retries.
        await ports.state.failed(contractor.name, 'sync error', now).catch(() => undefined);
        return { name: contractor.name, sent: 0, batches: 0, itemsRead: 0, acknowledged: false, lagSeconds: 0 };
      }
    }),
  );
  return { contractors: summaries };
};
