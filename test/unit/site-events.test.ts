import { describe, expect, it } from 'vitest';
import {
  aggregateSiteEvents,
  bucketsOf,
  dayBefore,
  minuteOf,
  normalisedPath,
  rateLimitOf,
  recordSiteEvent,
  referrerOriginOf,
  type SiteEventRecord,
  type SiteStatItem,
  siteEventOf,
  siteEventRules,
  siteStatsOf,
  type StoredView,
} from '../../lambdas/domain/analytics/site-events';
import { RateLimitedError } from '../../lambdas/domain/errors';
import { cookies, isRegisteredCookie } from '../../system/cookies';

const fixed = { shard: () => 3, id: () => 'rand-id' };
const at = new Date('2026-11-24T10:15:42.123Z');

describe('site events: what a view becomes', () => {
  it('drops the query and the fragment of the path', () => {
    expect(normalisedPath('/books/war-and-peace')).toBe('/books/war-and-peace');
    expect(normalisedPath('/search?q=anna@example.com&page=2')).toBe('/search');
    expect(normalisedPath('/books/1#reviews')).toBe('/books/1');
    expect(normalisedPath('/a#b?c')).toBe('/a');
    expect(normalisedPath('/?token=abc')).toBe('/');
  });

  it('keeps only the origin of a referrer: no userinfo, path, query or fragment', () => {
    expect(referrerOriginOf('https://user:secret@news.example.org:8443/story/42?email=a@b.c#top')).toBe('https://news.example.org:8443');
    expect(referrerOriginOf('http://Search.Example.COM/results?q=my+name')).toBe('http://search.example.com');
    expect(referrerOriginOf('https://example.org:443/x')).toBe('https://example.org');
    expect(referrerOriginOf(undefined)).toBeNull();
    expect(referrerOriginOf('')).toBeNull();
    expect(referrerOriginOf('not a url')).toBeNull();
    expect(referrerOriginOf('ftp://files.example.org/a')).toBeNull();
  });

  it('stores exactly the bucket, key, path, referrer origin, network, minute and expiry', () => {
    const record = siteEventOf({ type: 'page_view', path: '/books/7?ref=mail', referrer: 'https://u:p@ref.example/p?q=1' }, '203.0.113.57', at, fixed);
    expect(record).toEqual<SiteEventRecord>({
      bucket: '2026-11-24#3',
      eventKey: '2026-11-24T10:15:00.000Z#rand-id',
      path: '/books/7',
      referrerOrigin: 'https://ref.example',
      network: '203.0.113.0/24',
      minute: '2026-11-24T10:15:00.000Z',
      expiresAt: Math.floor(at.getTime() / 1000) + 35 * 86_400,
    });
    expect(JSON.stringify(record)).not.toContain('203.0.113.57');
  });

  it('truncates IPv6 to its /48 and gives no referrer as null', () => {
    const record = siteEventOf({ type: 'page_view', path: '/' }, '2001:db8:abcd:12:34::5', at, fixed);
    expect(record.network).toBe('2001:db8:abcd::/48');
    expect(record.referrerOrigin).toBeNull();
  });

  it('truncates the minute and spreads a day over the shards', () => {
    expect(minuteOf(new Date('2026-11-24T23:59:59.999Z'))).toBe('2026-11-24T23:59:00.000Z');
    expect(bucketsOf('2026-11-24')).toEqual(['2026-11-24#0', '2026-11-24#1', '2026-11-24#2', '2026-11-24#3']);
  });
});

describe('site events: the rate limit', () => {
  it('accepts up to 120 views of a network in a minute and refuses the 121st until the next minute', () => {
    expect(siteEventRules.perNetworkPerMinute).toBe(120);
    expect(rateLimitOf(1, at)).toEqual({ limited: false });
    expect(rateLimitOf(120, at)).toEqual({ limited: false });
    expect(rateLimitOf(121, at)).toEqual({ limited: true, retryAfterSeconds: 18 });
    expect(rateLimitOf(500, new Date('2026-11-24T10:15:59.900Z'))).toEqual({ limited: true, retryAfterSeconds: 1 });
  });

  it('counts per network and minute, and stores nothing when limited', async () => {
    const counts = new Map<string, number>();
    const stored: SiteEventRecord[] = [];
    const ports = {
      counter: {
        count: async (network: string, minute: number) => {
          const key = `${network}#${minute}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
          return counts.get(key) ?? 0;
        },
      },
      events: { put: async (event: SiteEventRecord) => void stored.push(event) },
      random: fixed,
    };
    for (let i = 0; i < 120; i += 1) await recordSiteEvent(ports, { type: 'page_view', path: '/x' }, `198.51.100.${i % 200}`, at);
    await expect(recordSiteEvent(ports, { type: 'page_view', path: '/x' }, '198.51.100.250', at)).rejects.toBeInstanceOf(RateLimitedError);
    expect(stored).toHaveLength(120);
    // Another network, and the same network in the next minute, are not limited.
    await expect(recordSiteEvent(ports, { type: 'page_view', path: '/x' }, '198.51.101.1', at)).resolves.toEqual({ status: 'ACCEPTED' });
    await expect(recordSiteEvent(ports, { type: 'page_view', path: '/x' }, '198.51.100.1', new Date('2026-11-24T10:16:00.000Z'))).resolves.toEqual({ status: 'ACCEPTED' });
    const minute = Date.parse('2026-11-24T10:15:00.000Z') / 1000;
    expect([...counts.keys()]).toEqual([`198.51.100.0/24#${minute}`, `198.51.101.0/24#${minute}`, `198.51.100.0/24#${minute + 60}`]);
  });
});

describe('site statistics', () => {
  const views: Record<string, StoredView[][]> = {
    '2026-11-23#0': [[{ path: '/a', referrerOrigin: 'https://r.example' }], [{ path: '/b', referrerOrigin: null }]],
    '2026-11-23#2': [[{ path: '/a', referrerOrigin: null }, { path: '/a', referrerOrigin: 'https://r.example' }]],
    '2026-11-24#0': [[{ path: '/today', referrerOrigin: null }]],
  };
  const ports = (written: SiteStatItem[]) => ({
    async *viewsIn(bucket: string) {
      for (const page of views[bucket] ?? []) yield page;
    },
    writeStats: async (items: readonly SiteStatItem[]) => void written.push(...items),
  });

  it('aggregates the UTC day before the scheduled time, every shard and page', async () => {
    expect(dayBefore(new Date('2026-11-24T00:30:00.000Z'))).toBe('2026-11-23');
    expect(dayBefore(new Date('2026-03-01T23:59:59.000Z'))).toBe('2026-02-28');
    const written: SiteStatItem[] = [];
    const aggregatedAt = new Date('2026-11-24T00:30:05.000Z');
    const result = await aggregateSiteEvents(ports(written), new Date('2026-11-24T00:30:00.000Z'), aggregatedAt);
    expect(result).toEqual({ day: '2026-11-23', events: 4, paths: 2, referrers: 1 });
    const stamp = aggregatedAt.toISOString();
    expect(written).toEqual([
      { day: '2026-11-23', statKey: 'path#/a', views: 3, aggregatedAt: stamp },
      { day: '2026-11-23', statKey: 'path#/b', views: 1, aggregatedAt: stamp },
      { day: '2026-11-23', statKey: 'referrer#https://r.example', views: 2, aggregatedAt: stamp },
      { day: '2026-11-23', statKey: '#summary', views: 4, aggregatedAt: stamp },
    ]);
    const again: SiteStatItem[] = [];
    await aggregateSiteEvents(ports(again), new Date('2026-11-24T00:30:00.000Z'), aggregatedAt);
    expect(again).toEqual(written);
  });

  it('lists the most viewed first, at most 200, and says when a day is not aggregated', () => {
    expect(siteStatsOf('2026-11-22', [])).toEqual({ day: '2026-11-22', aggregated: false, views: 0, paths: [], referrers: [] });
    const items = [
      { statKey: '#summary', views: 1000 },
      ...Array.from({ length: 250 }, (_, i) => ({ statKey: `path#/p${i}`, views: i })),
      { statKey: 'referrer#https://b.example', views: 2 },
      { statKey: 'referrer#https://a.example', views: 2 },
      { statKey: 'referrer#https://c.example', views: 5 },
    ];
    const stats = siteStatsOf('2026-11-23', items);
    expect(stats.aggregated).toBe(true);
    expect(stats.views).toBe(1000);
    expect(stats.paths).toHaveLength(200);
    expect(stats.paths[0]).toEqual({ path: '/p249', views: 249 });
    expect(stats.paths.at(-1)).toEqual({ path: '/p50', views: 50 });
    expect(stats.referrers).toEqual([
      { origin: 'https://c.example', views: 5 },
      { origin: 'https://a.example', views: 2 },
      { origin: 'https://b.example', views: 2 },
    ]);
  });
});

describe('the cookie registry', () => {
  it("holds only the pages' two choices, each limited to fixed values, and no session or token cookie", () => {
    expect(cookies.map((cookie) => cookie.name)).toEqual(['folio_lang', 'folio_notice']);
    expect(isRegisteredCookie('folio_lang=en; Path=/')).toBe(true);
    expect(isRegisteredCookie('folio_lang=anna@example.com; Path=/')).toBe(false);
    expect(isRegisteredCookie('folio_notice=seen')).toBe(true);
    expect(isRegisteredCookie('folio_notice=c0ffee')).toBe(false);
    expect(isRegisteredCookie('session=abc; Path=/')).toBe(false);
  });
});
