/**
 * Site analytics without identification (privacy policy 2.4): a page view is kept as the path
 * without its query or fragment, the referrer's origin only, the network (IPv4 /24, IPv6 /48)
 * and the minute. No customer id, token, cookie, user agent or full address is ever stored, even
 * when the request carries them: nothing in a stored view can be tied to a person.
 *
 * Views are spread over a few shards per UTC day (`<day>#<shard>`), so the daily aggregation
 * reads a day through its partitions without a scan, and no partition is hot.
 */
import { networkOf } from '#domain/accounts/throttle';
import { RateLimitedError } from '#domain/errors';

export const siteEventRules = {
  /** Partitions per day; the aggregation queries all of them. */
  shards: 4,
  /** How long a raw view is kept before DynamoDB's TTL removes it. */
  retentionDays: 35,
  /** Views accepted from one network in one minute; more are refused with 429. */
  perNetworkPerMinute: 120,
} as const;

export interface SiteEventInput {
  readonly type: 'page_view';
  readonly path: string;
  readonly referrer?: string | undefined;
}

/** A page view as stored: exactly these fields, nothing else. */
export interface SiteEventRecord {
  readonly bucket: string;
  readonly eventKey: string;
  readonly path: string;
  readonly referrerOrigin: string | null;
  readonly network: string;
  readonly minute: string;
  readonly expiresAt: number;
}

const minuteMs = 60_000;
const dayMs = 86_400_000;

/** The UTC day of an instant, `YYYY-MM-DD`. */
export const dayOf = (at: Date): string => at.toISOString().slice(0, 10);

/** The instant truncated to its minute, as ISO 8601 (`2026-11-24T10:15:00.000Z`). */
export const minuteOf = (at: Date): string => new Date(at.getTime() - (at.getTime() % minuteMs)).toISOString();

/** The path without its query and fragment (which may carry personal data); never empty. */
export const normalisedPath = (path: string): string => {
  const cut = path.search(/[?#]/);
  const bare = cut === -1 ? path : path.slice(0, cut);
  return bare === '' ? '/' : bare;
};

/**
 * The origin (scheme, host, port) of an http(s) referrer; its userinfo, path, query and fragment
 * are dropped. Null when there is no referrer or it is not an http(s) URL.
 */
export const referrerOriginOf = (referrer: string | undefined): string | null => {
  if (referrer === undefined || referrer === '') return null;
  let url: URL;
  try {
    url = new URL(referrer);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return url.origin === 'null' ? null : url.origin;
};

export interface SiteEventRandom {
  /** A whole number in [0, shards). */
  shard(): number;
  /** A random id that says nothing about the visitor. */
  id(): string;
}

/** What is stored for a view; nothing about the caller other than the truncated network. */
export const siteEventOf = (input: SiteEventInput, sourceIp: string, at: Date, random: SiteEventRandom): SiteEventRecord => {
  const minute = minuteOf(at);
  return {
    bucket: `${dayOf(at)}#${random.shard()}`,
    eventKey: `${minute}#${random.id()}`,
    path: normalisedPath(input.path),
    referrerOrigin: referrerOriginOf(input.referrer),
    network: networkOf(sourceIp),
    minute,
    expiresAt: Math.floor(at.getTime() / 1000) + siteEventRules.retentionDays * 86_400,
  };
};

/** The rate limit's rule: the n-th view of a network in a minute is refused once n passes the limit. */
export const rateLimitOf = (countInMinute: number, at: Date): { limited: false } | { limited: true; retryAfterSeconds: number } => {
  if (countInMinute <= siteEventRules.perNetworkPerMinute) return { limited: false };
  const untilNextMinute = Math.ceil((minuteMs - (at.getTime() % minuteMs)) / 1000);
  return { limited: true, retryAfterSeconds: Math.max(1, untilNextMinute) };
};

export interface SiteEventCounter {
  /** Counts one view of the network in the minute; returns the minute's count including it. */
  count(network: string, minuteStartSeconds: number, expiresAt: number): Promise<number>;
}

export interface SiteEventWriter {
  put(event: SiteEventRecord): Promise<void>;
}

export interface SiteEventPorts {
  readonly counter: SiteEventCounter;
  readonly events: SiteEventWriter;
  readonly random: SiteEventRandom;
}

/**
 * A visitor's browser that sends Global Privacy Control (`Sec-GPC: 1`) has asked not to be
 * tracked: its views are not recorded, not even impersonally, and not counted against the rate
 * limit. The answer is the same 202, so a page need not care (the web pages send none anyway).
 */
export const globalPrivacyControl = (headers: Readonly<Record<string, string>>): boolean => headers['sec-gpc']?.trim() === '1';

export const recordSiteEvent = async (
  ports: SiteEventPorts,
  input: SiteEventInput,
  sourceIp: string,
  at: Date,
  options: { readonly gpc?: boolean } = {},
): Promise<{ status: 'ACCEPTED' }> => {
  if (options.gpc === true) return { status: 'ACCEPTED' };
  const network = networkOf(sourceIp);
  const minuteStart = Math.floor((at.getTime() - (at.getTime() % minuteMs)) / 1000);
  // The counter outlives its minute a little (TTL deletion is lazy; reads never look back).
  const count = await ports.counter.count(network, minuteStart, minuteStart + 120);
  const decision = rateLimitOf(count, at);
  if (decision.limited) throw new RateLimitedError('too many site events from one network', decision.retryAfterSeconds);
  await ports.events.put(siteEventOf(input, sourceIp, at, ports.random));
  return { status: 'ACCEPTED' };
};

// ---- The daily figures ----

/** The day the job scheduled at `now` aggregates: the UTC day before. */
export const dayBefore = (now: Date): string => dayOf(new Date(now.getTime() - (now.getTime() % dayMs) - dayMs));

export const bucketsOf = (day: string): string[] => Array.from({ length: siteEventRules.shards }, (_, shard) => `${day}#${shard}`);

export interface StoredView {
  readonly path: string;
  readonly referrerOrigin: string | null;
}

export interface SiteStatItem {
  readonly day: string;
  /** `path#<path>`, `referrer#<origin>` or `#summary`. */
  readonly statKey: string;
  readonly views: number;
  readonly aggregatedAt: string;
}

export const summaryKey = '#summary';
export const pathKey = (path: string) => `path#${path}`;
export const referrerKey = (origin: string) => `referrer#${origin}`;

export interface SiteStatsPorts {
  /** A partition's views, page by page. */
  viewsIn(bucket: string): AsyncIterable<readonly StoredView[]>;
  /** Writes (overwrites) the items of a day. */
  writeStats(items: readonly SiteStatItem[]): Promise<void>;
}

export interface AggregationResult {
  readonly day: string;
  readonly events: number;
  readonly paths: number;
  readonly referrers: number;
}

/** Counts the views of the day before `now` per path and per referrer origin; a re-run writes the same figures. */
export const aggregateSiteEvents = async (ports: SiteStatsPorts, now: Date, aggregatedAt: Date): Promise<AggregationResult> => {
  const day = dayBefore(now);
  const paths = new Map<string, number>();
  const referrers = new Map<string, number>();
  let events = 0;
  for (const bucket of bucketsOf(day)) {
    for await (const page of ports.viewsIn(bucket)) {
      for (const view of page) {
        events += 1;
        paths.set(view.path, (paths.get(view.path) ?? 0) + 1);
        if (view.referrerOrigin !== null) referrers.set(view.referrerOrigin, (referrers.get(view.referrerOrigin) ?? 0) + 1);
      }
    }
  }
  const at = aggregatedAt.toISOString();
  await ports.writeStats([
    ...[...paths].map(([path, views]) => ({ day, statKey: pathKey(path), views, aggregatedAt: at })),
    ...[...referrers].map(([origin, views]) => ({ day, statKey: referrerKey(origin), views, aggregatedAt: at })),
    { day, statKey: summaryKey, views: events, aggregatedAt: at },
  ]);
  return { day, events, paths: paths.size, referrers: referrers.size };
};

export const maxListed = 200;

export interface SiteStatsView {
  readonly day: string;
  readonly aggregated: boolean;
  readonly views: number;
  readonly paths: { path: string; views: number }[];
  readonly referrers: { origin: string; views: number }[];
}

const byViews = <T extends { views: number }>(key: (item: T) => string) => (a: T, b: T) => b.views - a.views || key(a).localeCompare(key(b));

/** The figures of a day from its stat items; a day without a summary is not aggregated yet. */
export const siteStatsOf = (day: string, items: readonly Pick<SiteStatItem, 'statKey' | 'views'>[]): SiteStatsView => {
  const summary = items.find((item) => item.statKey === summaryKey);
  if (summary === undefined) return { day, aggregated: false, views: 0, paths: [], referrers: [] };
  const paths = items
    .filter((item) => item.statKey.startsWith('path#'))
    .map((item) => ({ path: item.statKey.slice('path#'.length), views: item.views }))
    .sort(byViews((p) => p.path))
    .slice(0, maxListed);
  const referrers = items
    .filter((item) => item.statKey.startsWith('referrer#'))
    .map((item) => ({ origin: item.statKey.slice('referrer#'.length), views: item.views }))
    .sort(byViews((r) => r.origin))
    .slice(0, maxListed);
  return { day, aggregated: true, views: summary.views, paths, referrers };
};
