/**
 * The authorization matrix (issue 10): every route of system/routes × every kind of caller, each
 * answered with the status of its row in test/support/authorization.ts. A route added without a
 * row, or a row left for a route that is gone, fails the first test.
 */
import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { routes } from '../../system/routes/index';
import type { RouteDefinition } from '../../system/routes/route';
import { baseUrl, call } from '../support/api';
import {
  type Caller,
  type CallerKind,
  callerKinds,
  expectedStatuses,
  type MatrixFixtures,
  ownCallerRoutes,
  routeKey,
  samples,
} from '../support/authorization';
import { consentVersion, login, operatorTokens, registerCustomer, type TestCustomer, type Tokens } from '../support/customers';
import { orderBody, ownProduct, placeOrder } from '../support/orders';
import { createRequest } from '../support/privacy';

const inFlight = 8;

const grant = async (token: string, purpose: string) => {
  const answer = await call('PUT', `/v1/me/consents/${purpose}`, { token, body: { granted: true, documentVersion: consentVersion } });
  expect(answer.status, `grant ${purpose}`).toBe(200);
};

const logout = async (tokens: Tokens) => {
  const answer = await call('POST', '/v1/auth/logout', { token: tokens.accessToken, body: { refreshToken: tokens.refreshToken } });
  expect(answer.status, 'logout').toBe(204);
};

const newDevice = async (token: string): Promise<string> => {
  const answer = await call<{ deviceId: string }>('POST', '/v1/me/devices', { token, body: { platform: 'fcm', token: `fcm-${crypto.randomUUID()}` } });
  expect(answer.status, 'register device').toBe(201);
  return answer.body.deviceId;
};

/** The owner's access token with a signature that is not the pool's. */
const forge = (accessToken: string): string => {
  const [header, payload, signature] = accessToken.split('.');
  return `${header}.${payload}.${'A'.repeat(signature?.length ?? 342)}`;
};

/** A request from another loopback address (another network, as far as the API can tell). */
const callFromAddress = (localAddress: string, method: string, path: string, headers: Record<string, string>, body: string | undefined) =>
  new Promise<{ status: number; text: string }>((resolve, reject) => {
    const sent = httpRequest(
      `${baseUrl()}${path}`,
      { method, localAddress, headers: { ...headers, ...(body !== undefined && { 'Content-Length': String(Buffer.byteLength(body)) }) } },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });

/** Runs the tasks with at most `limit` in flight. */
const pool = async <T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> => {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await (tasks[index] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
};

const setUp = async () => {
  const operator = await operatorTokens();
  const [owner, other, subject, signInUser, closed, revoked, forced, product, priceProduct, secondOperator] = await Promise.all([
    registerCustomer(),
    registerCustomer(),
    registerCustomer(),
    registerCustomer(),
    registerCustomer(),
    registerCustomer(),
    registerCustomer(),
    ownProduct(30_000),
    ownProduct(50_000),
    operatorTokens(),
  ]);
  // Loyalty and recommendations answer 403 without their consents: granted, a 2xx proves access.
  for (const customer of [owner, other]) {
    await grant(customer.tokens.accessToken, 'loyalty_program');
    await grant(customer.tokens.accessToken, 'personalization');
  }
  const order = await placeOrder(owner.tokens.accessToken, orderBody([{ productId: product.productId, quantity: 1 }]));
  expect(order.status, 'owner order').toBe(201);
  const request = await createRequest(owner.tokens.accessToken, { type: 'access' });
  expect(request.status, 'owner privacy request').toBe(201);
  const deviceId = await newDevice(owner.tokens.accessToken);

  expect((await call('DELETE', '/v1/me', { token: closed.tokens.accessToken, body: {} })).status, 'close').toBe(202);
  await logout(revoked.tokens);
  const reset = await call('POST', `/v1/admin/customers/${forced.customerId}/force-password-reset`, { token: operator.accessToken, body: { reason: 'authorization matrix' } });
  expect(reset.status, 'force reset').toBe(202);
  // A second session of the operator, ended; the operator's other sessions stand.
  await logout(secondOperator);

  const fixtures: MatrixFixtures = {
    owner: { ...owner, orderId: order.body.orderId, requestId: request.body.requestId, deviceId },
    subject,
    signInUser,
    productId: product.productId,
    priceProductId: priceProduct.productId,
    freshCustomer: () => registerCustomer(),
    freshRequest: async () => {
      const fresh = await createRequest(subject.tokens.accessToken, { type: 'access' });
      expect(fresh.status, 'subject privacy request').toBe(201);
      return fresh.body.requestId;
    },
    freshDevice: newDevice,
  };
  const forgedTokens: Tokens = { ...owner.tokens, accessToken: forge(owner.tokens.accessToken) };
  const callers: Record<CallerKind, Caller> = {
    anonymous: { kind: 'anonymous' },
    forged: { kind: 'forged', tokens: forgedTokens },
    owner: { kind: 'owner', tokens: owner.tokens, customer: owner },
    other: { kind: 'other', tokens: other.tokens, customer: other },
    operator: { kind: 'operator', tokens: operator },
    closed: { kind: 'closed', tokens: closed.tokens, customer: closed },
    revoked: { kind: 'revoked', tokens: revoked.tokens, customer: revoked },
    forced: { kind: 'forced', tokens: forced.tokens, customer: forced },
    revokedOperator: { kind: 'revokedOperator', tokens: secondOperator },
  };
  return { fixtures, callers, operator };
};

/** For rows in ownCallerRoutes, a live caller of the call's own. */
const callerFor = async (key: string, caller: Caller): Promise<Caller> => {
  if (!ownCallerRoutes.has(key)) return caller;
  if (caller.kind === 'owner' || caller.kind === 'other') {
    const fresh: TestCustomer = await registerCustomer();
    return { kind: caller.kind, tokens: fresh.tokens, customer: fresh };
  }
  if (caller.kind === 'operator') return { kind: 'operator', tokens: await operatorTokens() };
  return caller;
};

const send = async (route: RouteDefinition, fixtures: MatrixFixtures, given: Caller) => {
  const key = routeKey(route);
  const caller = await callerFor(key, given);
  const sample = (await samples[key]?.(fixtures, caller)) ?? {};
  const path = route.path.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    const value = sample.params?.[name];
    if (value === undefined) throw new Error(`${key}: the sample gives no ${name}`);
    return encodeURIComponent(value);
  });
  const query = sample.query === undefined ? '' : `?${new URLSearchParams(sample.query).toString()}`;
  const token = caller.tokens?.accessToken;
  const headers: Record<string, string> = { ...sample.headers };
  if (sample.from !== undefined) {
    if (token) headers['Authorization'] = `Bearer ${token}`;
    if (sample.body !== undefined) headers['Content-Type'] = 'application/json';
    return callFromAddress(sample.from, route.method, `${path}${query}`, headers, sample.body === undefined ? undefined : JSON.stringify(sample.body));
  }
  if (sample.form !== undefined) {
    return call(route.method, `${path}${query}`, { rawBody: sample.form, headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' }, ...(token && { token }) });
  }
  return call(route.method, `${path}${query}`, { headers, ...(sample.body !== undefined && { body: sample.body }), ...(token && { token }) });
};

describe('authorization matrix', () => {
  it('has exactly one row per route: a route added without a row fails here', () => {
    const routeKeys = routes.map(routeKey);
    expect(new Set(routeKeys).size).toBe(routeKeys.length);
    expect(routeKeys.filter((key) => expectedStatuses[key] === undefined), 'routes without a row').toEqual([]);
    expect(Object.keys(expectedStatuses).filter((key) => !routeKeys.includes(key)), 'rows naming no route').toEqual([]);
    expect(Object.keys(samples).filter((key) => !routeKeys.includes(key)), 'samples naming no route').toEqual([]);
    expect([...ownCallerRoutes].filter((key) => !routeKeys.includes(key)), 'own-caller rows naming no route').toEqual([]);
  });

  it('answers every route for every kind of caller as the table says', async () => {
    const started = Date.now();
    const { fixtures, callers } = await setUp();
    const cells = routes.flatMap((route) => callerKinds.map((kind) => ({ route, kind })));
    const answers = await pool(
      cells.map(({ route, kind }) => async () => {
        const answer = await send(route, fixtures, callers[kind]);
        return { key: routeKey(route), kind, status: answer.status, text: answer.text };
      }),
      inFlight,
    );
    const wrong = answers
      .filter((a) => a.status !== expectedStatuses[a.key]?.[a.kind])
      .map((a) => `${a.key} as ${a.kind}: expected ${expectedStatuses[a.key]?.[a.kind]}, got ${a.status} ${a.text.slice(0, 160)}`);
    expect(wrong).toEqual([]);
    expect(answers).toHaveLength(routes.length * callerKinds.length);

    // The refused calls on the owner's ids changed nothing: the device, order and request are there.
    const devices = await call<{ items: { deviceId: string }[] }>('GET', '/v1/me/devices', { token: fixtures.owner.tokens.accessToken });
    expect(devices.body.items.map((d) => d.deviceId)).toContain(fixtures.owner.deviceId);
    expect((await call('GET', `/v1/orders/${fixtures.owner.orderId}`, { token: fixtures.owner.tokens.accessToken })).status).toBe(200);
    expect((await call('GET', `/v1/me/privacy-requests/${fixtures.owner.requestId}`, { token: fixtures.owner.tokens.accessToken })).status).toBe(200);
    console.info(`authorization matrix: ${routes.length} routes × ${callerKinds.length} callers = ${answers.length} calls in ${Date.now() - started} ms`);
  }, 120_000);

  // Found by the matrix: nine callers signing in to one account at once got a 409 "Please retry"
  // when the session record's read-modify-write ran out of its five immediate retries.
  it('signs in one account from a dozen clients at once: every sign-in succeeds', async () => {
    const customer = await registerCustomer();
    const answers = await Promise.all(Array.from({ length: 12 }, () => login(customer.email, customer.password)));
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 12 }, () => 200));
    // Every one of those sessions is live.
    const me = await Promise.all(answers.map((a) => call('GET', '/v1/me', { token: a.body.accessToken })));
    expect(me.map((a) => a.status)).toEqual(Array.from({ length: 12 }, () => 200));
  });
});
