/**
 * The monthly impersonal export over the running stack: customers and orders written straight
 * into the tables (months 2031-03 and 2031-04, which no other test uses), the job run with
 * `POST /_local/jobs/impersonal-export/run?at=…`, and the objects read back with a real S3 client
 * from the local S3. An independent check recomputes the equivalence classes from the released
 * rows; the unique customer (a region nobody else has), the blocked one, the destroyed one and a
 * missing one are absent; nothing in the file names anyone. Re-running a period gives the same
 * pseudonyms, the next period other ones; once a period's key is dropped (3 newer periods), a
 * re-run of it can no longer reproduce them.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsClientConfig, call, type StackInfo, stackInfo } from '../support/api';

interface Row {
  readonly pseudonym: string;
  readonly month: string;
  readonly region: string;
  readonly priceBand: string;
  readonly productId: string;
  readonly quantity: number;
}

interface Manifest {
  readonly period: string;
  readonly k: number;
  readonly quasiIdentifiers: string[];
  readonly rowsReleased: number;
  readonly rowsSuppressed: number;
  readonly classesReleased: number;
  readonly classesSuppressed: number;
  readonly customersLeftOut: number;
  readonly generatedAt: string;
  readonly keyId: string;
}

const bucket = 'folio-local-exports';
const run = randomUUID().slice(0, 8);
const id = (name: string) => `ix-${run}-${name}`;

let info: StackInfo;
let db: DynamoDBDocumentClient;
let s3: S3Client;
let secrets: SecretsManagerClient;

/** Who is in the dataset, and what identifies them. */
const regulars = Array.from({ length: 6 }, (_, i) => id(`regular${i}`));
const unique = id('unique');
const blocked = id('blocked');
const destroyed = id('destroyed');
const missing = id('missing');
const personal = new Map<string, { email: string; firstName: string; lastName: string; phone: string; street: string; postalCode: string; city: string }>();
for (const [i, customerId] of [...regulars, unique, blocked, destroyed, missing].entries()) {
  personal.set(customerId, {
    email: `export-${run}-${i}@example.com`,
    firstName: `Gleb${run}`,
    lastName: `Exportov${i}x${run}`,
    phone: `+7916${String(1_000_000 + i).slice(1)}${run.replace(/\D/g, '').slice(0, 1) || '0'}`,
    street: `Ulitsa Eksporta ${run} ${i}`,
    postalCode: `17${String(1000 + i)}`,
    city: `Gorod${run}`,
  });
}

const customerItem = (customerId: string, extra: Record<string, unknown> = {}) => {
  const p = personal.get(customerId);
  if (p === undefined) throw new Error('unknown customer');
  return {
    customerId,
    email: p.email,
    firstName: p.firstName,
    lastName: p.lastName,
    phone: p.phone,
    status: 'ACTIVE',
    registeredAt: '2031-01-10T10:00:00.000Z',
    createdAt: '2031-01-10T10:05:00.000Z',
    closedAt: null,
    consents: {},
    consentSeq: 0,
    loyaltyTier: null,
    ...extra,
  };
};

let orderNo = 0;
const orderItem = (month: string, customerId: string, region: string | undefined, lines: readonly { productId: string; priceMinor: number; quantity?: number }[]) => {
  const p = personal.get(customerId);
  if (p === undefined) throw new Error('unknown customer');
  orderNo += 1;
  const createdAt = `${month}-${String(1 + (orderNo % 27)).padStart(2, '0')}T${String(orderNo % 24).padStart(2, '0')}:15:00.000Z`;
  const items = lines.map((l) => ({ productId: l.productId, title: `Book ${l.productId}`, quantity: l.quantity ?? 1, priceMinor: l.priceMinor, lineTotalMinor: l.priceMinor * (l.quantity ?? 1) }));
  return {
    orderId: id(`order${orderNo}`),
    customerId,
    status: 'DELIVERED',
    items,
    totalMinor: items.reduce((sum, i) => sum + i.lineTotalMinor, 0),
    currency: 'RUB',
    recipient: { fullName: `${p.firstName} ${p.lastName}`, phone: p.phone },
    delivery: { country: 'RU', ...(region === undefined ? {} : { region }), city: p.city, street: p.street, postalCode: p.postalCode },
    createdAt,
    orderMonth: month,
    statusHistory: [{ status: 'PLACED', at: createdAt, actor: { type: 'customer', id: customerId } }],
    requestHash: 'x'.repeat(64),
  };
};

/**
 * The month's orders: each regular buys a cheap and a dear book in Tver (two classes of 6
 * customers); two regulars also buy 3 mid-priced books each in Omsk (6 rows, 2 customers); the
 * unique customer is alone in Chukotka; the blocked, destroyed and missing customers buy in Tver
 * like the regulars (their rows would land in released classes if they were not left out).
 */
const ordersOf = (month: string) => [
  ...regulars.map((c) => orderItem(month, c, 'Tver', [{ productId: id('cheap'), priceMinor: 35_000 }, { productId: id('dear'), priceMinor: 150_000, quantity: 2 }])),
  ...regulars.slice(0, 2).map((c) => orderItem(month, c, 'Omsk', [1, 2, 3].map((n) => ({ productId: id(`mid${n}`), priceMinor: 75_000 })))),
  orderItem(month, unique, 'Chukotka', [{ productId: id('cheap'), priceMinor: 35_000 }]),
  ...[blocked, destroyed, missing].map((c) => orderItem(month, c, 'Tver', [{ productId: id('cheap'), priceMinor: 35_000 }])),
];

const put = async (table: string, items: readonly Record<string, unknown>[]) => {
  for (let i = 0; i < items.length; i += 25) {
    await db.send(new BatchWriteCommand({ RequestItems: { [table]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
};

const runExport = async (at: string): Promise<Manifest> => {
  const response = await call<{ job: string; result: Manifest }>('POST', `/_local/jobs/impersonal-export/run?at=${encodeURIComponent(at)}`);
  expect(response.status).toBe(200);
  return response.body.result;
};

const object = async (key: string): Promise<string> => {
  const result = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return (await result.Body?.transformToString('utf8')) ?? '';
};

const rowsOf = async (period: string): Promise<{ text: string; rows: Row[] }> => {
  const text = await object(`impersonal/${period}/purchases.jsonl`);
  return { text, rows: text === '' ? [] : text.trimEnd().split('\n').map((line) => JSON.parse(line) as Row) };
};

const keyring = async (): Promise<Record<string, string>> =>
  JSON.parse((await secrets.send(new GetSecretValueCommand({ SecretId: 'folio-local/exportPseudonymKeys' }))).SecretString ?? '{}') as Record<string, string>;

beforeAll(async () => {
  info = await stackInfo();
  const endpoints = info.endpoints as StackInfo['endpoints'] & { s3?: string };
  if (endpoints.s3 === undefined) throw new Error('the stack shows no S3 endpoint');
  db = DynamoDBDocumentClient.from(new DynamoDBClient(awsClientConfig(info.endpoints.dynamodb)));
  s3 = new S3Client({ ...awsClientConfig(endpoints.s3), forcePathStyle: true });
  secrets = new SecretsManagerClient(awsClientConfig(info.endpoints.aws));
  const customers = info.tables['customers'] ?? 'missing';
  const orders = info.tables['orders'] ?? 'missing';
  await put(customers, [
    ...[...regulars, unique].map((c) => customerItem(c)),
    customerItem(blocked, { restriction: { blocked: true, stoppedPurposes: [], since: '2031-02-01T00:00:00.000Z', requestIds: [id('block-request')] }, restrictionSeq: 1 }),
    { customerId: destroyed, status: 'DESTROYED', destroyedAt: '2031-02-15T00:00:00.000Z' },
  ]);
  await put(orders, [...ordersOf('2031-03'), ...ordersOf('2031-04')]);
});

afterAll(() => {
  db.destroy();
  s3.destroy();
  secrets.destroy();
});

describe('the impersonal export', () => {
  let manifest: Manifest;
  let first: { text: string; rows: Row[] };

  it('exports the previous month as rows and a manifest, k-anonymous over distinct customers', async () => {
    manifest = await runExport('2031-04-01T03:00:00Z');
    const k = manifest.k;
    // The dataset's classes are built for a k between 3 and 6 (the default is 5).
    expect(k).toBeGreaterThanOrEqual(3);
    expect(k).toBeLessThanOrEqual(6);
    expect(manifest).toMatchObject({
      period: '2031-03',
      quasiIdentifiers: ['month', 'region', 'priceBand'],
      rowsReleased: 12,
      rowsSuppressed: 7,
      classesReleased: 2,
      classesSuppressed: 2,
      customersLeftOut: 3,
    });
    expect(manifest.keyId).toMatch(/^[0-9a-f]{16}$/);

    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'impersonal/2031-03/' }));
    expect((listed.Contents ?? []).map((o) => o.Key).sort()).toEqual(['impersonal/2031-03/manifest.json', 'impersonal/2031-03/purchases.jsonl']);
    expect(JSON.parse(await object('impersonal/2031-03/manifest.json'))).toEqual(manifest);

    first = await rowsOf('2031-03');
    const { rows, text } = first;
    expect(rows).toHaveLength(manifest.rowsReleased);

    // The independent check: the classes recomputed from the released rows.
    const classes = new Map<string, Set<string>>();
    for (const row of rows) {
      const cls = JSON.stringify([row.month, row.region, row.priceBand]);
      classes.set(cls, (classes.get(cls) ?? new Set()).add(row.pseudonym));
    }
    expect(classes.size).toBe(manifest.classesReleased);
    for (const people of classes.values()) expect(people.size).toBeGreaterThanOrEqual(k);
    expect([...classes.keys()].sort()).toEqual([JSON.stringify(['2031-03', 'Tver', '1000–1999']), JSON.stringify(['2031-03', 'Tver', '<500'])]);

    // Nothing but the generalised fields, and nothing that names anyone.
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(['month', 'priceBand', 'productId', 'pseudonym', 'quantity', 'region']);
      expect(row.month).toBe('2031-03');
      expect(row.pseudonym).toMatch(/^[0-9a-f]{32}$/);
    }
    for (const [customerId, p] of personal) {
      for (const value of [customerId, p.email, p.firstName, p.lastName, p.phone, p.street, p.postalCode, p.city]) expect(text).not.toContain(value);
    }
    expect(text).not.toContain(id('order'));
    expect(text).not.toMatch(/T\d{2}:\d{2}/);

    // Six customers in the released rows: the regulars; not the unique, blocked, destroyed or missing ones.
    expect(new Set(rows.map((r) => r.pseudonym)).size).toBe(6);
    expect(rows.some((r) => r.region === 'Chukotka' || r.region === 'Omsk')).toBe(false);
    // Each regular has one cheap and one dear row in Tver; the left-out customers add none.
    expect(rows.filter((r) => r.priceBand === '<500')).toHaveLength(6);
    expect(rows.filter((r) => r.priceBand === '1000–1999').every((r) => r.quantity === 2)).toBe(true);

    // The key is in the secret, named (not shown) by the manifest.
    const keys = await keyring();
    const key = keys['2031-03'];
    expect(key).toBeDefined();
    expect(Buffer.from(key ?? '', 'base64')).toHaveLength(32);
    expect(JSON.stringify(manifest)).not.toContain(key ?? 'none');
    expect(manifest.keyId).toBe(createHash('sha256').update('folio-export-key-id\0').update(key ?? '', 'utf8').digest('hex').slice(0, 16));
  });

  it('gives the same pseudonyms when the period is exported again', async () => {
    const again = await runExport('2031-04-01T03:00:00Z');
    expect(again.keyId).toBe(manifest.keyId);
    expect({ ...again, generatedAt: '' }).toEqual({ ...manifest, generatedAt: '' });
    const { text } = await rowsOf('2031-03');
    expect(text).toBe(first.text);
  });

  it('gives other pseudonyms for the next period, with the same customers and purchases', async () => {
    const next = await runExport('2031-05-01T03:00:00Z');
    expect(next).toMatchObject({ period: '2031-04', rowsReleased: 12, rowsSuppressed: 7, customersLeftOut: 3 });
    expect(next.keyId).not.toBe(manifest.keyId);
    const { rows } = await rowsOf('2031-04');
    expect(rows).toHaveLength(12);
    const before = new Set(first.rows.map((r) => r.pseudonym));
    expect(rows.filter((r) => before.has(r.pseudonym))).toEqual([]);
    // The same shape otherwise: regions, bands, products and quantities match row for row.
    const shape = (rs: readonly Row[]) => rs.map((r) => `${r.region}|${r.priceBand}|${r.productId}|${r.quantity}`).sort();
    expect(shape(rows)).toEqual(shape(first.rows));
  });

  it('keeps the keys of the 3 newest periods only: an older period can no longer be reproduced', async () => {
    await runExport('2031-06-01T03:00:00Z');
    await runExport('2031-07-01T03:00:00Z');
    const keys = await keyring();
    expect(Object.keys(keys).filter((p) => p >= '2031-03').sort()).toEqual(['2031-04', '2031-05', '2031-06']);
    const rerun = await runExport('2031-04-01T03:00:00Z');
    expect(rerun.keyId).not.toBe(manifest.keyId);
    const { rows } = await rowsOf('2031-03');
    const before = new Set(first.rows.map((r) => r.pseudonym));
    expect(rows).toHaveLength(12);
    expect(rows.filter((r) => before.has(r.pseudonym))).toEqual([]);
    // The dropped period's key was used for the re-run and not stored again.
    expect(Object.keys(await keyring())).not.toContain('2031-03');
  });
});
