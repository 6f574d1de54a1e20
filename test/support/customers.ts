/**
 * Customers for integration tests, made the way a storefront makes them: register through the
 * API, read the code from the local outbox, confirm, sign in.
 */
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { expect, inject } from 'vitest';
import { baseUrl, call, eventually } from './api';

export const strongPassword = () => `Pw-${randomUUID().slice(0, 8)}-Aa1!`;
export const uniqueEmail = (label = 'reader') => `${label}-${randomUUID()}@example.com`;
export const consentVersion = '2025-09-01';

export interface Tokens {
  accessToken: string;
  idToken: string;
  refreshToken: string;
  expiresIn: number;
}

export interface TestCustomer {
  email: string;
  password: string;
  customerId: string;
  tokens: Tokens;
}

interface OutboxItem {
  channel: string;
  to: string;
  subject?: string;
  body: string;
  category: string;
  sentAt: string;
}

export const outbox = async (to: string, channel?: string): Promise<OutboxItem[]> =>
  (await call<{ items: OutboxItem[] }>('GET', `/_local/outbox?to=${encodeURIComponent(to)}${channel ? `&channel=${channel}` : ''}`)).body.items;

/** The newest 6-digit code emailed to the address after `since` items. */
export const latestCode = async (email: string, since = 0): Promise<string> =>
  eventually(async () => {
    const codes = (await outbox(email, 'email'))
      .filter((m) => m.category === 'auth')
      .slice(since)
      .map((m) => /\b(\d{6})\b/.exec(m.body)?.[1])
      .filter((c): c is string => c !== undefined);
    return codes.at(-1);
  });

export const registrationBody = (email: string, password: string, extra: Record<string, unknown> = {}) => ({
  email,
  password,
  firstName: 'Anna',
  lastName: 'Karenina',
  consents: [
    { purpose: 'personal_data_processing', documentVersion: consentVersion, granted: true },
    { purpose: 'advertising', documentVersion: consentVersion, granted: false },
  ],
  ...extra,
});

export const login = async (email: string, password: string) => call<Tokens>('POST', '/v1/auth/login', { body: { email, password } });

export const claimsOf = (jwt: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

/**
 * A confirmed, signed-in customer. The registration says `Accept-Language: en` unless told
 * otherwise, so the customer's service messages are in English (the tests read their wording);
 * `acceptLanguage: null` sends no header (the account is then Russian).
 */
export const registerCustomer = async (options: { email?: string; password?: string; acceptLanguage?: string | null } = {}): Promise<TestCustomer> => {
  const email = options.email ?? uniqueEmail();
  const password = options.password ?? strongPassword();
  const acceptLanguage = options.acceptLanguage === undefined ? 'en' : options.acceptLanguage;
  const registered = await call('POST', '/v1/auth/register', {
    body: registrationBody(email, password),
    ...(acceptLanguage === null ? {} : { headers: { 'Accept-Language': acceptLanguage } }),
  });
  expect(registered.status).toBe(202);
  const code = await latestCode(email);
  expect((await call('POST', '/v1/auth/confirm', { body: { email, code } })).status).toBe(204);
  const signedIn = await login(email, password);
  expect(signedIn.status).toBe(200);
  return { email, password, customerId: String(claimsOf(signedIn.body.accessToken)['sub']), tokens: signedIn.body };
};

export const operatorTokens = async (): Promise<Tokens> => {
  const signedIn = await login('operator@example.com', inject('operatorPassword'));
  expect(signedIn.status).toBe(200);
  return signedIn.body;
};

/** A request from another loopback address, as a client on another network would come. */
export const callFrom = (localAddress: string, method: string, path: string, body: unknown) =>
  new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const text = JSON.stringify(body);
    const request = httpRequest(
      `${baseUrl()}${path}`,
      { method, localAddress, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) } },
      (response) => {
        let data = '';
        response.on('data', (chunk: Buffer) => (data += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: data ? (JSON.parse(data) as unknown) : undefined }));
      },
    );
    request.on('error', reject);
    request.end(text);
  });
