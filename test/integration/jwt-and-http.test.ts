/**
 * Hardening of the HTTP edge (issue 10): the gateway refuses every token that is not an
 * unaltered, unexpired access token of this pool's API client, on customer and operator routes
 * alike; CORS answers the configured origins only; every answer carries the security headers,
 * whoever made it (a handler or the gateway itself); 429s are problem documents with
 * Retry-After. Forged tokens are re-signed with the local pool's own key (test/support/tokens.ts)
 * so that each case differs from a good token in one respect only.
 *
 * Rate limits covered elsewhere: sign-in per account (throttling.test.ts) and site events per
 * network (site-events.test.ts); here only the shape of a 429 is checked once more.
 */
import { createPublicKey, createHmac } from 'node:crypto';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  DeleteUserPoolClientCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, awsClientConfig, baseUrl, call, problemContentType, stackInfo, type StackInfo } from '../support/api';
import { login, operatorTokens, registerCustomer, type TestCustomer, type Tokens } from '../support/customers';
import {
  decodeJwt,
  foreignRsaKey,
  type Json,
  poolKeyId,
  poolSigningKey,
  resignedJwt,
  signJwt,
  tamperedJwt,
  unsignedJwt,
} from '../support/tokens';

const customerRoute = '/v1/me';
const operatorRoute = '/v1/admin/watch-list';
const apiOrigin = () => new URL(baseUrl()).origin;

const get = (path: string, authorization?: string, headers: Record<string, string> = {}) =>
  call('GET', path, { headers: { ...headers, ...(authorization !== undefined && { Authorization: authorization }) } });

const expectSecurityHeaders = (response: ApiResponse, what: string) => {
  const h = response.headers;
  expect.soft(h.get('strict-transport-security') ?? '', `${what}: HSTS`).toMatch(/max-age=\d{7,}/);
  expect.soft(h.get('x-content-type-options'), `${what}: nosniff`).toBe('nosniff');
  const csp = h.get('content-security-policy') ?? '';
  expect.soft(csp, `${what}: CSP default-src`).toMatch(/(^|;\s*)default-src 'none'(;|$)/);
  expect.soft(csp, `${what}: CSP frame-ancestors`).toMatch(/(^|;\s*)frame-ancestors 'none'(;|$)/);
  expect.soft(h.get('x-frame-options'), `${what}: X-Frame-Options`).toBe('DENY');
  expect.soft(h.get('referrer-policy'), `${what}: Referrer-Policy`).toBe('no-referrer');
  expect.soft(h.get('x-powered-by'), `${what}: X-Powered-By`).toBeNull();
};

const expectProblem = (response: ApiResponse, status: number, what: string) => {
  expect(response.status, what).toBe(status);
  expect(response.headers.get('content-type'), what).toMatch(problemContentType);
  expect(response.body, what).toMatchObject({ type: expect.stringMatching(/^urn:problem:folio:[a-z-]+$/), status, title: expect.any(String) });
  expect(response.headers.get('cache-control'), what).toBe('no-store');
};

const expectUnauthorized = (response: ApiResponse, what: string) => {
  expectProblem(response, 401, what);
  expect(response.body, what).toMatchObject({ type: 'urn:problem:folio:unauthorized' });
  expectSecurityHeaders(response, what);
};

let info: StackInfo;
let issuer: string;
let customer: TestCustomer;
let neighbour: TestCustomer;
let operator: Tokens;

beforeAll(async () => {
  info = await stackInfo();
  [customer, neighbour, operator] = await Promise.all([registerCustomer(), registerCustomer(), operatorTokens()]);
  issuer = String(decodeJwt(customer.tokens.accessToken).payload['iss']);
});

describe('bearer tokens', () => {
  it('come from this pool, signed with the key its JWKS publishes (the premise of the forgeries)', async () => {
    expect(issuer).toBe(`${info.endpoints.cognito}/${info.userPoolId}`);
    const { header, payload } = decodeJwt(customer.tokens.accessToken);
    expect(header).toMatchObject({ alg: 'RS256', kid: poolKeyId });
    expect(payload).toMatchObject({ token_use: 'access', client_id: info.clientId, sub: customer.customerId });
    const jwks = (await (await fetch(`${issuer}/.well-known/jwks.json`)).json()) as { keys: (Json & { kid: string })[] };
    const published = jwks.keys.find((k) => k.kid === poolKeyId);
    expect(published).toBeDefined();
    expect(createPublicKey(poolSigningKey).export({ format: 'jwk' })).toMatchObject({ n: published?.['n'], e: published?.['e'] });
  });

  it('are accepted as issued and when re-signed unchanged with the pool key (the control)', async () => {
    for (const token of [customer.tokens.accessToken, resignedJwt(customer.tokens.accessToken)]) {
      const me = await get(customerRoute, `Bearer ${token}`);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ customerId: customer.customerId });
    }
    for (const token of [operator.accessToken, resignedJwt(operator.accessToken)]) expect((await get(operatorRoute, `Bearer ${token}`)).status).toBe(200);
    // A customer's good token on an operator route is understood and forbidden, not unauthenticated.
    expectProblem(await get(operatorRoute, `Bearer ${customer.tokens.accessToken}`), 403, 'customer on operator route');
  });

  const now = () => Math.floor(Date.now() / 1000);
  /** Ways to spoil a good access token; each gives the Authorization header to send. */
  const spoiled: [string, (token: string) => string | Promise<string>][] = [
    ['issuer of another pool', (t) => `Bearer ${resignedJwt(t, (p) => ({ ...p, iss: `${info.endpoints.cognito}/eu-central-1_Another1` }))}`],
    ['issuer of another host', (t) => `Bearer ${resignedJwt(t, (p) => ({ ...p, iss: `https://cognito-idp.eu-central-1.amazonaws.com/${info.userPoolId}` }))}`],
    ['client_id of another client', (t) => `Bearer ${resignedJwt(t, (p) => ({ ...p, client_id: 'anotherclient0000000000000' }))}`],
    ['no client_id', (t) => `Bearer ${resignedJwt(t, ({ client_id: _, ...p }) => p)}`],
    ['token_use id', (t) => `Bearer ${resignedJwt(t, (p) => ({ ...p, token_use: 'id' }))}`],
    ['another scope than the API scope', (t) => `Bearer ${resignedJwt(t, (p) => ({ ...p, scope: 'openid email' }))}`],
    ['no scope', (t) => `Bearer ${resignedJwt(t, ({ scope: _, ...p }) => p)}`],
    ['expired a minute ago', (t) => `Bearer ${resignedJwt(t, (p) => ({ ...p, iat: now() - 3660, auth_time: now() - 3660, exp: now() - 60 }))}`],
    ['issued in the future', (t) => `Bearer ${resignedJwt(t, (p) => ({ ...p, iat: now() + 3600, nbf: now() + 3600, exp: now() + 7200 }))}`],
    ['no signature (alg RS256)', (t) => `Bearer ${unsignedJwt(decodeJwt(t).header, decodeJwt(t).payload)}`],
    ['alg none', (t) => `Bearer ${unsignedJwt({ alg: 'none', typ: 'JWT' }, decodeJwt(t).payload)}`],
    ['alg none with the pool kid', (t) => `Bearer ${unsignedJwt({ alg: 'none', kid: poolKeyId }, decodeJwt(t).payload)}`],
    [
      'HS256 keyed with the public key (algorithm confusion)',
      (t) => {
        const { payload } = decodeJwt(t);
        const secret = createPublicKey(poolSigningKey).export({ format: 'pem', type: 'spki' });
        const input = `${Buffer.from(JSON.stringify({ alg: 'HS256', kid: poolKeyId })).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
        return `Bearer ${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
      },
    ],
    ['another RSA key with the pool kid', (t) => `Bearer ${resignedJwt(t, (p) => p, foreignRsaKey())}`],
    ['another RSA key with its own kid', (t) => `Bearer ${resignedJwt(t, (p) => p, foreignRsaKey(), 'attacker-key-1')}`],
    ['another RSA key and no kid', (t) => `Bearer ${signJwt({ alg: 'RS256' }, decodeJwt(t).payload, foreignRsaKey())}`],
    ['payload changed under the signature (sub of another customer)', (t) => `Bearer ${tamperedJwt(t, (p) => ({ ...p, sub: neighbour.customerId, username: neighbour.customerId }))}`],
    ['payload changed under the signature (later exp)', (t) => `Bearer ${tamperedJwt(t, (p) => ({ ...p, exp: Number(p['exp']) + 86_400 }))}`],
    ['signature of another token', (t) => `Bearer ${t.split('.').slice(0, 2).join('.')}.${neighbour.tokens.accessToken.split('.')[2]}`],
    ['truncated signature', (t) => `Bearer ${t.slice(0, -8)}`],
    ['Basic scheme', (t) => `Basic ${t}`],
    ['Bearer and nothing', () => 'Bearer '],
    ['Bearer garbage', () => 'Bearer garbage'],
    ['three dots of garbage', () => 'Bearer a.b.c'],
    ['random bytes', () => `Bearer ${Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 37) % 256)).toString('base64')}`],
  ];

  it.each(spoiled)('%s: 401 problem on a customer route and an operator route', async (_, spoil) => {
    for (const [path, token] of [
      [customerRoute, customer.tokens.accessToken],
      [operatorRoute, operator.accessToken],
    ] as const) {
      expectUnauthorized(await get(path, await spoil(token)), `${path}`);
    }
  });

  it('refuses no Authorization header and an empty one', async () => {
    for (const path of [customerRoute, operatorRoute]) {
      expectUnauthorized(await get(path), `${path} without Authorization`);
      expectUnauthorized(await get(path, ''), `${path} with empty Authorization`);
    }
  });

  it('refuses a real ID token used as bearer', async () => {
    expect(decodeJwt(customer.tokens.idToken).payload).toMatchObject({ token_use: 'id', sub: customer.customerId });
    expectUnauthorized(await get(customerRoute, `Bearer ${customer.tokens.idToken}`), 'customer ID token');
    expectUnauthorized(await get(operatorRoute, `Bearer ${operator.idToken}`), 'operator ID token');
  });

  it('refuses a refresh token used as bearer', async () => {
    expectUnauthorized(await get(customerRoute, `Bearer ${customer.tokens.refreshToken}`), 'refresh token');
  });

  it('refuses a real access token of another app client of the same pool', async () => {
    const cognito = new CognitoIdentityProviderClient(awsClientConfig(info.endpoints.cognito));
    const created = await cognito.send(
      new CreateUserPoolClientCommand({ UserPoolId: info.userPoolId, ClientName: `jwt-test-${Date.now()}`, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
    );
    const otherClientId = created.UserPoolClient?.ClientId ?? '';
    try {
      const signedIn = await cognito.send(
        new InitiateAuthCommand({ ClientId: otherClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: customer.email, PASSWORD: customer.password } }),
      );
      const token = signedIn.AuthenticationResult?.AccessToken ?? '';
      expect(decodeJwt(token).payload).toMatchObject({ iss: issuer, token_use: 'access', client_id: otherClientId });
      expectUnauthorized(await get(customerRoute, `Bearer ${token}`), 'token of another client');
    } finally {
      await cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: info.userPoolId, ClientId: otherClientId }));
    }
  });

  it('does not let an operators group forged into a customer token reach an operator route', async () => {
    const withGroup = (p: Json): Json => ({ ...p, 'cognito:groups': ['operators'] });
    expect(decodeJwt(operator.accessToken).payload['cognito:groups']).toEqual(['operators']);
    // Kept signature, a foreign key, no signature: refused by the gateway.
    for (const [what, token] of [
      ['kept signature', tamperedJwt(customer.tokens.accessToken, withGroup)],
      ['foreign key, pool kid', resignedJwt(customer.tokens.accessToken, withGroup, foreignRsaKey())],
      ['alg none', unsignedJwt({ alg: 'none' }, withGroup(decodeJwt(customer.tokens.accessToken).payload))],
    ] as const) {
      expectUnauthorized(await get(operatorRoute, `Bearer ${token}`), what);
    }
    // The customer's own token still works where it belongs.
    expect((await get(customerRoute, `Bearer ${customer.tokens.accessToken}`)).status).toBe(200);
  });

  it('refuses a signed-out session token and a token whose claims point at a closed session', async () => {
    const signedIn = await login(customer.email, customer.password);
    expect(signedIn.status).toBe(200);
    const logout = await call('POST', '/v1/auth/logout', { token: signedIn.body.accessToken, body: { refreshToken: signedIn.body.refreshToken } });
    expect(logout.status).toBe(204);
    expectUnauthorized(await get(customerRoute, `Bearer ${signedIn.body.accessToken}`), 'signed out token');
    // Re-signing (as if the pool key leaked) does not revive a closed session: the session check is the handler's.
    expectUnauthorized(await get(customerRoute, `Bearer ${resignedJwt(signedIn.body.accessToken, (p) => ({ ...p, exp: Number(p['exp']) + 3600 }))}`), 'signed out, re-signed');
  });
});

describe('CORS', () => {
  const origins = () => [apiOrigin(), apiOrigin().replace('127.0.0.1', 'localhost')];

  it('answers a preflight from a configured origin with the allowed methods and headers, without credentials', async () => {
    for (const origin of origins()) {
      for (const path of [customerRoute, operatorRoute, '/v1/auth/login']) {
        const preflight = await call('OPTIONS', path, {
          headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type,idempotency-key' },
        });
        expect(preflight.status, `${origin} ${path}`).toBeLessThan(300);
        expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
        const methods = (preflight.headers.get('access-control-allow-methods') ?? '').split(',').map((m) => m.trim());
        expect(methods).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']));
        const headers = (preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(',').map((m) => m.trim());
        expect(headers).toEqual(expect.arrayContaining(['authorization', 'content-type', 'idempotency-key']));
        expect(preflight.headers.get('access-control-allow-credentials')).not.toBe('true');
        expect(preflight.headers.get('access-control-allow-origin')).not.toBe('*');
      }
    }
  });

  it('gives a configured origin Access-Control-Allow-Origin on actual answers, and exposes Retry-After', async () => {
    for (const origin of origins()) {
      for (const response of [await get('/v1/health', undefined, { Origin: origin }), await get(customerRoute, `Bearer ${customer.tokens.accessToken}`, { Origin: origin })]) {
        expect(response.status).toBe(200);
        expect(response.headers.get('access-control-allow-origin')).toBe(origin);
        expect(response.headers.get('vary') ?? '').toMatch(/origin/i);
        expect(response.headers.get('access-control-allow-credentials')).not.toBe('true');
        expect((response.headers.get('access-control-expose-headers') ?? '').toLowerCase()).toContain('retry-after');
      }
      // A handler's refusal can be read by the page too.
      const refused = await call('POST', '/v1/auth/login', { body: {}, headers: { Origin: origin } });
      expect(refused.status).toBe(422);
      expect(refused.headers.get('access-control-allow-origin')).toBe(origin);
    }
    // The gateway's own refusal carries the (first) configured origin, as the deployed gateway responses do.
    const gateway401 = await get(customerRoute, undefined, { Origin: apiOrigin() });
    expect(gateway401.status).toBe(401);
    expect(gateway401.headers.get('access-control-allow-origin')).toBe(apiOrigin());
  });

  it('gives an unknown origin no Access-Control-Allow-Origin anywhere', async () => {
    for (const origin of ['https://evil.example', 'null', `${apiOrigin()}.evil.example`, apiOrigin().replace('http://', 'https://')]) {
      const preflight = await call('OPTIONS', customerRoute, { headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' } });
      const answers = [
        preflight,
        await get('/v1/health', undefined, { Origin: origin }),
        await get(customerRoute, `Bearer ${customer.tokens.accessToken}`, { Origin: origin }),
        await get(customerRoute, undefined, { Origin: origin }),
        await get('/v1/no-such-route', undefined, { Origin: origin }),
        await call('POST', '/v1/auth/login', { body: {}, headers: { Origin: origin } }),
      ];
      for (const answer of answers) {
        expect(answer.headers.get('access-control-allow-origin'), `${origin} → ${answer.status}`).toBeNull();
        expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
      }
    }
  });
});

describe('security headers on every answer', () => {
  it('are on 2xx JSON, the OpenAPI document, health and personal answers', async () => {
    const health = await get('/v1/health');
    expect(health.status).toBe(200);
    expectSecurityHeaders(health, 'health');

    const openapi = await get('/v1/openapi.json');
    expect(openapi.status).toBe(200);
    expect(openapi.body).toMatchObject({ openapi: expect.stringMatching(/^3\./) });
    expectSecurityHeaders(openapi, 'openapi');

    // Answers with personal data: never kept by a shared cache.
    for (const [what, response] of [
      ['GET /v1/me', await get(customerRoute, `Bearer ${customer.tokens.accessToken}`)],
      ['GET /v1/me/consents', await get('/v1/me/consents', `Bearer ${customer.tokens.accessToken}`)],
      ['GET watch list', await get(operatorRoute, `Bearer ${operator.accessToken}`)],
      ['POST login', await login(customer.email, customer.password)],
    ] as const) {
      expect(response.status, what).toBe(200);
      expect(response.headers.get('content-type'), what).toMatch(/^application\/json/);
      expect(response.headers.get('cache-control'), what).toBe('no-store');
      expectSecurityHeaders(response, what);
    }
  });

  it('are on every problem document, whether a handler or the gateway made it', async () => {
    const token = `Bearer ${customer.tokens.accessToken}`;
    const cases: [string, number, () => Promise<ApiResponse>][] = [
      ['401 from the gateway (no token)', 401, () => get(customerRoute)],
      ['401 from the gateway (bad token)', 401, () => get(customerRoute, 'Bearer garbage')],
      ['401 from a handler (wrong password)', 401, () => login(customer.email, 'Not-The-Password-1!')],
      ['403 from a handler (customer on an operator route)', 403, () => get(operatorRoute, token)],
      ['404 from the gateway (unknown route)', 404, () => get('/v1/no-such-route')],
      ['404 from the gateway (unknown method on a known route)', 404, () => call('PUT', '/v1/health')],
      ['400 from a handler (malformed JSON)', 400, () => call('POST', '/v1/auth/login', { rawBody: '{"email":', headers: { 'Content-Type': 'application/json' } })],
      ['413 from a handler (over 64 KiB)', 413, () => call('POST', '/v1/auth/login', { body: { email: 'a@example.com', password: 'x'.repeat(70 * 1024) } })],
      ['413 from the gateway (over 10 MiB)', 413, () => call('POST', '/v1/auth/login', { rawBody: 'x'.repeat(10 * 1024 * 1024 + 1), headers: { 'Content-Type': 'application/json' } })],
      ['415 from a handler', 415, () => call('POST', '/v1/auth/login', { rawBody: 'email=a', headers: { 'Content-Type': 'text/plain' } })],
      ['422 from a handler', 422, () => call('POST', '/v1/auth/login', { body: {} })],
    ];
    for (const [what, status, send] of cases) {
      const response = await send();
      expectProblem(response, status, what);
      expectSecurityHeaders(response, what);
    }
  });

  it('are on the HTML unsubscribe page', async () => {
    const page = await call('GET', '/v1/unsubscribe?token=not-a-valid-token');
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toMatch(/<html/i);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expectSecurityHeaders(page, 'unsubscribe page');
  });
});

describe('429 answers', () => {
  it('are problem documents with Retry-After and the security headers (sign-in throttle; see throttling.test.ts)', async () => {
    const victim = await registerCustomer();
    for (let i = 0; i < 5; i += 1) expect((await login(victim.email, `Wrong-Pass-${i}-Aa!`)).status).toBe(401);
    const limited = await call('POST', '/v1/auth/login', { body: { email: victim.email, password: victim.password }, headers: { Origin: apiOrigin() } });
    expectProblem(limited, 429, 'sign-in throttle');
    expect(limited.body).toMatchObject({ type: 'urn:problem:folio:too-many-requests', status: 429 });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter > 0).toBe(true);
    expectSecurityHeaders(limited, 'sign-in 429');
    // A browser page may read it: the origin is allowed and Retry-After exposed.
    expect(limited.headers.get('access-control-allow-origin')).toBe(apiOrigin());
    expect((limited.headers.get('access-control-expose-headers') ?? '').toLowerCase()).toContain('retry-after');
  });
});

