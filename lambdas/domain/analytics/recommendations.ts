/**
 * Personal recommendations (issue 7 point 2; policy 1.3.1, purpose `personalization`): "customers
 * who bought this also bought", built once a day from the last 12 months of orders of the
 * customers who granted `personalization`, are ACTIVE and whose processing is not restricted
 * (lambdas/domain/privacy/processing-gate.ts, use 'personalization').
 *
 * The build:
 *   1. reads the orders of the 12 months before the scheduled time, month by month through the
 *      orders' `byMonth` index (never a scan), and gathers each customer's distinct books
 *      (cancelled orders are not purchases);
 *   2. reads those customers (keys only, in batches) and keeps the consenting, active,
 *      unrestricted ones: nobody else's purchases count, nor does anybody else get an item;
 *   3. counts co-purchases among the kept customers: each unordered pair of books in a customer's
 *      set, the set capped at the customer's 50 most recently bought books, so one big buyer
 *      neither dominates the counts nor makes the work quadratic in their history;
 *   4. scores, for each kept customer, every other book by the sum of its co-counts with the
 *      customer's (capped) books, leaves out every book they bought, takes the top 10 (ties by
 *      productId), and fills up to 10 with the books most bought among kept customers;
 *   5. writes one item per kept customer under a new build id, then moves the `#build`/`current`
 *      pointer to it, last. Reads follow the pointer, so a customer left out of the new build
 *      (consent withdrawn, blocked, closed) has nothing in the current build from that moment,
 *      and their older items expire (TTL, 3 days).
 *
 * The algorithm (`recommend`) is pure; reading and writing go through ports.
 */
import type { ConsentStates } from '../consent/ledger';
import { ForbiddenError } from '../errors';
import { mayProcess, type Restriction } from '../privacy/processing-gate';

export const recommendationsPerCustomer = 10;
/** The most books of one customer that take part in co-counting and scoring. */
export const basketCap = 50;
export const monthsRead = 12;
/** How many month partitions the build reads at once. */
export const monthsReadAtOnce = 4;
export const buildLifetimeSeconds = 3 * 24 * 60 * 60;
/** The pointer's key in the recommendations table. */
export const pointerKey = { customerId: '#build', buildId: 'current' } as const;

/** What the build needs of an order. */
export interface PurchaseRecord {
  readonly customerId: string;
  readonly createdAt: string;
  readonly status?: string;
  readonly items: readonly { readonly productId: string }[];
}

/** What the build needs of a customer (a destroyed customer is a tombstone with status DESTROYED). */
export interface PersonalizationView {
  readonly customerId: string;
  readonly status: string;
  readonly consents?: Partial<ConsentStates> | undefined;
  readonly restriction?: Restriction | undefined;
}

export interface RecommendationItem {
  readonly customerId: string;
  readonly buildId: string;
  readonly productIds: readonly string[];
  readonly builtAt: string;
  /** Epoch seconds: DynamoDB deletes the item after it. */
  readonly expiresAt: number;
}

export interface BuildPointer {
  readonly customerId: typeof pointerKey.customerId;
  readonly buildId: typeof pointerKey.buildId;
  readonly current: string;
  readonly builtAt: string;
}

export interface RecommendationBuildPorts {
  /** The orders of `month` (YYYY-MM) created in [from, before). */
  readonly orders: { ofMonth(month: string, from: string, before: string): AsyncIterable<PurchaseRecord> };
  /** The given customers (missing ones left out). */
  readonly customers: { personalizationOf(customerIds: readonly string[]): Promise<readonly PersonalizationView[]> };
  readonly recommendations: {
    putAll(items: readonly RecommendationItem[]): Promise<void>;
    /** Moves the pointer to the build unless it already points at a later one; whether it moved. */
    setPointer(pointer: BuildPointer): Promise<boolean>;
  };
  readonly ids: () => string;
}

export interface BuildReport {
  readonly buildId: string;
  readonly ordersRead: number;
  readonly customersConsidered: number;
  readonly customersIncluded: number;
  readonly recommendationsWritten: number;
  /** False when the pointer already named a later build (this run was overtaken): reads stay there. */
  readonly current: boolean;
}

/** Whether the customer's purchases may feed, and the customer may receive, recommendations (pure). */
export const personalizable = (customer: PersonalizationView): boolean =>
  customer.status === 'ACTIVE' && customer.consents?.personalization?.granted === true && mayProcess(customer, 'personalization');

/** `YYYY-MM` months from the month of `from` to the month of `to`, oldest first (pure). */
export const monthsBetween = (from: Date, to: Date): string[] => {
  const months: string[] = [];
  const cursor = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1));
  const last = Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), 1);
  while (cursor.getTime() <= last) {
    months.push(cursor.toISOString().slice(0, 7));
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return months;
};

/** The start of the window: the same instant `monthsRead` months earlier (clamped to the month's end). */
export const windowStart = (now: Date): Date => {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsRead, 1));
  const lastDay = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0)).getUTCDate();
  start.setUTCDate(Math.min(now.getUTCDate(), lastDay));
  start.setUTCHours(now.getUTCHours(), now.getUTCMinutes(), now.getUTCSeconds(), now.getUTCMilliseconds());
  return start;
};

/** Each customer's books with when they last bought each (cancelled orders are no purchase). */
export type Purchases = Map<string, Map<string, string>>;

export const addPurchase = (purchases: Purchases, order: PurchaseRecord): boolean => {
  if (order.status === 'CANCELLED') return false;
  let books = purchases.get(order.customerId);
  if (books === undefined) {
    books = new Map();
    purchases.set(order.customerId, books);
  }
  for (const { productId } of order.items) {
    const seen = books.get(productId);
    if (seen === undefined || seen < order.createdAt) books.set(productId, order.createdAt);
  }
  return true;
};

/** The customer's books that take part in counting: the `basketCap` most recently bought (ties by productId). */
export const cappedBooks = (books: ReadonlyMap<string, string>, cap = basketCap): string[] => {
  const ids = [...books.keys()];
  if (ids.length <= cap) return ids.sort();
  return ids
    .sort((a, b) => {
      const at = books.get(a) ?? '';
      const bt = books.get(b) ?? '';
      return at === bt ? (a < b ? -1 : a > b ? 1 : 0) : at < bt ? 1 : -1;
    })
    .slice(0, cap)
    .sort();
};

const byIdAsc = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Recommendations for every customer in `purchases` (pure): all of them are taken to be kept
 * (filter before). Products are interned to small integers so the counting runs on arrays.
 */
export const recommend = (
  purchases: ReadonlyMap<string, ReadonlyMap<string, string>>,
  options: { readonly perCustomer?: number; readonly cap?: number } = {},
): Map<string, string[]> => {
  const perCustomer = options.perCustomer ?? recommendationsPerCustomer;
  const cap = options.cap ?? basketCap;
  const index = new Map<string, number>();
  const names: string[] = [];
  const intern = (productId: string) => {
    let i = index.get(productId);
    if (i === undefined) {
      i = names.length;
      index.set(productId, i);
      names.push(productId);
    }
    return i;
  };
  // Interning in id order makes integer order the productId order (ties below compare ints).
  for (const id of [...new Set([...purchases.values()].flatMap((books) => [...books.keys()]))].sort(byIdAsc)) intern(id);
  const n = names.length;

  const buyers = new Int32Array(n);
  const capped = new Map<string, Int32Array>();
  /** For each book, the capped sets that hold it. */
  const holders: Int32Array[][] = Array.from({ length: n }, () => []);
  for (const [customerId, books] of purchases) {
    for (const id of books.keys()) {
      const i = index.get(id) ?? 0;
      buyers[i] = (buyers[i] ?? 0) + 1;
    }
    const set = Int32Array.from(cappedBooks(books, cap), (id) => index.get(id) ?? 0);
    capped.set(customerId, set);
    for (const a of set) holders[a]?.push(set);
  }

  // The fill: most bought among the kept customers, ties by productId.
  const popular = [...Array(n).keys()].filter((i) => (buyers[i] ?? 0) > 0).sort((a, b) => (buyers[b] ?? 0) - (buyers[a] ?? 0) || a - b);

  // Co-counts, a row per book (the books bought with it, and how many customers bought both),
  // counted on a dense scratch array and kept as typed arrays: scoring walks them for every
  // customer's books.
  const empty = { others: new Int32Array(0), counts: new Int32Array(0) };
  const scratch = new Int32Array(n);
  const rows = Array.from({ length: n }, (_, a) => {
    const sets = holders[a] ?? [];
    if (sets.length === 0) return empty;
    const seen: number[] = [];
    for (const set of sets) {
      for (const b of set) {
        if (b === a) continue;
        if (scratch[b] === 0) seen.push(b);
        scratch[b] = (scratch[b] ?? 0) + 1;
      }
    }
    const others = Int32Array.from(seen);
    const counts = Int32Array.from(seen, (b) => scratch[b] ?? 0);
    for (const b of seen) scratch[b] = 0;
    return { others, counts };
  });
  holders.length = 0;

  const score = new Float64Array(n);
  const isBought = new Uint8Array(n);
  const result = new Map<string, string[]>();
  for (const [customerId, books] of purchases) {
    const bought = [...books.keys()].map((id) => index.get(id) ?? 0);
    for (const b of bought) isBought[b] = 1;
    const touched: number[] = [];
    for (const a of capped.get(customerId) ?? []) {
      const { others, counts } = rows[a] ?? empty;
      for (let k = 0; k < others.length; k += 1) {
        const b = others[k] as number;
        if (isBought[b] === 1) continue;
        if (score[b] === 0) touched.push(b);
        score[b] = (score[b] ?? 0) + (counts[k] as number);
      }
    }
    // The top `perCustomer` by score, ties by productId (interned in id order), in one pass.
    const chosen: number[] = [];
    const before = (a: number, b: number) => (score[a] ?? 0) > (score[b] ?? 0) || ((score[a] ?? 0) === (score[b] ?? 0) && a < b);
    for (const b of touched) {
      if (chosen.length === perCustomer && !before(b, chosen[perCustomer - 1] as number)) continue;
      let at = chosen.length === perCustomer ? perCustomer - 1 : chosen.length;
      while (at > 0 && before(b, chosen[at - 1] as number)) {
        chosen[at] = chosen[at - 1] as number;
        at -= 1;
      }
      chosen[at] = b;
    }
    for (const b of touched) score[b] = 0;
    if (chosen.length < perCustomer) {
      const taken = new Set(chosen);
      for (const b of popular) {
        if (chosen.length >= perCustomer) break;
        if (isBought[b] !== 1 && !taken.has(b)) chosen.push(b);
      }
    }
    for (const b of bought) isBought[b] = 0;
    result.set(
      customerId,
      chosen.map((i) => names[i] as string),
    );
  }
  return result;
};

const inChunks = <T>(items: readonly T[], size: number): T[][] => {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
};

/** A build id that sorts by time: `<scheduled time, compact>-<random>`. */
export const buildIdAt = (now: Date, random: string): string => `${now.toISOString().replace(/[-:.]/g, '')}-${random.replaceAll('-', '').slice(0, 8)}`;

/** The daily build (see the module comment). `now` is the job's scheduled time. */
export const buildRecommendations = async (ports: RecommendationBuildPorts, now: Date): Promise<BuildReport> => {
  const from = windowStart(now);
  const purchases: Purchases = new Map();
  let ordersRead = 0;
  // Months are independent partitions of the index: a few are read at once.
  const months = monthsBetween(from, now);
  let nextMonth = 0;
  const reader = async () => {
    while (nextMonth < months.length) {
      const month = months[nextMonth] as string;
      nextMonth += 1;
      for await (const order of ports.orders.ofMonth(month, from.toISOString(), now.toISOString())) {
        ordersRead += 1;
        addPurchase(purchases, order);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(monthsReadAtOnce, months.length) }, reader));

  const considered = [...purchases.keys()].sort();
  const kept = new Set<string>();
  for (const chunk of inChunks(considered, 100)) {
    for (const customer of await ports.customers.personalizationOf(chunk)) {
      if (personalizable(customer)) kept.add(customer.customerId);
    }
  }
  for (const customerId of considered) if (!kept.has(customerId)) purchases.delete(customerId);

  const recommendations = recommend(purchases);
  const buildId = buildIdAt(now, ports.ids());
  const builtAt = now.toISOString();
  const expiresAt = Math.floor(now.getTime() / 1000) + buildLifetimeSeconds;
  const items = [...recommendations].map(([customerId, productIds]) => ({ customerId, buildId, productIds, builtAt, expiresAt }));
  await ports.recommendations.putAll(items);
  // Last: until here reads follow the previous build.
  const current = await ports.recommendations.setPointer({ ...pointerKey, current: buildId, builtAt });
  return { buildId, ordersRead, customersConsidered: considered.length, customersIncluded: kept.size, recommendationsWritten: items.length, current };
};

// ---------------------------------------------------------------------------------------------
// Reading: GET /v1/me/recommendations

export const personalizationMissing = 'Grant the personalization consent to receive recommendations.';
export const personalizationRestricted = 'Processing of your data for personalization is restricted (blocked or stopped by a privacy request), so there are no recommendations.';

export interface RecommendedProduct {
  readonly productId: string;
  readonly title: string;
  readonly author: string;
  readonly priceMinor: number;
  readonly currency: 'RUB';
}

export interface RecommendationReadPorts {
  readonly recommendations: {
    pointer(): Promise<BuildPointer | undefined>;
    itemOf(customerId: string, buildId: string): Promise<RecommendationItem | undefined>;
  };
  /** Current catalogue entries of the given books (books no longer there left out). */
  readonly catalogue: { products(productIds: readonly string[]): Promise<ReadonlyMap<string, RecommendedProduct>> };
}

/** Throws 403 unless the customer may receive recommendations (pure). */
export const assertPersonalizable = (customer: PersonalizationView): void => {
  if (customer.consents?.personalization?.granted !== true) throw new ForbiddenError('personalization consent not granted', personalizationMissing);
  if (!mayProcess(customer, 'personalization')) throw new ForbiddenError('personalization processing restricted', personalizationRestricted);
};

export const customerRecommendations = async (
  ports: RecommendationReadPorts,
  customer: PersonalizationView,
): Promise<{ items: RecommendedProduct[]; builtAt: string | null }> => {
  assertPersonalizable(customer);
  const pointer = await ports.recommendations.pointer();
  if (pointer === undefined) return { items: [], builtAt: null };
  const item = await ports.recommendations.itemOf(customer.customerId, pointer.current);
  if (item === undefined) return { items: [], builtAt: null };
  const products = item.productIds.length === 0 ? new Map<string, RecommendedProduct>() : await ports.catalogue.products(item.productIds);
  return {
    items: item.productIds.flatMap((id) => {
      const product = products.get(id);
      return product === undefined ? [] : [product];
    }),
    builtAt: item.builtAt,
  };
};
