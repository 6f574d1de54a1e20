/**
 * The monthly impersonal export of purchases for partners (issue 7 point 3; policy 2.1: data may
 * go to third parties "in an impersonal form" for analysing customers' purchasing characteristics).
 * docs/architecture.md section 25 is the prose version of this file.
 *
 * One row per order line of the period's orders:
 *
 *   { pseudonym, month, region, priceBand, productId, quantity }
 *
 *   - `pseudonym`: HMAC-SHA256(the period's key, customerId), hex, first 32 characters. A key per
 *     period (kept in Secrets Manager, `exportPseudonymKeys`): the same customer has another
 *     pseudonym in another month, so two exports cannot be joined. Only the 3 most recent periods'
 *     keys are kept; once a key is dropped nobody, folio included, can link its export to anyone.
 *   - `month`: the period (YYYY-MM), never the order's time.
 *   - `region`: the delivery's `region` if given, else its `country` (never city, street, postal
 *     code or recipient).
 *   - `priceBand`: the line's unit price in roubles, banded: `<500` (below 500), `500–999` (500 up
 *     to, not including, 1000), `1000–1999` (1000 up to 2000), `2000+`.
 *   - no name, email, phone, address, order id, customer id or exact time.
 *
 * Left out entirely: orders of customers who are destroyed (tombstone), missing, not ACTIVE
 * (a closed account's data waits for destruction), blocked, or for whom the processing gate
 * refuses 'analytics_export' (a stopped `personalization`); and CANCELLED orders (not purchases).
 *
 * k-anonymity (./k-anonymity.ts): the quasi-identifiers are (month, region, priceBand); a row is
 * released only if its class holds rows of at least k distinct pseudonyms; the rest is suppressed.
 *
 * Objects: `impersonal/<period>/purchases.jsonl`, then `impersonal/<period>/manifest.json`
 * (written last: a manifest present means the export is complete).
 */
import { createHash, createHmac } from 'node:crypto';
import { mayProcess, type Restriction } from '../privacy/processing-gate';
import { kAnonymise } from './k-anonymity';

export const quasiIdentifiers = ['month', 'region', 'priceBand'] as const;

/** How many periods' keys are kept (the newest ones). */
export const keptKeyPeriods = 3;

export const defaultK = 5;

export interface ExportRow {
  readonly pseudonym: string;
  readonly month: string;
  readonly region: string;
  readonly priceBand: PriceBand;
  readonly productId: string;
  readonly quantity: number;
}

export const priceBands = ['<500', '500–999', '1000–1999', '2000+'] as const;
export type PriceBand = (typeof priceBands)[number];

/** What the export needs of an order (as lambdas/domain/shop/orders.ts stores it). */
export interface ExportOrder {
  readonly customerId: string;
  readonly status?: string;
  readonly items: readonly { readonly productId: string; readonly quantity: number; readonly priceMinor: number }[];
  readonly delivery: { readonly country: string; readonly region?: string | undefined };
}

/** What the export needs of a customer record, or of a destruction tombstone. */
export interface ExportCustomer {
  readonly customerId: string;
  readonly status: string;
  readonly restriction?: Restriction | undefined;
}

export interface ImpersonalExportManifest {
  readonly period: string;
  readonly k: number;
  readonly quasiIdentifiers: readonly string[];
  readonly rowsReleased: number;
  readonly rowsSuppressed: number;
  readonly classesReleased: number;
  readonly classesSuppressed: number;
  readonly customersLeftOut: number;
  readonly generatedAt: string;
  /** Identifies the period's key (a hash of it), not the key. */
  readonly keyId: string;
}

export interface ImpersonalExportPorts {
  /** The period's orders, read through the orders' byMonth index. */
  readonly ordersOfMonth: (month: string) => Promise<readonly ExportOrder[]>;
  /** The customers (records or tombstones) of these ids; a missing one is absent from the map. */
  readonly customers: (customerIds: readonly string[]) => Promise<ReadonlyMap<string, ExportCustomer>>;
  /** The pseudonym keys' secret: its SecretString, and writing a new one. */
  readonly keys: { read(): Promise<string | undefined>; write(value: string): Promise<void> };
  /** Puts one object into the exports bucket. */
  readonly put: (key: string, body: string, contentType: string) => Promise<void>;
  /** A new key: base64 of 32 random bytes. */
  readonly newKey: () => string;
  readonly clock: () => Date;
  readonly warn?: (message: string) => void;
}

export interface ImpersonalExportResult {
  readonly manifest: ImpersonalExportManifest;
  readonly ordersRead: number;
  readonly customersRead: number;
}

/** The calendar month (UTC) before `now`, as YYYY-MM. */
export const previousMonth = (now: Date): string => {
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return first.toISOString().slice(0, 7);
};

/** The band of a unit price given in kopecks. */
export const priceBandOf = (priceMinor: number): PriceBand => {
  const roubles = priceMinor / 100;
  if (roubles < 500) return '<500';
  if (roubles < 1000) return '500–999';
  if (roubles < 2000) return '1000–1999';
  return '2000+';
};

/** The region of a delivery: its region if given, else its country. */
export const regionOf = (delivery: ExportOrder['delivery']): string => {
  const region = delivery.region?.trim().replace(/\s+/g, ' ');
  return region !== undefined && region !== '' ? region : delivery.country;
};

export const pseudonymOf = (key: string, customerId: string): string =>
  createHmac('sha256', Buffer.from(key, 'base64')).update(customerId, 'utf8').digest('hex').slice(0, 32);

/** A hash that names a key without revealing it (the manifest's `keyId`). */
export const keyIdOf = (key: string): string => createHash('sha256').update('folio-export-key-id\0').update(key, 'utf8').digest('hex').slice(0, 16);

/** Whether a customer's orders may go into the export. */
export const mayExport = (customer: ExportCustomer | undefined): boolean =>
  customer !== undefined && customer.status === 'ACTIVE' && customer.restriction?.blocked !== true && mayProcess(customer, 'analytics_export');

export type Keyring = Readonly<Record<string, string>>;

const periodPattern = /^\d{4}-\d{2}$/;

/** The keyring from the secret's text; anything that is not a JSON map of period → key counts as empty. */
export const parseKeyring = (text: string | undefined): { keyring: Keyring; malformed: boolean } => {
  if (text === undefined || text.trim() === '') return { keyring: {}, malformed: false };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { keyring: {}, malformed: true };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { keyring: {}, malformed: true };
  const keyring: Record<string, string> = {};
  let malformed = false;
  for (const [period, key] of Object.entries(parsed)) {
    if (periodPattern.test(period) && typeof key === 'string' && Buffer.from(key, 'base64').length >= 32) keyring[period] = key;
    else malformed = true;
  }
  return { keyring, malformed };
};

/**
 * The keyring once `period` has a key (the existing one, else `fresh`), trimmed to the
 * `keptKeyPeriods` newest periods. The period's key is used even if it is older than those and
 * so not kept: that export can then never be linked to anyone.
 */
export const withPeriodKey = (keyring: Keyring, period: string, fresh: () => string): { keyring: Keyring; key: string; changed: boolean } => {
  const key = keyring[period] ?? fresh();
  const all = { ...keyring, [period]: key };
  const kept = Object.keys(all)
    .sort()
    .reverse()
    .slice(0, keptKeyPeriods);
  const next = Object.fromEntries(kept.sort().map((p) => [p, all[p] as string]));
  const changed = JSON.stringify(next) !== JSON.stringify(Object.fromEntries(Object.entries(keyring).sort(([a], [b]) => a.localeCompare(b))));
  return { keyring: next, key, changed };
};

/** The rows of the period's orders whose customers may be exported (pure), and how many customers were left out. */
export const exportRows = (
  orders: readonly ExportOrder[],
  customers: ReadonlyMap<string, ExportCustomer>,
  period: string,
  pseudonym: (customerId: string) => string,
): { rows: ExportRow[]; customersLeftOut: number } => {
  const rows: ExportRow[] = [];
  const leftOut = new Set<string>();
  const pseudonyms = new Map<string, string>();
  for (const order of orders) {
    if (order.status === 'CANCELLED') continue;
    if (!mayExport(customers.get(order.customerId))) {
      leftOut.add(order.customerId);
      continue;
    }
    let p = pseudonyms.get(order.customerId);
    if (p === undefined) {
      p = pseudonym(order.customerId);
      pseudonyms.set(order.customerId, p);
    }
    const region = regionOf(order.delivery);
    for (const item of order.items) {
      rows.push({ pseudonym: p, month: period, region, priceBand: priceBandOf(item.priceMinor), productId: item.productId, quantity: item.quantity });
    }
  }
  return { rows, customersLeftOut: leftOut.size };
};

/** Code-unit order (not locale order): the same bytes on every machine, and fast over 100,000s of rows. */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const compareRows = (a: ExportRow, b: ExportRow): number =>
  compareText(a.region, b.region) ||
  priceBands.indexOf(a.priceBand) - priceBands.indexOf(b.priceBand) ||
  compareText(a.productId, b.productId) ||
  compareText(a.pseudonym, b.pseudonym) ||
  a.quantity - b.quantity;

/** The released rows as JSON Lines, sorted so that the file says nothing of the orders' order in time. */
export const jsonLines = (rows: readonly ExportRow[]): string =>
  [...rows]
    .sort(compareRows)
    .map((r) => `${JSON.stringify({ pseudonym: r.pseudonym, month: r.month, region: r.region, priceBand: r.priceBand, productId: r.productId, quantity: r.quantity })}\n`)
    .join('');

export const exportKeys = (period: string) => ({ rows: `impersonal/${period}/purchases.jsonl`, manifest: `impersonal/${period}/manifest.json` });

/** The period's key: the stored one, else a new one stored first (re-read, so that of two concurrent runs both use the one kept). */
const periodKey = async (ports: ImpersonalExportPorts, period: string): Promise<string> => {
  const { keyring, malformed } = parseKeyring(await ports.keys.read());
  if (malformed) ports.warn?.('the pseudonym keys secret held entries that are not period keys; they are dropped');
  const next = withPeriodKey(keyring, period, ports.newKey);
  if (!next.changed && !malformed) return next.key;
  await ports.keys.write(JSON.stringify(next.keyring));
  const stored = parseKeyring(await ports.keys.read()).keyring[period];
  return stored ?? next.key;
};

export const exportImpersonalPurchases = async (ports: ImpersonalExportPorts, now: Date, k: number): Promise<ImpersonalExportResult> => {
  if (!Number.isInteger(k) || k < 2) throw new RangeError('k must be an integer of at least 2');
  const period = previousMonth(now);
  const orders = await ports.ordersOfMonth(period);
  const customerIds = [...new Set(orders.map((o) => o.customerId))];
  const customers = await ports.customers(customerIds);
  const key = await periodKey(ports, period);
  const { rows, customersLeftOut } = exportRows(orders, customers, period, (id) => pseudonymOf(key, id));
  const result = kAnonymise(rows, quasiIdentifiers, k, (r) => r.pseudonym);
  const manifest: ImpersonalExportManifest = {
    period,
    k,
    quasiIdentifiers: [...quasiIdentifiers],
    rowsReleased: result.released.length,
    rowsSuppressed: result.suppressed.length,
    classesReleased: result.classesReleased,
    classesSuppressed: result.classesSuppressed,
    customersLeftOut,
    generatedAt: ports.clock().toISOString(),
    keyId: keyIdOf(key),
  };
  const objects = exportKeys(period);
  await ports.put(objects.rows, jsonLines(result.released), 'application/x-ndjson');
  await ports.put(objects.manifest, `${JSON.stringify(manifest, null, 2)}\n`, 'application/json');
  return { manifest, ordersRead: orders.length, customersRead: customers.size };
};
