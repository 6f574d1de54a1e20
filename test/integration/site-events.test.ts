/**
 * Site analytics without identification, over real connections: views posted with a customer's
 * token and a cookie are stored with nothing that identifies the visitor (read back from the
 * siteEvents table with a DynamoDB client of the test's own), a network is limited to 120 views a
 * minute, and the daily job's figures reach operators only. Loopback addresses stand for networks:
 * each test uses a /24 of its own (127.0.57.0/24, 127.0.201.0/24), as the limit is per /24.
 */
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { awsClientConfig, baseUrl, call, stackInfo } from '../support/api';
import { operatorTokens, registerCustomer } from '../support/customers';

interface Sent {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A request from a loopback address of the test's choosing, with headers of its own. */
const sendFrom = (localAddress: string, method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  new Promise<Sent>((resolve, reject) => {
    const text = JSON.stringify(body);
    const req = httpRequest(
      `${baseUrl()}${path}`,
      { method, localAddress, headers: { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) } },
      (response) => {
        let data = '';
        response.on('data', (chunk: Buffer) => (data += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: data }));
      },
    );
    req.on('error', reject);
    req.end(text);
  });

const scanAll = async (table: string): Promise<Record<string, unknown>[]> => {
  const info = await stackInfo();
  const db = DynamoDBDocumentClient.from(new DynamoDBClient(awsClientConfig(info.endpoints.dynamodb)));
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: info.tables[table], ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return items;
};

const nextDayAt0030 = (day: string) => new Date(Date.parse(`${day}T00:30:00.000Z`) + 86_400_000).toISOString();

describe('site events', () => {
  it('stores a view without the address, the customer, the token, the cookie, the query or the referrer path; the job counts it for operators', async () => {
    const customer = await registerCustomer();
    const label = randomUUID();
    const cookieValue = `cookie-${randomUUID()}`;
    const headers = { Authorization: `Bearer ${customer.tokens.accessToken}`, Cookie: `folio_probe=${cookieValue}` };
    const secretQuery = `email=${encodeURIComponent(customer.email)}&q=${label}-query`;
    const views = [
      { path: `/it-${label}/book?${secretQuery}`, referrer: `https://user:${label}-pw@ref-${label.slice(0, 8)}.example:8443/${label}-refpath?${label}-refquery#frag` },
      { path: `/it-${label}/book#${label}-fragment`, referrer: `https://ref-${label.slice(0, 8)}.example:8443/elsewhere` },
      { path: `/it-${label}/other` },
    ];
    for (const view of views) {
      const sent = await sendFrom('127.0.57.57', 'POST', '/v1/events', { type: 'page_view', ...view }, headers);
      expect(sent.status).toBe(202);
      expect(JSON.parse(sent.text)).toEqual({ status: 'ACCEPTED' });
      expect(sent.headers['set-cookie']).toBeUndefined();
      expect(sent.text).not.toContain(cookieValue);
    }

    const items = await scanAll('siteEvents');
    const mine = items.filter((item) => String(item['path']).startsWith(`/it-${label}/`));
    expect(mine).toHaveLength(3);
    for (const item of mine) {
      expect(Object.keys(item).sort()).toEqual(['bucket', 'eventKey', 'expiresAt', 'minute', 'network', 'path', 'referrerOrigin']);
      expect(item['network']).toBe('127.0.57.0/24');
      expect(item['bucket']).toMatch(/^\d{4}-\d{2}-\d{2}#[0-3]$/);
      expect(item['minute']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/);
      expect(Number(item['expiresAt'])).toBeGreaterThan(Date.now() / 1000 + 34 * 86_400);
    }
    expect(mine.map((item) => item['path']).sort()).toEqual([`/it-${label}/book`, `/it-${label}/book`, `/it-${label}/other`]);
    const origin = `https://ref-${label.slice(0, 8)}.example:8443`;
    expect(mine.map((item) => item['referrerOrigin']).sort()).toEqual([origin, origin, null]);

    // Nothing anywhere in the table says who posted.
    const everything = JSON.stringify(items);
    const tokenParts = [customer.tokens.accessToken, ...customer.tokens.accessToken.split('.')];
    for (const secret of ['127.0.57.57', customer.customerId, customer.email, ...tokenParts, cookieValue, `${label}-query`, `${label}-fragment`, `${label}-pw`, `${label}-refpath`, `${label}-refquery`, 'user:']) {
      expect(everything).not.toContain(secret);
    }

    const day = String(mine[0]?.['bucket']).slice(0, 10);
    const run = await call<{ result: { day: string; events: number; paths: number; referrers: number } }>('POST', `/_local/jobs/site-stats/run?at=${encodeURIComponent(nextDayAt0030(day))}`);
    expect(run.status).toBe(200);
    expect(run.body.result.day).toBe(day);
    expect(run.body.result.events).toBeGreaterThanOrEqual(3);

    const operator = await operatorTokens();
    type Stats = { day: string; aggregated: boolean; views: number; paths: { path: string; views: number }[]; referrers: { origin: string; views: number }[] };
    const stats = await call<Stats>('GET', `/v1/admin/site-stats?day=${day}`, { token: operator.accessToken });
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ day, aggregated: true });
    expect(stats.body.views).toBeGreaterThanOrEqual(3);
    expect(stats.body.paths).toEqual(expect.arrayContaining([{ path: `/it-${label}/book`, views: 2 }, { path: `/it-${label}/other`, views: 1 }]));
    expect(stats.body.referrers).toEqual(expect.arrayContaining([{ origin, views: 2 }]));
    const counts = stats.body.paths.map((p) => p.views);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));

    // A re-run writes the same figures for these paths.
    await call('POST', `/_local/jobs/site-stats/run?at=${encodeURIComponent(nextDayAt0030(day))}`);
    const again = await call<Stats>('GET', `/v1/admin/site-stats?day=${day}`, { token: operator.accessToken });
    expect(again.body.paths.filter((p) => p.path.startsWith(`/it-${label}/`))).toEqual(stats.body.paths.filter((p) => p.path.startsWith(`/it-${label}/`)));

    // Operators only; a day never aggregated is said to be so; a bad day is refused.
    expect((await call('GET', `/v1/admin/site-stats?day=${day}`, { token: customer.tokens.accessToken })).status).toBe(403);
    expect((await call('GET', `/v1/admin/site-stats?day=${day}`)).status).toBe(401);
    const never = await call<Stats>('GET', '/v1/admin/site-stats?day=1999-01-01', { token: operator.accessToken });
    expect(never.body).toEqual({ day: '1999-01-01', aggregated: false, views: 0, paths: [], referrers: [] });
    expect((await call('GET', '/v1/admin/site-stats?day=yesterday', { token: operator.accessToken })).status).toBe(422);
    expect((await call('GET', '/v1/admin/site-stats?day=2026-13-40', { token: operator.accessToken })).status).toBe(422);
  });

  it('records nothing from a browser that sends Global Privacy Control, and counts it against no limit', async () => {
    const label = randomUUID();
    for (let i = 0; i < 130; i += 1) {
      const sent = await sendFrom('127.0.59.59', 'POST', '/v1/events', { type: 'page_view', path: `/gpc-${label}/${i}` }, { 'Sec-GPC': '1' });
      expect(sent.status).toBe(202);
    }
    const sent = await sendFrom('127.0.59.59', 'POST', '/v1/events', { type: 'page_view', path: `/gpc-${label}/without` });
    expect(sent.status).toBe(202);
    const mine = (await scanAll('siteEvents')).filter((item) => String(item['path']).startsWith(`/gpc-${label}/`));
    expect(mine.map((item) => item['path'])).toEqual([`/gpc-${label}/without`]);
  });

  it('refuses a bad event', async () => {
    for (const body of [{ type: 'click', path: '/' }, { type: 'page_view', path: 'relative' }, { type: 'page_view', path: '/', referrer: 'javascript:alert(1)' }, { type: 'page_view', path: '/', userAgent: 'x' }]) {
      expect((await sendFrom('127.0.58.1', 'POST', '/v1/events', body)).status).toBe(422);
    }
  });

  it('answers 429 with Retry-After past 120 views of one network in a minute', async () => {
    // The counter is per minute: start the burst early in one so it does not straddle two.
    for (;;) {
      const second = new Date().getUTCSeconds();
      if (second < 40) break;
      await new Promise((resolve) => setTimeout(resolve, (61 - second) * 1000));
    }
    const startMinute = Math.floor(Date.now() / 60_000);
    const statuses: Sent[] = [];
    for (let batch = 0; batch < 5; batch += 1) {
      statuses.push(...(await Promise.all(Array.from({ length: 25 }, (_, i) => sendFrom(`127.0.201.${batch * 25 + i + 1}`, 'POST', '/v1/events', { type: 'page_view', path: '/limit' })))));
    }
    const endMinute = Math.floor(Date.now() / 60_000);
    const accepted = statuses.filter((s) => s.status === 202).length;
    const limited = statuses.filter((s) => s.status === 429);
    expect(accepted + limited.length).toBe(125);
    if (startMinute === endMinute) expect(accepted).toBe(120);
    expect(limited.length).toBeGreaterThan(0);
    const problem = limited[0];
    expect(problem?.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(problem?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(problem?.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Another network is not limited.
    expect((await sendFrom('127.0.202.1', 'POST', '/v1/events', { type: 'page_view', path: '/limit' })).status).toBe(202);
  });
});
