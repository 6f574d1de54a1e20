/**
 * Property-based inputs for every route (issue 10, point 2): a valid baseline request per route,
 * built from its schema, and fast-check arbitraries that break it in one to three ways — wrong
 * types, missing and extra fields, huge strings and arrays, unicode edge cases, numbers at and past
 * the limits, malformed JSON, odd headers, path parameters and query strings with traversal and
 * injection strings. Each generated case says whether it must be refused (some defect the
 * contract rejects for sure) or may be accepted (edge values inside the schema).
 *
 * Requests go over raw node:http (duplicated headers, raw bytes, no client-side normalisation)
 * from a loopback address of their own, so the sign-in throttle of this "network" is the
 * fuzzer's alone and never slows the other test files down.
 */
import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import type { RouteDefinition } from '#system/routes/route';
import { baseUrl } from './api';

/** The fuzzer's own network (127.0.0.0/8 is all this machine; the throttle keys on the /24). */
export const fuzzAddress = '127.0.77.1';

export interface FuzzRequest {
  readonly method: string;
  /** Path and query exactly as sent (already encoded as intended). */
  readonly target: string;
  /** Header values; an array sends the header once per value. */
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body?: Buffer;
}

export interface FuzzAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
}

export const send = (req: FuzzRequest): Promise<FuzzAnswer> =>
  new Promise((resolve, reject) => {
    const base = new URL(baseUrl());
    const r = httpRequest(
      { host: base.hostname, port: base.port, method: req.method, path: req.target, localAddress: fuzzAddress, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    for (const [name, value] of Object.entries(req.headers)) r.setHeader(name, value as string | string[]);
    if (req.body !== undefined) r.setHeader('Content-Length', req.body.length);
    r.on('error', reject);
    r.end(req.body);
  });

// ---------------------------------------------------------------------------------------------
// Baselines: one valid request per route, for a target customer.

export interface Target {
  readonly customerId: string;
  readonly email: string;
}

export interface Baseline {
  readonly params?: Record<string, string>;
  readonly query?: Record<string, string>;
  /** A JSON body (or, for a form route, the form's fields). */
  readonly body?: Record<string, unknown>;
  /** Required body fields (a missing one must be refused). */
  readonly required?: readonly string[];
}

const consent = (purpose: string, granted: boolean) => ({ purpose, documentVersion: '2025-09-01', granted });
const noSuchOrder = 'fuzzNoSuchOrder0001';
const noSuchRequest = 'fuzzNoSuchRequest01';
const noSuchProduct = 'fuzz-no-such-product';
const password = 'Fuzz-Pass-1234-Aa!';

/** A valid request for each route, keyed `METHOD path`. */
export const baselines = (t: Target): Record<string, Baseline> => ({
  'GET /v1/health': {},
  'GET /v1/legal/documents': {},
  'GET /v1/openapi.json': {},
  'GET /v1/products/{productId}': { params: { productId: 'tolstoy-war-and-peace' } },
  'GET /v1/products': { query: { limit: '5' } },
  'POST /v1/auth/password/change': { body: { currentPassword: 'Not-The-Current-1!', newPassword: password }, required: ['currentPassword', 'newPassword'] },
  'POST /v1/auth/confirm': { body: { email: t.email, code: '000000' }, required: ['email', 'code'] },
  'POST /v1/auth/password/forgot': { body: { email: t.email }, required: ['email'] },
  'POST /v1/auth/login': { body: { email: t.email, password: 'Not-The-Current-1!' }, required: ['email', 'password'] },
  'POST /v1/auth/logout': { body: { refreshToken: 'not-a-refresh-token' }, required: ['refreshToken'] },
  'POST /v1/auth/refresh': { body: { refreshToken: 'not-a-refresh-token' }, required: ['refreshToken'] },
  'POST /v1/auth/register': {
    body: { email: t.email, password, firstName: 'Fuzz', lastName: 'Tester', consents: [consent('personal_data_processing', true)] },
    required: ['email', 'password', 'firstName', 'lastName', 'consents'],
  },
  'POST /v1/auth/password/reset': { body: { email: t.email, code: '000000', newPassword: password }, required: ['email', 'code', 'newPassword'] },
  'DELETE /v1/me': { body: { withdrawConsents: false } },
  'GET /v1/me': {},
  'GET /v1/me/consents/receipts': { query: { limit: '5' } },
  'GET /v1/me/consents': {},
  'PATCH /v1/me': { body: { firstName: 'Fuzz', lastName: 'Tester', phone: '+79990000000', locale: 'en' } },
  'PUT /v1/me/consents/{purpose}': { params: { purpose: 'personalization' }, body: { granted: true, documentVersion: '2025-09-01' }, required: ['granted', 'documentVersion'] },
  'POST /v1/admin/customers/{customerId}/force-password-reset': { params: { customerId: t.customerId }, body: { reason: 'fuzzing the route' }, required: ['reason'] },
  'GET /v1/admin/customers/{customerId}/audit': { params: { customerId: t.customerId }, query: { limit: '5' } },
  'GET /v1/admin/watch-list': { query: { status: 'OPEN', limit: '5' } },
  'POST /v1/admin/products/{productId}/price': { params: { productId: noSuchProduct }, body: { priceMinor: 100 }, required: ['priceMinor'] },
  'DELETE /v1/me/basket/items/{productId}': { params: { productId: noSuchProduct } },
  'DELETE /v1/me/favorites/{productId}': { params: { productId: noSuchProduct } },
  'GET /v1/me/basket': {},
  'GET /v1/me/favorites': {},
  'GET /v1/me/loyalty': {},
  'GET /v1/orders/{orderId}': { params: { orderId: noSuchOrder } },
  'GET /v1/orders': { query: { limit: '5' } },
  'POST /v1/admin/orders/{orderId}/status': { params: { orderId: noSuchOrder }, body: { status: 'CONFIRMED' }, required: ['status'] },
  'GET /v1/admin/orders': { query: { month: '2026-01', status: 'PLACED', limit: '5' } },
  'GET /v1/admin/orders/{orderId}': { params: { orderId: noSuchOrder } },
  'POST /v1/orders': {
    body: {
      items: [{ productId: noSuchProduct, quantity: 1 }],
      recipient: { fullName: 'Fuzz Tester', phone: '+79990000000' },
      delivery: { country: 'RU', city: 'Moscow', street: 'Tverskaya', building: '1', postalCode: '101000' },
    },
    required: ['items', 'recipient', 'delivery'],
  },
  'PUT /v1/me/basket/items/{productId}': { params: { productId: noSuchProduct }, body: { quantity: 1 }, required: ['quantity'] },
  'PUT /v1/me/favorites/{productId}': { params: { productId: noSuchProduct } },
  'POST /v1/admin/privacy-requests/{requestId}/complete': { params: { requestId: noSuchRequest }, body: { resolution: 'done by fuzz' }, required: ['resolution'] },
  'POST /v1/me/privacy-requests': { body: { type: 'access', details: 'fuzz' }, required: ['type'] },
  'POST /v1/admin/privacy-requests/{requestId}/extend': { params: { requestId: noSuchRequest }, body: { reason: 'fuzzing the route' }, required: ['reason'] },
  'GET /v1/me/privacy-requests/{requestId}': { params: { requestId: noSuchRequest } },
  'GET /v1/admin/privacy-requests': { query: { status: 'RECEIVED', overdue: 'false', limit: '5' } },
  'GET /v1/me/privacy-requests': { query: { limit: '5' } },
  'POST /v1/admin/disclosures': {
    body: { customerId: t.customerId, recipient: 'Fuzz Court', legalBasis: 'a fuzzing order', dataCategories: ['profile'] },
    required: ['customerId', 'recipient', 'legalBasis', 'dataCategories'],
  },
  'POST /v1/admin/privacy-requests/{requestId}/reject': { params: { requestId: noSuchRequest }, body: { reason: 'fuzzing the route' }, required: ['reason'] },
  'POST /v1/admin/campaigns': { body: { channel: 'email', category: 'informational', subject: 'Fuzz', body: 'Fuzz body' }, required: ['channel', 'category', 'body'] },
  'DELETE /v1/me/devices/{deviceId}': { params: { deviceId: '0123456789abcdef0123456789abcdef' } },
  'GET /v1/me/subscriptions': {},
  'GET /v1/me/devices': {},
  'PUT /v1/me/subscriptions': { body: { email: { advertising: false } } },
  'POST /v1/me/devices': { body: { platform: 'fcm', token: 'fuzz-device-token' }, required: ['platform', 'token'] },
  'POST /v1/unsubscribe': { query: { token: 'fuzzNotAValidToken.0123456789' }, body: { 'List-Unsubscribe': 'One-Click' }, required: ['List-Unsubscribe'] },
  'GET /v1/unsubscribe': { query: { token: 'fuzzNotAValidToken.0123456789' } },
  'GET /v1/me/recommendations': {},
  'GET /v1/admin/site-stats': { query: { day: '2026-01-01' } },
  'POST /v1/events': { body: { type: 'page_view', path: '/fuzz' }, required: ['type', 'path'] },
});

/**
 * Routes whose accepted requests would change what other tests see (a price, a campaign to
 * everyone, the shared privacy queue, a disclosure): only inputs that must be refused go there.
 */
export const refusalOnly = new Set([
  'POST /v1/admin/products/{productId}/price',
  'POST /v1/admin/campaigns',
  'POST /v1/admin/disclosures',
  'POST /v1/me/privacy-requests',
  'POST /v1/admin/orders/{orderId}/status',
  'POST /v1/admin/customers/{customerId}/force-password-reset',
]);

/** Routes that can end the caller's session or account when a request is accepted. */
export const sessionEnding = new Set(['PUT /v1/me/consents/{purpose}', 'POST /v1/auth/password/change', 'POST /v1/auth/logout', 'DELETE /v1/me']);

// ---------------------------------------------------------------------------------------------
// Edge values.

/** Unicode edge cases; lone surrogates go as raw bytes (see `loneSurrogateBytes`). */
const unicodeEdges = [
  '\u0000',
  'a\u0000b',
  '\u202Eevil\u202C',
  '\u200F\u200E\u200B\uFEFF',
  '👨‍👩‍👧‍👦🏳️‍🌈',
  'e\u0301\u0301\u0301\u0301\u0301',
  'Z̷̧̛̟͓̠̓̑̾a̸̢̡̛͈̓l̷̝̓g̵̰̈́o̵̗͊',
  '\uFFFF\uFFFE',
  '\u2028\u2029',
  'ﷺ',
  '\\u0000',
  '%00',
  '\r\n\t',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '${jndi:ldap://x}',
  '{{7*7}}',
  '../../etc/passwd',
  '__proto__',
];

export const edgeString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...unicodeEdges),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer({ min: 0, max: 300 }).map((n) => 'x'.repeat(n)),
  fc.constant(''),
);

/** Numbers at and past the limits (and things that only look like numbers). */
export const edgeNumber: fc.Arbitrary<unknown> = fc.constantFrom(0, -1, 1, 1.5, -0, 99, 100, 101, 1e308, -1e308, 2 ** 53, 2 ** 53 + 1, 100000001, 'NaN', 'Infinity', '1', '1e3');

const wrongTypes: readonly unknown[] = [null, 0, -1, 1e308, true, false, 'string', '', [], [1, 2], {}, { nested: { deeper: [null] } }];
/** A JSON value that is not an object (the body of every JSON route is one). */
export const wrongTypeBody = fc.constantFrom<unknown>(null, 0, 1e308, true, 'a string', '', [], [{}], [null, 1, 'x']);

const queryEdges = ['0', '-1', '101', '1e308', 'NaN', 'Infinity', '9007199254740993', '1.5', '', 'abc', "' OR 1=1", '%00', '${x}', 'x'.repeat(2000)];

/** Path parameter values that no route's pattern takes (sent as they are: percent-encoded or raw). */
export const badPathParam: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '..%2f..%2fetc%2fpasswd',
    '%2e%2e%2f%2e%2e%2f',
    '%2e%2e',
    '..%5c..%5c',
    "'%20OR%201=1--",
    '%27%20OR%20%271%27=%271',
    '$%7B7*7%7D',
    '%24%7Bjndi:ldap://x%7D',
    '%3Cscript%3E',
    '%00',
    'a%00b',
    '%F0%9F%98%80',
    '%ED%A0%80',
    '%C0%AF',
    '%E2%80%AE',
    'A'.repeat(65),
    'x'.repeat(4000),
    'a.b',
    'a%20b',
    'a+b',
  ),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).map((s) => `${encodeURIComponent(s)}%25`),
);

/** A byte sequence that is no UTF-8: a lone surrogate encoded raw (CESU), and a stray continuation byte. */
const loneSurrogateBytes = Buffer.from([0xed, 0xa0, 0x80]);
const strayByte = Buffer.from([0x80, 0xff]);

// ---------------------------------------------------------------------------------------------
// Cases.

export interface FuzzCase {
  readonly request: FuzzRequest;
  /** What was done to the baseline, for the failure message. */
  readonly steps: readonly string[];
  /** Some step is a defect the contract refuses for sure. */
  readonly mustRefuse: boolean;
}

interface Draft {
  params: Record<string, string>;
  query: [string, string][];
  body: unknown;
  /** A raw body that replaces `body` when set. */
  raw?: Buffer;
  headers: Record<string, string | string[]>;
  steps: string[];
  mustRefuse: boolean;
}

type Mutation = (d: Draft) => void;

const jsonBytes = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');

/** Replaces the value at a random string/number/boolean leaf of an object. */
const leaves = (value: unknown, path: string[] = []): string[][] => {
  if (value === null || typeof value !== 'object') return [path];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return entries.flatMap(([k, v]) => leaves(v, [...path, k]));
};

const setAt = (root: unknown, path: readonly string[], value: unknown): unknown => {
  if (path.length === 0) return value;
  if (root === null || typeof root !== 'object') return setAt({}, path, value);
  const [head, ...rest] = path as [string, ...string[]];
  const copy: Record<string, unknown> | unknown[] = Array.isArray(root) ? [...(root as unknown[])] : { ...(root as Record<string, unknown>) };
  (copy as Record<string, unknown>)[head] = setAt((root as Record<string, unknown>)[head], rest, value);
  return copy;
};

export interface RouteFuzz {
  readonly route: RouteDefinition;
  readonly key: string;
  /** Refusing mutations (at least one is applied) and edge mutations (maybe valid). */
  readonly refusing: fc.Arbitrary<Mutation>;
  readonly edges: fc.Arbitrary<Mutation> | undefined;
  readonly build: (mutations: readonly Mutation[], token: string | undefined) => FuzzCase;
}

export const routeFuzz = (route: RouteDefinition, baseline: Baseline, otherToken: string | undefined): RouteFuzz => {
  const key = `${route.method} ${route.path}`;
  const form = route.request?.bodyEncoding === 'form';
  const wantsBody = route.request?.body !== undefined;
  const signedIn = route.access !== 'public';
  const refusing: fc.Arbitrary<Mutation>[] = [];
  const edges: fc.Arbitrary<Mutation>[] = [];
  const m = (label: string, must: boolean, f: (d: Draft) => void): Mutation => (d) => {
    f(d);
    d.steps.push(label);
    if (must) d.mustRefuse = true;
  };

  // Bodies over the 64 KiB limit (up to ~70 KB), on every route: the size is checked first.
  refusing.push(
    fc.integer({ min: 64 * 1024 + 1, max: 70_000 }).map((n) =>
      m(`body of ${n} bytes`, true, (d) => {
        const filler = 'é'.repeat(Math.ceil(n / 2));
        d.raw = jsonBytes(wantsBody && !form ? { ...(d.body as object), filler } : { filler });
      }),
    ),
  );
  if (signedIn) {
    refusing.push(
      fc.constantFrom('', 'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', 'Bearer ' + 'A'.repeat(10_000), 'Bearer a.b.c').map((value) =>
        m(`Authorization ${JSON.stringify(value.slice(0, 40))} (${value.length} chars)`, true, (d) => {
          d.headers['Authorization'] = value;
        }),
      ),
    );
  }
  if (route.access === 'operator' && otherToken !== undefined) {
    refusing.push(fc.constant(m("a customer's token", true, (d) => void (d.headers['Authorization'] = `Bearer ${otherToken}`))));
  }
  for (const name of Object.keys(baseline.params ?? {})) {
    refusing.push(badPathParam.map((v) => m(`path ${name}=${v.slice(0, 60)}`, true, (d) => void (d.params[name] = v))));
  }
  for (const name of Object.keys(baseline.query ?? {})) {
    const must = name !== 'cursor';
    const values = name === 'day' ? fc.constantFrom('2026-02-30', '2026-13-01', '0000-00-00', 'today', '', '2026-1-1') : fc.constantFrom(...queryEdges.filter((v) => v !== '' || name !== 'overdue'));
    refusing.push(values.map((v) => m(`query ${name}=${v.slice(0, 40)}`, must, (d) => void (d.query = [...d.query.filter(([k]) => k !== name), [name, v]]))));
  }
  if (route.request?.query?.shape?.['token'] !== undefined) {
    refusing.push(fc.constant(m('query token missing', true, (d) => void (d.query = d.query.filter(([k]) => k !== 'token')))));
  }
  if (wantsBody && !form) {
    refusing.push(wrongTypeBody.map((v) => m(`body ${JSON.stringify(v)}`, true, (d) => void (d.body = v))));
    refusing.push(
      fc.string({ minLength: 1, maxLength: 20 }).map((name) =>
        m(`extra field x_${name}`, true, (d) => void (d.body = { ...(d.body as object), [`x_${name}`]: 'extra' })),
      ),
    );
    if ((baseline.required ?? []).length > 0) {
      refusing.push(
        fc.constantFrom(...(baseline.required ?? [])).map((f) =>
          m(`missing ${f}`, true, (d) => {
            if (d.body === null || typeof d.body !== 'object' || Array.isArray(d.body)) return;
            const { [f]: _, ...rest } = d.body as Record<string, unknown>;
            d.body = rest;
          }),
        ),
      );
    }
    const paths = leaves(baseline.body).filter((p) => p.length > 0);
    if (paths.length > 0) {
      refusing.push(
        fc.record({ path: fc.constantFrom(...paths), value: fc.constantFrom<unknown>({}, [], [[]], { a: 1 }) }).map(({ path, value }) =>
          m(`${path.join('.')}=${JSON.stringify(value)}`, true, (d) => void (d.body = setAt(d.body, path, value))),
        ),
      );
      edges.push(
        fc.record({ path: fc.constantFrom(...paths), value: fc.oneof(edgeString, edgeNumber, fc.constantFrom(...wrongTypes)) }).map(({ path, value }) =>
          m(`${path.join('.')}=${JSON.stringify(value).slice(0, 60)}`, false, (d) => void (d.body = setAt(d.body, path, value))),
        ),
      );
      edges.push(
        fc.record({ path: fc.constantFrom(...paths), n: fc.integer({ min: 1_000, max: 60_000 }) }).map(({ path, n }) =>
          m(`${path.join('.')} of ${n} chars`, false, (d) => void (d.body = setAt(d.body, path, '\u0436'.repeat(n / 2)))),
        ),
      );
    }
    // Arrays grown past any limit (still within the 64 KiB body limit, or just over it).
    const arrays = arrayPaths(baseline.body);
    if (arrays.length > 0) {
      edges.push(
        fc.record({ path: fc.constantFrom(...arrays), n: fc.constantFrom(0, 5, 51, 500, 3000) }).map(({ path, n }) =>
          m(`${path.join('.')} with ${n} items`, false, (d) => {
            const first = (getAt(baseline.body, path) as unknown[])[0];
            d.body = setAt(d.body, path, Array.from({ length: n }, () => first));
          }),
        ),
      );
    }
    refusing.push(
      fc.constantFrom('truncated', 'trailing comma', 'BOM', 'single quotes', 'NaN literal', 'comment', 'lone surrogate bytes', 'stray bytes', 'two documents').map((kind) =>
        m(`malformed JSON: ${kind}`, !['lone surrogate bytes', 'stray bytes'].includes(kind), (d) => {
          const text = JSON.stringify(d.body);
          const raw: Record<string, Buffer> = {
            truncated: Buffer.from(text.slice(0, Math.max(1, text.length - 2))),
            'trailing comma': Buffer.from(text.replace(/}$/, ',}')),
            BOM: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
            'single quotes': Buffer.from(text.replace(/"/g, "'")),
            'NaN literal': Buffer.from(text.replace(/}$/, ',"n":NaN}')),
            comment: Buffer.from(`/* c */${text}`),
            'lone surrogate bytes': Buffer.concat([Buffer.from(text.slice(0, -1)), Buffer.from(',"s":"'), loneSurrogateBytes, Buffer.from('"}')]),
            'stray bytes': Buffer.concat([Buffer.from(text.slice(0, -1)), Buffer.from(',"s":"'), strayByte, Buffer.from('"}')]),
            'two documents': Buffer.from(`${text}${text}`),
          };
          d.raw = raw[kind];
        }),
      ),
    );
    refusing.push(
      fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'json', '').map((type) =>
        m(`Content-Type ${JSON.stringify(type)}`, true, (d) => {
          if (type === '') delete d.headers['Content-Type'];
          else d.headers['Content-Type'] = type;
        }),
      ),
    );
    edges.push(
      fc.constantFrom<string | string[]>('application/json; charset=utf-8', 'APPLICATION/JSON', 'application/problem+json', ['application/json', 'application/json'], 'application/json;;;', 'application/json; charset=latin1').map((type) =>
        m(`Content-Type ${JSON.stringify(type)}`, false, (d) => void (d.headers['Content-Type'] = type)),
      ),
    );
  }
  if (form) {
    refusing.push(
      fc.constantFrom('application/json', 'text/plain', '').map((type) =>
        m(`form sent as ${JSON.stringify(type)}`, true, (d) => {
          if (type === '') delete d.headers['Content-Type'];
          else d.headers['Content-Type'] = type;
        }),
      ),
    );
    refusing.push(
      fc.constantFrom('List-Unsubscribe=Two-Clicks', 'List-Unsubscribe=', 'other=1', 'List-Unsubscribe=One-Click&x=1').map((text) =>
        m(`form ${text}`, true, (d) => void (d.raw = Buffer.from(text))),
      ),
    );
    edges.push(edgeString.map((s) => m(`form value ${JSON.stringify(s).slice(0, 40)}`, false, (d) => void (d.raw = Buffer.from(`List-Unsubscribe=${encodeURIComponent(s)}`)))));
  }
  if (route.request?.idempotent) {
    refusing.push(
      fc.constantFrom('', ' ', 'a b', 'k'.repeat(65), 'ключ', 'caf\u00e9', 'tab\tkey').map((v) =>
        m(`Idempotency-Key ${JSON.stringify(v.slice(0, 20))} (${v.length})`, true, (d) => void (d.headers['Idempotency-Key'] = Buffer.from(v, 'utf8').toString('latin1'))),
      ),
    );
  }
  // Headers and queries that carry nothing the route reads.
  edges.push(
    fc.constantFrom<[string, string | string[]]>(
      ['Accept', 'text/html'],
      ['Accept', '*/*;q=0'],
      ['Accept-Language', 'x'.repeat(4000)],
      ['Accept-Language', 'zz-ZZ, *;q=0.1'],
      ['X-Forwarded-For', "1.2.3.4, ' OR 1=1"],
      ['Idempotency-Key', 'k'.repeat(64)],
      ['Idempotency-Key', ['a', 'b']],
      ['Origin', 'https://evil.example'],
      ['Cookie', 'session=' + 'c'.repeat(3000)],
      ['X-Amzn-Trace-Id', '${jndi:ldap://x}'],
    ).map(([name, value]) => m(`header ${name}`, false, (d) => void (d.headers[name] = value))),
  );
  edges.push(
    fc.record({ name: fc.constantFrom('x', 'limit', 'cursor', '__proto__', 'constructor', "' OR 1=1", 'token'), value: fc.constantFrom(...queryEdges) }).map(({ name, value }) =>
      m(`query +${name}=${value.slice(0, 30)}`, false, (d) => void d.query.push([name, value])),
    ),
  );

  const build = (mutations: readonly Mutation[], token: string | undefined): FuzzCase => {
    const d: Draft = {
      params: { ...baseline.params },
      query: Object.entries(baseline.query ?? {}),
      body: baseline.body,
      headers: {
        ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
        ...(baseline.body === undefined ? {} : { 'Content-Type': form ? 'application/x-www-form-urlencoded' : 'application/json' }),
      },
      steps: [],
      mustRefuse: false,
    };
    for (const mutation of mutations) mutation(d);
    const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => d.params[name] ?? '');
    const query = d.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
    const body =
      d.raw ??
      (d.body === undefined
        ? undefined
        : form
          ? Buffer.from(new URLSearchParams(d.body as Record<string, string>).toString())
          : jsonBytes(d.body));
    return {
      request: { method: route.method, target: query === '' ? path : `${path}?${query}`, headers: d.headers, ...(body === undefined ? {} : { body }) },
      steps: d.steps,
      mustRefuse: d.mustRefuse,
    };
  };

  return {
    route,
    key,
    refusing: fc.oneof(...refusing),
    edges: edges.length === 0 ? undefined : fc.oneof(...edges),
    build,
  };
};

function getAt(root: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((v, k) => (v === null || typeof v !== 'object' ? undefined : (v as Record<string, unknown>)[k]), root);
}

function arrayPaths(value: unknown, path: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return [path];
  return Object.entries(value).flatMap(([k, v]) => arrayPaths(v, [...path, k]));
}

/**
 * A case that must be refused: one to three refusing mutations, maybe mixed with edge values.
 * A case at the edges: one to three edge mutations (it may be accepted).
 */
export const refusedCase = (f: RouteFuzz, token: string | undefined): fc.Arbitrary<FuzzCase> =>
  fc
    .tuple(f.refusing, fc.array(f.edges === undefined ? f.refusing : fc.oneof(f.refusing, f.edges), { maxLength: 2 }))
    .map(([first, more]) => f.build([...more, first], token))
    .filter((c) => c.mustRefuse);

export const edgeCase = (f: RouteFuzz, token: string | undefined): fc.Arbitrary<FuzzCase> | undefined =>
  f.edges === undefined ? undefined : fc.array(f.edges, { minLength: 1, maxLength: 3 }).map((ms) => f.build(ms, token));

// ---------------------------------------------------------------------------------------------
// What an answer must be.

export interface Verdict {
  readonly ok: boolean;
  readonly why?: string;
  /** A 503 that was allowed (a retryable problem with Retry-After). */
  readonly retryable?: boolean;
}

export const judge = (route: RouteDefinition, c: FuzzCase, answer: FuzzAnswer): Verdict => {
  const { status } = answer;
  const contentType = String(answer.headers['content-type'] ?? '');
  const problem = (): string | undefined => {
    if (!/^application\/problem\+json/.test(contentType)) return `content-type ${contentType}`;
    let doc: Record<string, unknown>;
    try {
      doc = JSON.parse(answer.text) as Record<string, unknown>;
    } catch {
      return 'body is not JSON';
    }
    if (typeof doc['type'] !== 'string' || typeof doc['title'] !== 'string') return 'no type or title';
    if (doc['status'] !== status) return `status member ${String(doc['status'])}`;
    return undefined;
  };
  if (status === 503) {
    const bad = problem() ?? (answer.headers['retry-after'] === undefined ? 'no Retry-After' : undefined);
    return bad === undefined ? { ok: true, retryable: true } : { ok: false, why: `503 ${bad}` };
  }
  if (status >= 500 || status < 100) return { ok: false, why: `answered ${status}: ${answer.text.slice(0, 200)}` };
  if (c.mustRefuse && (status < 400 || status >= 500)) return { ok: false, why: `a request that must be refused was answered ${status}` };
  if (status >= 400) {
    const htmlPage = route.method === 'GET' && route.path === '/v1/unsubscribe' && /^text\/html/.test(contentType);
    const bad = htmlPage ? undefined : problem();
    if (bad !== undefined) return { ok: false, why: `${status} is no problem document (${bad})` };
  }
  return { ok: true };
};
