/**
 * The shared HTTP layer, through a route of its own: every refusal is a problem document that
 * names what was wrong, and a failure inside never leaks its internals.
 */
import type { APIGatewayProxyResult } from 'aws-lambda';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import type { HttpResult } from '../../lambdas/commons/http/response';
import { route } from '../../system/routes/route';
import { lambdaContext, restEvent } from '../support/events';

const allowedOrigin = 'https://shop.example.com';

// The session record is DynamoDB's; here every session is live except the one named 'ended'.
vi.mock('../../lambdas/adapters/session-store', () => ({
  sessionStore: {
    get: async () => ({ sessions: { ended: { authTime: 1, revokedAt: 2 } } }),
    update: async () => undefined,
  },
}));

const echo = route({
  handler: 'unit-echo',
  method: 'POST',
  path: '/v1/echo/{id}',
  access: 'customer',
  summary: 'echo',
  tags: [],
  request: {
    params: z.object({ id: z.string().regex(/^[a-z]+$/) }),
    query: z.object({ n: z.coerce.number().int().max(5).optional() }),
    body: z.strictObject({ name: z.string().min(1), count: z.int().min(1).max(99) }),
  },
  responses: { 200: { description: 'echo' } },
});

const adminOnly = route({
  handler: 'unit-admin',
  method: 'GET',
  path: '/v1/admin/x',
  access: 'operator',
  summary: 'admin',
  tags: [],
  responses: { 200: { description: 'ok' } },
});

type Invoke = (event: ReturnType<typeof restEvent>) => Promise<APIGatewayProxyResult>;
let echoHandler: Invoke;
let adminHandler: Invoke;
let failing: (error: unknown) => Invoke;
let refuseWithoutCheck: () => unknown;

const claims = { sub: 'c-1', 'cognito:groups': 'customers', jti: 'j', iat: '1700000000' };
const goodEvent = (over: Partial<Parameters<typeof restEvent>[0]> = {}) =>
  restEvent({
    method: 'POST',
    path: '/v1/echo/abc',
    params: { id: 'abc' },
    headers: { 'Content-Type': 'application/json', Origin: allowedOrigin },
    body: JSON.stringify({ name: 'x', count: 2 }),
    claims,
    ...over,
  });

const problem = (result: APIGatewayProxyResult) => {
  expect(result.headers?.['Content-Type']).toBe('application/problem+json');
  return JSON.parse(result.body) as { type: string; title: string; status: number; detail?: string; errors?: { path: string; message: string }[] };
};

beforeAll(async () => {
  process.env['CORS_ORIGINS'] = allowedOrigin;
  const { httpHandler } = await import('../../lambdas/commons/http/handler');
  const { authenticatedHandler } = await import('../../lambdas/commons/http/authenticated');
  refuseWithoutCheck = () => httpHandler(echo, async () => ({ statusCode: 200 }));
  const { ok } = await import('../../lambdas/commons/http/response');
  const wrap = (h: ReturnType<typeof httpHandler>): Invoke => (event) => h(event, lambdaContext()) as Promise<APIGatewayProxyResult>;
  echoHandler = wrap(authenticatedHandler(echo, async ({ params, body, query, principal }) => ok({ params, body, query, who: principal.customerId })));
  adminHandler = wrap(authenticatedHandler(adminOnly, async () => ok({ fine: true })));
  failing = (error) => wrap(authenticatedHandler(echo, async (): Promise<HttpResult> => { throw error; }));
});

describe('the shared HTTP layer', () => {
  it('passes a valid request through, typed, with security and CORS headers', async () => {
    const result = await echoHandler(goodEvent({ query: { n: '3' } }));
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ params: { id: 'abc' }, body: { name: 'x', count: 2 }, query: { n: 3 }, who: 'c-1' });
    expect(result.headers?.['Strict-Transport-Security']).toMatch(/max-age=/);
    expect(result.headers?.['X-Content-Type-Options']).toBe('nosniff');
    expect(result.headers?.['Content-Security-Policy']).toMatch(/default-src 'none'/);
    expect(result.headers?.['Cache-Control']).toBe('no-store');
    expect(result.headers?.['Access-Control-Allow-Origin']).toBe(allowedOrigin);
  });

  it('gives no CORS grant to an origin that is not configured', async () => {
    const result = await echoHandler(goodEvent({ headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' } }));
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['Access-Control-Allow-Origin']).toBeUndefined();
  });

  it('answers 413 for a body over 64 KiB, before parsing it', async () => {
    const result = await echoHandler(goodEvent({ body: `{"name":"${'x'.repeat(70_000)}","count":1}` }));
    expect(result.statusCode).toBe(413);
    expect(problem(result).status).toBe(413);
  });

  it('answers 415 for a body that is not JSON by its media type', async () => {
    const result = await echoHandler(goodEvent({ headers: { 'Content-Type': 'text/plain' } }));
    expect(result.statusCode).toBe(415);
    expect(problem(result).title).toBe('Unsupported Media Type');
  });

  it('answers 400 for malformed JSON', async () => {
    const result = await echoHandler(goodEvent({ body: '{"name": "x",' }));
    expect(result.statusCode).toBe(400);
    expect(problem(result).type).toBe('urn:problem:folio:malformed-json');
  });

  it('answers 422 naming every bad field: path, query, wrong types, missing and unknown fields', async () => {
    const result = await echoHandler(
      goodEvent({
        params: { id: 'ABC' },
        query: { n: '9' },
        body: JSON.stringify({ name: 42, extra: true }),
      }),
    );
    expect(result.statusCode).toBe(422);
    const paths = (problem(result).errors ?? []).map((e) => e.path).sort();
    expect(paths).toEqual(['body.count', 'body.extra', 'body.name', 'path.id', 'query.n']);
  });

  it('answers 422 for a JSON body that is not an object', async () => {
    const result = await echoHandler(goodEvent({ body: '[1,2,3]' }));
    expect(result.statusCode).toBe(422);
    expect(problem(result).errors?.[0]?.path).toBe('body');
  });

  it('refuses to build a signed-in route without the session check', () => {
    expect(refuseWithoutCheck).toThrow(/use authenticatedHandler/);
  });

  it('answers 401 for a token whose session has ended', async () => {
    const result = await echoHandler(goodEvent({ claims: { ...claims, origin_jti: 'ended' } }));
    expect(result.statusCode).toBe(401);
    expect(problem(result).detail).toMatch(/session has ended/);
  });

  it('answers 401 when no principal reached a customer route', async () => {
    const event = goodEvent();
    event.requestContext.authorizer = null;
    expect((await echoHandler(event)).statusCode).toBe(401);
  });

  it('keeps operator routes for the operators group', async () => {
    const customer = await adminHandler(restEvent({ path: '/v1/admin/x', claims }));
    expect(customer.statusCode).toBe(403);
    expect(problem(customer).detail).toMatch(/operators/);
    const operator = await adminHandler(restEvent({ path: '/v1/admin/x', claims: { ...claims, 'cognito:groups': 'operators' } }));
    expect(operator.statusCode).toBe(200);
    const listForm = await adminHandler(restEvent({ path: '/v1/admin/x', claims: { ...claims, 'cognito:groups': '[customers operators]' } }));
    expect(listForm.statusCode).toBe(200);
  });

  it('answers a generic 500 with no stack, exception name or AWS text', async () => {
    const error = Object.assign(new Error('ValidationException: One or more parameter values were invalid: secret@example.com'), {
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 },
    });
    const result = await failing(error)(goodEvent());
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toMatch(/ValidationException|secret@example\.com|at .*\.ts/);
    expect(problem(result)).toEqual({
      type: 'urn:problem:folio:internal',
      title: 'Internal Server Error',
      status: 500,
      detail: 'Something went wrong on our side.',
    });
  });

  it('answers a retryable 503 with Retry-After when the database is throttled or unreachable', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $retryable: { throttling: true } });
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });
    for (const error of [throttled, refused]) {
      const result = await failing(error)(goodEvent());
      expect(result.statusCode).toBe(503);
      expect(result.headers?.['Retry-After']).toBe('1');
      expect(result.body).not.toMatch(/ECONNREFUSED|Rate exceeded/);
    }
  });

  it('maps domain errors by category', async () => {
    const { ConflictError, NotFoundError, RateLimitedError, RuleViolationError } = await import('../../lambdas/domain/errors');
    const cases: [Error, number][] = [
      [new NotFoundError('x', 'There is no such thing.'), 404],
      [new ConflictError('x', 'Stale.'), 409],
      [new RuleViolationError('x', [{ path: 'body.password', message: 'must contain a digit' }]), 422],
      [new RateLimitedError('x', 30), 429],
    ];
    for (const [error, status] of cases) {
      const result = await failing(error)(goodEvent());
      expect(result.statusCode).toBe(status);
      expect(problem(result).status).toBe(status);
    }
    const limited = await failing(new RateLimitedError('x', 30))(goodEvent());
    expect(limited.headers?.['Retry-After']).toBe('30');
  });
});
