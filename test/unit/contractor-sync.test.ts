/**
 * The contractor sync with in-memory ports: batches, signing, the watermark (which moves only on
 * an acknowledgement and only from the value the run read) and the settle window. The DynamoDB
 * adapters and the signed POST run against the local stack in test/integration/contractor-sync.test.ts.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import {
  batchIdOf,
  buildBatch,
  type ContractorBatch,
  type ContractorChange,
  type ContractorSyncPorts,
  daysToRead,
  settleBound,
  signatureOf,
  signedRequest,
  type SyncState,
  syncContractor,
  syncContractors,
} from '../../lambdas/domain/messaging/contractor-sync';
import { changeSettleSeconds, type Contractor } from '../../system/contractors';

const mailer: Contractor = { name: 'mailer', endpoint: 'https://mailer.example/folio', secretId: 'mailer-secret' };
const secret = 'test-secret';

const change = (recordedAt: string, id: string, over: Partial<ContractorChange> = {}): ContractorChange => ({
  changeKey: `${recordedAt}#${id}`,
  subscriberId: `sub-${id}`,
  erased: false,
  email: `${id}@example.com`,
  permissions: { email: { advertising: true, informational: true }, sms: { advertising: false, informational: false } },
  recordedAt,
  ...over,
});

const world = (statuses: (number | 'error')[] = []) => {
  const log: ContractorChange[] = [];
  const states = new Map<string, SyncState>();
  const posts: { endpoint: string; body: string; headers: Record<string, string> }[] = [];
  const metrics: { lag: [string, number][]; sent: [string, number][] } = { lag: [], sent: [] };
  const slept: number[] = [];
  let failAcknowledge = false;
  const ports: ContractorSyncPorts = {
    state: {
      async read(contractor) {
        return states.get(contractor);
      },
      async acknowledge(contractor, previous, watermark, at) {
        const current = states.get(contractor);
        if (failAcknowledge || current?.watermark !== previous) return false;
        states.set(contractor, { contractor, watermark, lastAckAt: at.toISOString(), consecutiveFailures: 0 });
        return true;
      },
      async failed(contractor, error) {
        const current = states.get(contractor) ?? { contractor };
        states.set(contractor, { ...current, lastError: error, consecutiveFailures: (current.consecutiveFailures ?? 0) + 1 });
      },
    },
    changes: {
      async page({ day, after, before, limit, cursor }) {
        const matching = log
          .filter((c) => c.recordedAt.slice(0, 10) === day && (after === undefined || c.changeKey > after) && c.changeKey < before)
          .sort((a, b) => (a.changeKey < b.changeKey ? -1 : 1));
        // As DynamoDB: a cursor continues the same query only.
        if (cursor !== undefined && (cursor as { after?: string }).after !== after) throw new Error('the starting key does not match the range key predicate');
        const start = cursor === undefined ? 0 : (cursor as { next: number }).next;
        const items = matching.slice(start, start + limit);
        const next = start + items.length;
        return { items, scanned: items.length, ...(next < matching.length && { cursor: { next, after } }) };
      },
    },
    async post(endpoint, body, headers) {
      posts.push({ endpoint, body, headers: { ...headers } });
      const status = statuses.shift() ?? 200;
      if (status === 'error') throw new Error('connection refused');
      return status;
    },
    async secret(id) {
      if (id !== mailer.secretId) throw new Error('no such secret');
      return secret;
    },
    metrics: { lag: (c, s) => metrics.lag.push([c, s]), sent: (c, n) => metrics.sent.push([c, n]) },
    clock: () => new Date('2026-11-24T12:00:00.000Z'),
    sleep: async (ms) => {
      slept.push(ms);
    },
  };
  const batches = (): ContractorBatch[] => posts.map((p) => JSON.parse(p.body) as ContractorBatch);
  return { ports, log, states, posts, batches, metrics, slept, refuseAcknowledgements: () => (failAcknowledge = true) };
};

const now = new Date('2026-11-24T12:00:00.000Z');
const at = (offsetSeconds: number, base = now) => new Date(base.getTime() + offsetSeconds * 1000).toISOString();

describe('signing', () => {
  it('signs "<timestamp>.<body>" with HMAC-SHA256 of the secret, as v1=<hex>', () => {
    const expected = createHmac('sha256', 'key').update('1700000000.{"a":1}').digest('hex');
    expect(signatureOf('key', 1700000000, '{"a":1}')).toBe(`v1=${expected}`);
  });

  it('puts the timestamp and the signature in the headers, and the signature covers the exact body', () => {
    const batch = buildBatch('mailer', [change(at(-600), 'a')], now);
    const request = signedRequest(secret, batch, now);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['x-folio-timestamp']).toBe(String(now.getTime() / 1000));
    expect(request.headers['x-folio-signature']).toBe(signatureOf(secret, now.getTime() / 1000, request.body));
    expect(request.headers['x-folio-signature']).not.toBe(signatureOf(secret, now.getTime() / 1000, request.body.replace('true', 'false')));
    expect(JSON.parse(request.body)).toEqual(batch);
  });
});

describe('batches', () => {
  it('carry the contractor, a batch id stable for the same changes, the time and the changes without internal fields', () => {
    const c = { ...change(at(-600), 'a'), customerId: 'internal', day: 'x', expiresAt: 1 } as ContractorChange;
    const batch = buildBatch('mailer', [c], now);
    expect(batch.contractor).toBe('mailer');
    expect(batch.sentAt).toBe(now.toISOString());
    expect(batch.changes).toEqual([change(at(-600), 'a')]);
    expect(batch.batchId).toBe(batchIdOf('mailer', [c]));
    expect(batchIdOf('mailer', [c])).not.toBe(batchIdOf('other', [c]));
  });

  it('hold at most 500 changes, sent in key order', async () => {
    const w = world();
    for (let i = 0; i < 1_200; i += 1) w.log.push(change(at(-3600 + i), String(i).padStart(4, '0')));
    const summary = await syncContractor(w.ports, mailer, now);
    expect(w.batches().map((b) => b.changes.length)).toEqual([500, 500, 200]);
    const keys = w.batches().flatMap((b) => b.changes.map((c) => c.changeKey));
    expect(keys).toEqual([...keys].sort());
    expect(summary).toEqual({ name: 'mailer', sent: 1_200, batches: 3, itemsRead: 1_201, acknowledged: true, lagSeconds: 0 });
    expect(w.states.get('mailer')?.watermark).toBe(keys.at(-1));
  });
});

describe('the watermark', () => {
  it('moves on a 2xx answer, so the next run sends nothing again', async () => {
    const w = world();
    w.log.push(change(at(-900), 'a'), change(at(-800), 'b'));
    await syncContractor(w.ports, mailer, now);
    expect(w.states.get('mailer')?.watermark).toBe(`${at(-800)}#b`);
    const again = await syncContractor(w.ports, mailer, new Date(now.getTime() + 900_000));
    expect(again.sent).toBe(0);
    expect(again.itemsRead).toBe(1);
    expect(w.posts).toHaveLength(1);
  });

  it('does not move when the contractor keeps failing; the next run sends the same changes once', async () => {
    const w = world([503, 503, 503]);
    w.log.push(change(at(-900), 'a'), change(at(-800), 'b'));
    const failed = await syncContractor(w.ports, mailer, now);
    expect(failed).toMatchObject({ sent: 0, batches: 0, acknowledged: false, lagSeconds: 900 });
    expect(w.posts).toHaveLength(3);
    expect(w.slept).toEqual([500, 1_000]);
    expect(w.states.get('mailer')).toMatchObject({ consecutiveFailures: 1, lastError: 'status 503' });
    expect(w.states.get('mailer')?.watermark).toBeUndefined();
    expect(w.metrics.lag).toEqual([['mailer', 900]]);

    const retried = await syncContractor(w.ports, mailer, new Date(now.getTime() + 900_000));
    expect(retried).toMatchObject({ sent: 2, batches: 1, acknowledged: true, lagSeconds: 0 });
    expect(w.batches()[3]?.changes.map((c) => c.changeKey)).toEqual([`${at(-900)}#a`, `${at(-800)}#b`]);
    expect(w.batches()[3]?.batchId).toBe(w.batches()[0]?.batchId);
    expect(w.states.get('mailer')).toMatchObject({ consecutiveFailures: 0, watermark: `${at(-800)}#b` });
    expect(w.states.get('mailer')?.lastError).toBeUndefined();
  });

  it('keeps the batches acknowledged before a failure and stops that contractor', async () => {
    const w = world([200, 'error', 500, 502]);
    for (let i = 0; i < 700; i += 1) w.log.push(change(at(-3600 + i), String(i).padStart(4, '0')));
    const summary = await syncContractor(w.ports, mailer, now);
    expect(summary).toMatchObject({ sent: 500, batches: 1, acknowledged: false, lagSeconds: 3600 - 500 });
    expect(w.states.get('mailer')).toMatchObject({ watermark: `${at(-3600 + 499)}#0499`, lastError: 'status 502' });
  });

  it('is retried within the run: a 503 then a 200 is acknowledged', async () => {
    const w = world([503, 200]);
    w.log.push(change(at(-900), 'a'));
    expect(await syncContractor(w.ports, mailer, now)).toMatchObject({ sent: 1, acknowledged: true });
    expect(w.posts).toHaveLength(2);
  });

  it('records only a failure class when no answer came', async () => {
    const w = world(['error', 'error', 'error']);
    w.log.push(change(at(-900), 'a'));
    await syncContractor(w.ports, mailer, now);
    expect(w.states.get('mailer')?.lastError).toBe('no answer');
  });

  it('is not moved by a run that lost the race to an overlapping run', async () => {
    const w = world();
    w.log.push(change(at(-900), 'a'));
    w.refuseAcknowledgements();
    expect(await syncContractor(w.ports, mailer, now)).toMatchObject({ sent: 0, acknowledged: false });
    expect(w.states.get('mailer')?.watermark).toBeUndefined();
  });

  it('pages through more than a batch on the watermark day without losing its lower bound', async () => {
    const w = world();
    w.log.push(change(at(-7200), 'mark'));
    for (let i = 0; i < 1_100; i += 1) w.log.push(change(at(-3600 + i), String(i).padStart(4, '0')));
    w.states.set('mailer', { contractor: 'mailer', watermark: `${at(-7200)}#mark` });
    const summary = await syncContractor(w.ports, mailer, now);
    expect(summary).toMatchObject({ sent: 1_100, batches: 3, itemsRead: 1_101, acknowledged: true });
    expect(w.batches()[0]?.changes[0]?.subscriberId).toBe('sub-0000');
  });

  it('reads from the watermark day on, across days, and only what lies after the watermark', async () => {
    const w = world();
    const yesterday = new Date('2026-11-23T12:00:00.000Z');
    w.log.push(change(at(-7200, yesterday), 'old'), change(at(-3600, yesterday), 'mark'), change(at(60, yesterday), 'y'), change(at(-600), 't'));
    w.states.set('mailer', { contractor: 'mailer', watermark: `${at(-3600, yesterday)}#mark` });
    const summary = await syncContractor(w.ports, mailer, now);
    expect(w.batches()[0]?.changes.map((c) => c.subscriberId)).toEqual(['sub-y', 'sub-t']);
    expect(summary.itemsRead).toBe(3);
  });

  it('without a watermark starts 30 days back', () => {
    expect(daysToRead(undefined, settleBound(now), now)).toHaveLength(31);
    expect(daysToRead(undefined, settleBound(now), now)[0]).toBe('2026-10-25');
    expect(daysToRead('2026-11-23T23:59:00.000Z#x', settleBound(now), now)).toEqual(['2026-11-23', '2026-11-24']);
  });
});

describe('the settle window', () => {
  it('leaves changes of the last two minutes to a later run', async () => {
    const w = world();
    w.log.push(change(at(-changeSettleSeconds - 1), 'settled'), change(at(-changeSettleSeconds + 1), 'fresh'));
    const first = await syncContractor(w.ports, mailer, now);
    expect(first.sent).toBe(1);
    expect(w.batches()[0]?.changes.map((c) => c.subscriberId)).toEqual(['sub-settled']);
    const later = await syncContractor(w.ports, mailer, new Date(now.getTime() + 300_000));
    expect(later.sent).toBe(1);
    expect(w.batches()[1]?.changes.map((c) => c.subscriberId)).toEqual(['sub-fresh']);
  });

  it('puts the bound just before now − 120 s', () => {
    expect(settleBound(now)).toBe('2026-11-24T11:58:00.000Z');
  });
});

describe('several contractors', () => {
  it('one failing does not stop the others, and each gets its metrics', async () => {
    const w = world();
    w.log.push(change(at(-900), 'a'));
    const broken: Contractor = { name: 'broken', endpoint: 'https://broken.example', secretId: 'missing' };
    const summary = await syncContractors(w.ports, [broken, mailer], now);
    expect(summary.contractors).toEqual([
      { name: 'broken', sent: 0, batches: 0, itemsRead: 2, acknowledged: false, lagSeconds: 900 },
      { name: 'mailer', sent: 1, batches: 1, itemsRead: 2, acknowledged: true, lagSeconds: 0 },
    ]);
    expect(w.states.get('broken')).toMatchObject({ lastError: 'secret unavailable', consecutiveFailures: 1 });
    expect(w.metrics.sent).toEqual(expect.arrayContaining([['broken', 0], ['mailer', 1]]));
  });
});

describe('the secret reader', () => {
  it('reads a secret once per five minutes per environment and does not keep a failed read', async () => {
    const { secretsManager } = await import('../../lambdas/commons/clients/secrets-manager');
    const { secretValue, secretCacheMs } = await import('../../lambdas/adapters/secrets');
    const answers: (string | Error)[] = [new Error('throttled'), 'key-1', 'key-2'];
    const send = vi.spyOn(secretsManager, 'send').mockImplementation((async () => {
      const next = answers.shift();
      if (next instanceof Error || next === undefined) throw next ?? new Error('no answer');
      return { SecretString: next };
    }) as never);
    try {
      let clock = 1_000_000;
      const now = () => clock;
      await expect(secretValue('unit-secret', now)).rejects.toThrow('throttled');
      expect(await secretValue('unit-secret', now)).toBe('key-1');
      clock += secretCacheMs - 1;
      expect(await secretValue('unit-secret', now)).toBe('key-1');
      clock += 2;
      expect(await secretValue('unit-secret', now)).toBe('key-2');
      expect(send).toHaveBeenCalledTimes(3);
    } finally {
      send.mockRestore();
    }
  });
});
