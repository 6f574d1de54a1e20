/**
 * folio's API sets no cookie but those of the registry (system/cookies.ts; today none), and never
 * sends back a cookie a client sent: every route is called without a token, with a customer's and
 * with an operator's, each time with a cookie of the test's own.
 */
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isRegisteredCookie } from '../../system/cookies';
import { routes } from '../../system/routes/index';
import type { RouteDefinition } from '../../system/routes/route';
import { baseUrl } from '../support/api';
import { operatorTokens, registerCustomer, type TestCustomer } from '../support/customers';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

const send = (method: string, path: string, headers: Record<string, string>, body?: { type: string; text: string }) =>
  new Promise<Answer>((resolve, reject) => {
    const request = httpRequest(
      `${baseUrl()}${path}`,
      { method, headers: { ...headers, ...(body && { 'Content-Type': body.type, 'Content-Length': String(Buffer.byteLength(body.text)) }) } },
      (response) => {
        let data = '';
        response.on('data', (chunk: Buffer) => (data += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: data }));
      },
    );
    request.on('error', reject);
    request.end(body?.text);
  });

const dummyPath = (route: RouteDefinition) => route.path.replace(/\{(\w+)\}/g, (_, name: string) => `dummy-${name}-0000`);

/** A minimal valid body where one exercises the route's happy path without harm; otherwise none. */
const bodyFor = (route: RouteDefinition, customer: TestCustomer): { type: string; text: string } | undefined => {
  const json = (value: unknown) => ({ type: 'application/json', text: JSON.stringify(value) });
  switch (`${route.method} ${route.path}`) {
    case 'POST /v1/events':
      return json({ type: 'page_view', path: '/cookies-test' });
    case 'POST /v1/auth/login':
      return json({ email: customer.email, password: customer.password });
    case 'POST /v1/auth/refresh':
      return json({ refreshToken: customer.tokens.refreshToken });
    default:
      return undefined;
  }
};

describe('cookies', () => {
  it('no route sets a cookie outside the registry or echoes a cookie it was sent', async () => {
    const customer = await registerCustomer();
    const operator = await operatorTokens();
    const cookieValue = `probe-${randomUUID()}`;
    const cookieHeader = `folio_probe=${cookieValue}; other_probe=${cookieValue}-2`;

    // The customer closes their account with DELETE /v1/me: that call comes last. The operator's
    // own account is shared with other tests, so the operator does not close it.
    const ordered = [...routes].sort((a, b) => Number(a.method === 'DELETE' && a.path === '/v1/me') - Number(b.method === 'DELETE' && b.path === '/v1/me'));
    const callers: { name: string; token?: string; skip?: (route: RouteDefinition) => boolean }[] = [
      { name: 'anonymous' },
      { name: 'operator', token: operator.accessToken, skip: (route) => route.method === 'DELETE' && route.path === '/v1/me' },
      { name: 'customer', token: customer.tokens.accessToken },
    ];
    let calls = 0;
    const statuses = new Set<number>();
    for (const caller of callers) {
      for (const route of ordered) {
        if (caller.skip?.(route)) continue;
        const headers: Record<string, string> = { Cookie: cookieHeader, ...(caller.token && { Authorization: `Bearer ${caller.token}` }) };
        const answer = await send(route.method, dummyPath(route), headers, bodyFor(route, customer));
        calls += 1;
        statuses.add(answer.status);
        const where = `${caller.name} ${route.method} ${route.path} (${answer.status})`;
        const setCookies = [answer.headers['set-cookie'] ?? []].flat();
        expect(setCookies.filter((value) => !isRegisteredCookie(value)), where).toEqual([]);
        // Today's registry is empty: no Set-Cookie at all.
        expect(setCookies, where).toEqual([]);
        expect(answer.text.includes(cookieValue), where).toBe(false);
        expect(JSON.stringify(answer.headers).includes(cookieValue), where).toBe(false);
      }
    }
    expect(calls).toBe(routes.length * 3 - 1);
    // The happy paths were taken too, not only refusals.
    expect(statuses).toContain(200);
    expect(statuses).toContain(202);
  });
});
