/**
 * Error answers never quote personal data (issue 10, point 6): every route is sent a body, query
 * and path parameters full of personal-looking values that break its rules (a name with angle
 * brackets, a malformed email, a phone with letters, unknown fields), and no 4xx or 5xx answer may
 * carry any of them back. The stack log of the same run is scanned at teardown
 * (test/support/global-setup.ts), metrics included (the local stack prints them as Lambda does).
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { routes } from '../../system/routes/index';
import type { RouteDefinition } from '../../system/routes/route';
import { call } from '../support/api';
import { operatorTokens, registerCustomer } from '../support/customers';

/** Personal-looking values, each invalid for any field of the API. */
const secrets = {
  name: 'Anna <Karenina-Secretova>',
  email: 'anna.secretova@@example..com',
  phone: '+7916SECRET12',
  street: 'Tverskaya\u0000Secret 7',
  token: 'eyJsecret.token.value',
};
const values = Object.values(secrets);

/** A body with every field of the route's schema (and one unknown field) set to a secret value. */
const hostileBody = (route: RouteDefinition): Record<string, unknown> => {
  const schema = route.request?.body;
  // Any object schema, classic zod or zod/mini (#system/zod): both are zod core's $ZodObject.
  const keys = schema instanceof z.core.$ZodObject ? Object.keys(schema._zod.def.shape) : ['data'];
  const body: Record<string, unknown> = { unknownFieldWithPersonalData: secrets.name };
  keys.forEach((key, i) => {
    body[key] = values[i % values.length];
  });
  return body;
};

const pathWith = (route: RouteDefinition): string => route.path.replace(/\{[^}]+\}/g, encodeURIComponent(secrets.email));

describe('error answers', () => {
  it('quote none of the personal data they were sent, on any route', async () => {
    const customer = await registerCustomer();
    const operator = (await operatorTokens()).accessToken;
    const checked: string[] = [];
    for (const route of routes) {
      // Destructive routes that would accept a body are still sent this one: it breaks their rules.
      const token = route.access === 'operator' ? operator : route.access === 'customer' ? customer.tokens.accessToken : undefined;
      const query = `?${new URLSearchParams({ token: secrets.token, day: secrets.name, cursor: secrets.email, limit: secrets.phone }).toString()}`;
      const answer = await call('method' in route ? route.method : 'GET', `${pathWith(route)}${query}`, {
        ...(token === undefined ? {} : { token }),
        ...(route.method === 'GET' ? {} : { body: hostileBody(route) }),
        headers: { 'Idempotency-Key': 'key-with-no-secret' },
      });
      if (answer.status < 400) continue;
      checked.push(`${route.method} ${route.path} ${answer.status}`);
      for (const value of values) expect(answer.text, `${route.method} ${route.path} answered ${answer.status} quoting a value it was sent`).not.toContain(value);
      expect(answer.status, `${route.method} ${route.path}`).toBeLessThan(500);
    }
    // Most routes refuse such input; the test must have looked at many answers.
    expect(checked.length).toBeGreaterThan(routes.length / 2);
  });
});
