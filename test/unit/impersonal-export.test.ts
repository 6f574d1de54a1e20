/**
 * The impersonal export's pure parts (lambdas/domain/analytics/impersonal-export.ts and
 * k-anonymity.ts): the period, price bands, regions, pseudonyms, the keyring of 3 periods, who is
 * left out, and k-anonymity over distinct customers — with a dataset built to hold a unique customer
 * (a region nobody else has) and a class of ≥ k rows from fewer than k customers, both suppressed.
 * Then the whole run over in-memory ports, and the local Secrets Manager's PutSecretValue through
 * the real SDK client (in-process).
 */
import { randomBytes } from 'node:crypto';
import { GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { FaultSwitch } from '../../local/faults';
import { LocalSecretsManager } from '../../local/secrets-manager';
import {
  type ExportCustomer,
  type ExportOrder,
  type ExportRow,
  exportImpersonalPurchases,
  exportRows,
  type ImpersonalExportPorts,
  keyIdOf,
  mayExport,
  parseKeyring,
  previousMonth,
  priceBandOf,
  pseudonymOf,
  regionOf,
  withPeriodKey,
} from '../../lambdas/domain/analytics/impersonal-export';
import { kAnonymise } from '../../lambdas/domain/analytics/k-anonymity';
import { inProcessClientConfig, servicesOf } from './local-sdk-handler';

const key = () => randomBytes(32).toString('base64');

describe('the period, bands and regions', () => {
  it('is the calendar month before the scheduled time, in UTC', () => {
    expect(previousMonth(new Date('2026-12-01T03:00:00Z'))).toBe('2026-11');
    expect(previousMonth(new Date('2027-01-01T03:00:00Z'))).toBe('2026-12');
    expect(previousMonth(new Date('2026-03-31T23:59:59Z'))).toBe('2026-02');
    // 00:30 on the 1st in Moscow is still the last day of the month before in UTC.
    expect(previousMonth(new Date('2026-04-01T00:30:00+03:00'))).toBe('2026-02');
  });

  it('bands unit prices in roubles: <500, 500–999, 1000–1999, 2000+', () => {
    expect(priceBandOf(0)).toBe('<500');
    expect(priceBandOf(49_999)).toBe('<500');
    expect(priceBandOf(50_000)).toBe('500–999');
    expect(priceBandOf(99_999)).toBe('500–999');
    expect(priceBandOf(100_000)).toBe('1000–1999');
    expect(priceBandOf(199_999)).toBe('1000–1999');
    expect(priceBandOf(200_000)).toBe('2000+');
    expect(priceBandOf(10_000_000)).toBe('2000+');
  });

  it('takes the region if given, else the country, never anything finer', () => {
    expect(regionOf({ country: 'RU', region: '  Moscow   Oblast ' })).toBe('Moscow Oblast');
    expect(regionOf({ country: 'RU', region: '' })).toBe('RU');
    expect(regionOf({ country: 'KZ' })).toBe('KZ');
    const delivery = { country: 'RU', region: 'Tver', city: 'Tver', street: 'Lenina 1', postalCode: '170000' };
    expect(regionOf(delivery)).toBe('Tver');
  });
});

describe('pseudonyms and keys', () => {
  it('is a keyed HMAC: stable for a key, different for another key, not the id', () => {
    const k1 = key();
    const k2 = key();
    expect(pseudonymOf(k1, 'customer-1')).toBe(pseudonymOf(k1, 'customer-1'));
    expect(pseudonymOf(k1, 'customer-1')).toMatch(/^[0-9a-f]{32}$/);
    expect(pseudonymOf(k1, 'customer-1')).not.toBe(pseudonymOf(k1, 'customer-2'));
    expect(pseudonymOf(k1, 'customer-1')).not.toBe(pseudonymOf(k2, 'customer-1'));
    expect(keyIdOf(k1)).not.toContain(k1);
    expect(keyIdOf(k1)).toBe(keyIdOf(k1));
    expect(keyIdOf(k1)).not.toBe(keyIdOf(k2));
  });

  it('keeps the period key, or adds a new one, and keeps only the 3 newest periods', () => {
    const ring = { '2026-08': key(), '2026-09': key(), '2026-10': key() };
    const same = withPeriodKey(ring, '2026-10', key);
    expect(same.changed).toBe(false);
    expect(same.key).toBe(ring['2026-10']);
    const fresh = key();
    const next = withPeriodKey(ring, '2026-11', () => fresh);
    expect(next.changed).toBe(true);
    expect(next.key).toBe(fresh);
    expect(Object.keys(next.keyring)).toEqual(['2026-09', '2026-10', '2026-11']);
    // A period older than the kept ones gets a key for this run that is never stored.
    const old = withPeriodKey(ring, '2025-01', () => fresh);
    expect(old.key).toBe(fresh);
    expect(old.keyring).toEqual(ring);
    expect(old.changed).toBe(false);
    // Too many keys (an older job's leftovers) are trimmed even when the period has its key.
    const crowded = withPeriodKey({ ...ring, '2026-07': key() }, '2026-10', key);
    expect(crowded.changed).toBe(true);
    expect(Object.keys(crowded.keyring)).toEqual(['2026-08', '2026-09', '2026-10']);
  });

  it('reads a keyring from the secret, and treats anything else as empty', () => {
    const k = key();
    expect(parseKeyring(JSON.stringify({ '2026-10': k }))).toEqual({ keyring: { '2026-10': k }, malformed: false });
    expect(parseKeyring('{}')).toEqual({ keyring: {}, malformed: false });
    expect(parseKeyring(key())).toEqual({ keyring: {}, malformed: true });
    expect(parseKeyring('[1]').malformed).toBe(true);
    expect(parseKeyring(JSON.stringify({ '2026-10': k, nonsense: 'x' }))).toEqual({ keyring: { '2026-10': k }, malformed: true });
  });
});

describe('who is left out', () => {
  const active: ExportCustomer = { customerId: 'a', status: 'ACTIVE' };
  it('exports active customers the gate allows, and nobody else', () => {
    expect(mayExport(active)).toBe(true);
    expect(mayExport(undefined)).toBe(false);
    expect(mayExport({ customerId: 'a', status: 'DESTROYED' })).toBe(false);
    expect(mayExport({ customerId: 'a', status: 'CLOSED' })).toBe(false);
    expect(mayExport({ ...active, restriction: { blocked: true, stoppedPurposes: [], since: '2026-01-01T00:00:00Z', requestIds: ['r'] } })).toBe(false);
    expect(mayExport({ ...active, restriction: { blocked: false, stoppedPurposes: ['personalization'], since: '2026-01-01T00:00:00Z', requestIds: [] } })).toBe(false);
    expect(mayExport({ ...active, restriction: { blocked: false, stoppedPurposes: ['advertising'], since: '2026-01-01T00:00:00Z', requestIds: [] } })).toBe(true);
  });

  it('makes one row per line with nothing but the generalised fields', () => {
    const orders: ExportOrder[] = [
      { customerId: 'a', status: 'DELIVERED', items: [{ productId: 'p1', quantity: 2, priceMinor: 45_000 }, { productId: 'p2', quantity: 1, priceMinor: 250_000 }], delivery: { country: 'RU', region: 'Tver' } },
      { customerId: 'b', status: 'PLACED', items: [{ productId: 'p1', quantity: 1, priceMinor: 45_000 }], delivery: { country: 'RU' } },
      { customerId: 'a', status: 'CANCELLED', items: [{ productId: 'p3', quantity: 1, priceMinor: 45_000 }], delivery: { country: 'RU' } },
      { customerId: 'gone', status: 'PLACED', items: [{ productId: 'p1', quantity: 1, priceMinor: 45_000 }], delivery: { country: 'RU' } },
      { customerId: 'gone', status: 'PLACED', items: [{ productId: 'p1', quantity: 1, priceMinor: 45_000 }], delivery: { country: 'RU' } },
    ];
    const customers = new Map<string, ExportCustomer>([
      ['a', { customerId: 'a', status: 'ACTIVE' }],
      ['b', { customerId: 'b', status: 'ACTIVE' }],
      ['gone', { customerId: 'gone', status: 'DESTROYED' }],
    ]);
    const { rows, customersLeftOut } = exportRows(orders, customers, '2026-11', (id) => `p-${id}`);
    expect(customersLeftOut).toBe(1);
    expect(rows).toEqual([
      { pseudonym: 'p-a', month: '2026-11', region: 'Tver', priceBand: '<500', productId: 'p1', quantity: 2 },
      { pseudonym: 'p-a', month: '2026-11', region: 'Tver', priceBand: '2000+', productId: 'p2', quantity: 1 },
      { pseudonym: 'p-b', month: '2026-11', region: 'RU', priceBand: '<500', productId: 'p1', quantity: 1 },
    ]);
  });
});

/** Rows for `people` customers in one class, `perPerson` rows each. */
const classRows = (region: string, priceBand: ExportRow['priceBand'], people: number, perPerson = 1, tag = region): ExportRow[] =>
  Array.from({ length: people }, (_, p) =>
    Array.from({ length: perPerson }, (_, i) => ({ pseudonym: `${tag}-${p}`, month: '2026-11', region, priceBand, productId: `book-${i}`, quantity: 1 })),
  ).flat();

describe('k-anonymity over distinct customers', () => {
  const k = 5;
  // Moscow <500: 6 customers (released); Tver 500–999: exactly 5 (released); Kazan <500: 7 rows of
  // ONE customer (suppressed); Omsk <500: 3 customers with 3 rows each, 9 rows (suppressed);
  // Chukotka: a unique customer, alone in a region nobody else has (suppressed).
  const rows = [
    ...classRows('Moscow', '<500', 6),
    ...classRows('Tver', '500–999', 5, 2),
    ...classRows('Kazan', '<500', 1, 7),
    ...classRows('Omsk', '<500', 3, 3),
    ...classRows('Chukotka', '2000+', 1, 1, 'unique'),
    // The same customers as Moscow, in another band: a class of its own, 6 people.
    ...classRows('Moscow', '2000+', 6, 1, 'Moscow'),
  ];
  const result = kAnonymise(rows, ['month', 'region', 'priceBand'], k, (r) => r.pseudonym);

  it('releases classes of at least k distinct customers and suppresses the rest whole', () => {
    expect(result.released).toHaveLength(6 + 10 + 6);
    expect(result.suppressed).toHaveLength(7 + 9 + 1);
    expect(result.classesReleased).toBe(3);
    expect(result.classesSuppressed).toBe(3);
    expect(result.released.length + result.suppressed.length).toBe(rows.length);
  });

  it('suppresses the unique customer and the classes of many rows but few customers', () => {
    expect(result.released.some((r) => r.pseudonym === 'unique-0')).toBe(false);
    expect(result.released.some((r) => r.region === 'Chukotka' || r.region === 'Kazan' || r.region === 'Omsk')).toBe(false);
  });

  it('passes an independent recount: every released class has ≥ k distinct pseudonyms', () => {
    const people = new Map<string, Set<string>>();
    for (const r of result.released) {
      const cls = `${r.month}|${r.region}|${r.priceBand}`;
      people.set(cls, (people.get(cls) ?? new Set()).add(r.pseudonym));
    }
    for (const [, who] of people) expect(who.size).toBeGreaterThanOrEqual(k);
  });

  it('refuses a k that is not a positive integer', () => {
    expect(() => kAnonymise(rows, ['region'], 0, (r) => r.pseudonym)).toThrow(RangeError);
    expect(() => kAnonymise(rows, ['region'], 2.5, (r) => r.pseudonym)).toThrow(RangeError);
  });
});

describe('a whole run over in-memory ports', () => {
  const makePorts = (orders: readonly ExportOrder[], customers: ReadonlyMap<string, ExportCustomer>, secret: { value: string }) => {
    const objects = new Map<string, string>();
    const calls: string[] = [];
    const ports: ImpersonalExportPorts = {
      ordersOfMonth: async (month) => {
        calls.push(`orders ${month}`);
        return orders;
      },
      customers: async (ids) => new Map([...customers].filter(([id]) => ids.includes(id))),
      keys: {
        read: async () => secret.value,
        write: async (value) => {
          calls.push('keys.write');
          secret.value = value;
        },
      },
      put: async (k, body) => {
        calls.push(`put ${k}`);
        objects.set(k, body);
      },
      newKey: key,
      clock: () => new Date('2026-12-01T03:00:05Z'),
    };
    return { ports, objects, calls };
  };
  const people = Array.from({ length: 6 }, (_, i) => `c${i}`);
  const orders: ExportOrder[] = [
    ...people.map((customerId) => ({ customerId, status: 'DELIVERED', items: [{ productId: 'p1', quantity: 1, priceMinor: 30_000 }], delivery: { country: 'RU', region: 'Tver' } })),
    { customerId: 'lonely', status: 'DELIVERED', items: [{ productId: 'p1', quantity: 1, priceMinor: 30_000 }], delivery: { country: 'RU', region: 'Chukotka' } },
    { customerId: 'blocked', status: 'DELIVERED', items: [{ productId: 'p1', quantity: 1, priceMinor: 30_000 }], delivery: { country: 'RU', region: 'Tver' } },
  ];
  const customers = new Map<string, ExportCustomer>([
    ...[...people, 'lonely'].map((id) => [id, { customerId: id, status: 'ACTIVE' }] as const),
    ['blocked', { customerId: 'blocked', status: 'ACTIVE', restriction: { blocked: true, stoppedPurposes: [], since: '2026-01-01T00:00:00Z', requestIds: ['r'] } }],
  ]);

  it('stores the new key before writing, then the rows, then the manifest; a re-run reuses the key', async () => {
    const secret = { value: '{}' };
    const first = makePorts(orders, customers, secret);
    const { manifest } = await exportImpersonalPurchases(first.ports, new Date('2026-12-01T03:00:00Z'), 5);
    expect(first.calls).toEqual(['orders 2026-11', 'keys.write', 'put impersonal/2026-11/purchases.jsonl', 'put impersonal/2026-11/manifest.json']);
    expect(manifest).toMatchObject({ period: '2026-11', k: 5, quasiIdentifiers: ['month', 'region', 'priceBand'], rowsReleased: 6, rowsSuppressed: 1, classesReleased: 1, classesSuppressed: 1, customersLeftOut: 1 });
    const keyring = JSON.parse(secret.value) as Record<string, string>;
    expect(manifest.keyId).toBe(keyIdOf(keyring['2026-11'] as string));
    const lines = (first.objects.get('impersonal/2026-11/purchases.jsonl') ?? '').trim().split('\n').map((l) => JSON.parse(l) as ExportRow);
    expect(lines.map((l) => Object.keys(l).sort())).toEqual(lines.map(() => ['month', 'priceBand', 'productId', 'pseudonym', 'quantity', 'region']));
    expect(JSON.parse(first.objects.get('impersonal/2026-11/manifest.json') ?? '')).toEqual(manifest);

    const again = makePorts(orders, customers, secret);
    await exportImpersonalPurchases(again.ports, new Date('2026-12-01T03:00:00Z'), 5);
    expect(again.calls).not.toContain('keys.write');
    expect(again.objects.get('impersonal/2026-11/purchases.jsonl')).toBe(first.objects.get('impersonal/2026-11/purchases.jsonl'));

    const next = makePorts(orders, customers, secret);
    await exportImpersonalPurchases(next.ports, new Date('2027-01-01T03:00:00Z'), 5);
    const nextLines = (next.objects.get('impersonal/2026-12/purchases.jsonl') ?? '').trim().split('\n').map((l) => JSON.parse(l) as ExportRow);
    const before = new Set(lines.map((l) => l.pseudonym));
    expect(nextLines.some((l) => before.has(l.pseudonym))).toBe(false);
  });

  it('fails before writing anything when the key cannot be stored', async () => {
    const secret = { value: '{}' };
    const { ports, calls } = makePorts(orders, customers, secret);
    const failing = { ...ports, keys: { read: ports.keys.read, write: async () => Promise.reject(new Error('AccessDenied')) } };
    await expect(exportImpersonalPurchases(failing, new Date('2026-12-01T03:00:00Z'), 5)).rejects.toThrow('AccessDenied');
    expect(calls.filter((c) => c.startsWith('put'))).toEqual([]);
  });

  it('refuses a k below 2', async () => {
    const { ports } = makePorts(orders, customers, { value: '{}' });
    await expect(exportImpersonalPurchases(ports, new Date('2026-12-01T03:00:00Z'), 1)).rejects.toThrow(RangeError);
  });
});

describe('the local Secrets Manager keeps what PutSecretValue writes', () => {
  it('starts the pseudonym keys as {} and serves the new value with a new version', async () => {
    const secretsManager = new LocalSecretsManager();
    const client = new SecretsManagerClient(inProcessClientConfig(servicesOf({ secretsManager, faults: new FaultSwitch() })));
    const id = 'folio-local/exportPseudonymKeys';
    const first = await client.send(new GetSecretValueCommand({ SecretId: id }));
    expect(first.SecretString).toBe('{}');
    const value = JSON.stringify({ '2026-11': key() });
    const put = await client.send(new PutSecretValueCommand({ SecretId: id, SecretString: value }));
    expect(put.VersionId).not.toBe(first.VersionId);
    const second = await client.send(new GetSecretValueCommand({ SecretId: id }));
    expect(second.SecretString).toBe(value);
    expect(second.VersionId).toBe(put.VersionId);
  });
});
