/**
 * Fuzzing every route (issue 10, point 2). For each route of `routes`, fast-check builds requests
 * from the route's valid baseline and breaks them (test/support/fuzz.ts):
 *
 * - cases that must be refused (a wrong type, a missing or extra field, a body over 64 KiB,
 *   malformed JSON, a wrong media type, a bad token, a bogus Idempotency-Key, a path parameter
 *   or query value no pattern takes), sent with the token of one dedicated customer (operator
 *   routes: the operator's token, on that customer's id) — every answer must be a 4xx problem;
 * - cases at the edges (unicode, numbers at and past the limits, long strings and arrays, odd
 *   headers and queries), which may be accepted, sent as another customer — no answer may be a
 *   5xx (a 503 only as a retryable problem with Retry-After, which is reported).
 *
 * Every 4xx is an RFC 9457 problem document (`application/problem+json`, `type`, `title`, and
 * `status` equal to the HTTP status), except the documented HTML page of `GET /v1/unsubscribe`.
 * Nothing is written for a refused request: the dedicated customer's whole stored footprint (the
 * access export's sections, built in-process) is the same before and after. What may change
 * there and is left out of the comparison: nothing — the refused requests never reach the domain
 * code, the operator's refused audit reads are refused before they are audited, and the export
 * itself is built in-process without an audit entry.
 *
 * The seed is random per run and printed; `FUZZ_SEED=<n>` replays a run, `FUZZ_RUNS=<n>` makes
 * it longer (8 property runs of 4 requests per route and kind by default: about 3,200 requests).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '#system/routes/index';
import { stackInfo, useFunctionEnvironment } from '../support/api';
import { operatorTokens, registerCustomer, type TestCustomer } from '../support/customers';
import {
  baselines,
  edgeCase,
  type FuzzCase,
  judge,
  refusalOnly,
  refusedCase,
  routeFuzz,
  send,
  sessionEnding,
} from '../support/fuzz';

const seed = Number(process.env['FUZZ_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
/** Property runs per route and kind (`FUZZ_RUNS` for a longer run); each run sends `batch` requests at once. */
const numRuns = Number(process.env['FUZZ_RUNS'] ?? 8);
const batch = 4;

const footprintOf = async (customerId: string) => {
  const { buildAccessExport } = await import('../../lambdas/domain/privacy/access-export');
  const { readCustomerItems } = await import('../../lambdas/adapters/customer-items');
  return (await buildAccessExport(readCustomerItems, customerId, new Date())).sections;
};

/**
 * The footprint once registration's asynchronous effects have landed (the customers stream
 * writes the campaign audiences after the answer): read until two reads 500 ms apart agree.
 */
const settledFootprintOf = async (customerId: string) => {
  let previous = JSON.stringify(await footprintOf(customerId));
  for (let attempt = 0; attempt < 40; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const current = await footprintOf(customerId);
    if (JSON.stringify(current) === previous) return current;
    previous = JSON.stringify(current);
  }
  throw new Error("the refused customer's footprint did not settle in 20 s");
};

const describeCase = (c: FuzzCase) => `${c.request.method} ${c.request.target.slice(0, 160)} [${c.steps.join('; ')}]`;

/** Sends the batch at once and fails with the first case whose answer breaks a property. */
const check = async (key: string, cases: readonly FuzzCase[], retryables: string[]) => {
  const route = routes.find((r) => `${r.method} ${r.path}` === key);
  if (route === undefined) throw new Error(`no route ${key}`);
  const answers = await Promise.all(cases.map((c) => send(c.request)));
  cases.forEach((c, i) => {
    const answer = answers[i];
    if (answer === undefined) throw new Error('no answer');
    const verdict = judge(route, c, answer);
    if (verdict.retryable) retryables.push(`${key}: ${describeCase(c)}`);
    if (!verdict.ok) throw new Error(`${verdict.why} — ${describeCase(c)}`);
  });
};

const runProperty = async (key: string, kind: string, arbitrary: fc.Arbitrary<FuzzCase>, retryables: string[]) => {
  const result = await fc.check(
    fc.asyncProperty(fc.array(arbitrary, { minLength: batch, maxLength: batch }), (cases) => check(key, cases, retryables)),
    { seed, numRuns },
  );
  if (result.failed) {
    const error = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
    throw new Error(`${key} (${kind}) failed — replay with FUZZ_SEED=${result.seed} (path ${result.counterexamplePath}): ${error}`);
  }
  return result.numRuns * batch;
};

// Routes that can end the edge customer's session or account go last.
const ordered = [...routes].sort((a, b) => Number(sessionEnding.has(`${a.method} ${a.path}`)) - Number(sessionEnding.has(`${b.method} ${b.path}`)));

describe('fuzzing every route', () => {
  let refused: TestCustomer;
  let edge: TestCustomer;
  let operator: string;
  let before: Awaited<ReturnType<typeof footprintOf>>;
  const retryables: string[] = [];
  let sent = 0;
  const started = Date.now();

  beforeAll(async () => {
    console.info(`fuzz seed ${seed} (replay with FUZZ_SEED=${seed})`);
    [refused, edge, operator] = await Promise.all([registerCustomer(), registerCustomer(), operatorTokens().then((t) => t.accessToken)]);
    useFunctionEnvironment(await stackInfo());
    before = await settledFootprintOf(refused.customerId);
  });

  afterAll(() => {
    console.info(`fuzz seed ${seed}: ${sent} requests in ${Math.round((Date.now() - started) / 1000)} s; retryable 503s: ${retryables.length === 0 ? 'none' : retryables.join('\n')}`);
  });

  it('covers every route', () => {
    const keys = Object.keys(baselines({ customerId: 'x', email: 'x@example.com' }));
    expect(routes.map((r) => `${r.method} ${r.path}`).sort()).toEqual([...keys].sort());
  });

  for (const route of ordered) {
    const key = `${route.method} ${route.path}`;
    it(`${key}: refuses broken requests with problems, never a 5xx`, async () => {
      const refusedTarget = { customerId: refused.customerId, email: refused.email };
      const edgeTarget = { customerId: edge.customerId, email: edge.email };
      const tokenOf = (customer: TestCustomer) => (route.access === 'public' ? undefined : route.access === 'operator' ? operator : customer.tokens.accessToken);

      const forRefusal = routeFuzz(route, baselines(refusedTarget)[key] ?? {}, refused.tokens.accessToken);
      sent += await runProperty(key, 'must refuse', refusedCase(forRefusal, tokenOf(refused)), retryables);

      if (!refusalOnly.has(key)) {
        const atEdges = edgeCase(routeFuzz(route, baselines(edgeTarget)[key] ?? {}, edge.tokens.accessToken), tokenOf(edge));
        if (atEdges !== undefined) sent += await runProperty(key, 'edges', atEdges, retryables);
      }
    });
  }

  // Found by this fuzzer: the local gateway built the event's query and header maps on plain
  // objects, so `?constructor=0` or `?__proto__=0` became a TypeError and a 500 on every route.
  it('takes query and header names that are keys of Object.prototype as data', async () => {
    const answer = await send({
      method: 'GET',
      target: '/v1/products?limit=2&__proto__=0&constructor=0&toString=1&hasOwnProperty=x',
      headers: Object.fromEntries([['constructor', 'x'], ['__proto__', 'y'], ['toString', 'z']]),
    });
    expect(answer.status).toBe(200);
    expect((JSON.parse(answer.text) as { items: unknown[] }).items).toHaveLength(2);
  });

  it("wrote nothing for the dedicated customer's refused requests", async () => {
    const after = await footprintOf(refused.customerId);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const section of Object.keys(before)) expect({ section, items: after[section] }).toEqual({ section, items: before[section] });
  });
});
