/**
 * The long suite's client: each test file starts a local stack of its own (not the integration
 * run's), so the helpers here take the stack's URL instead of `inject('baseUrl')`.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { ApiResponse, StackInfo } from '../support/api';
import { awsClientConfig } from '../support/api';
import { claimsOf, consentVersion, registrationBody, strongPassword, type Tokens } from '../support/customers';
import { orderBody } from '../support/orders';

export interface Tally {
  requests: number;
  byStatus: Map<number, number>;
  /** Each 5xx seen: method, path and status (no bodies: they could hold personal data). */
  serverErrors: string[];
}

export const newTally = (): Tally => ({ requests: 0, byStatus: new Map(), serverErrors: [] });

export class Api {
  constructor(
    readonly baseUrl: string,
    readonly tally: Tally = newTally(),
  ) {}

  async call<T = unknown>(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; token?: string } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers['Authorization'] = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, ...(body !== undefined && { body }) });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = text;
    }
    if (!path.startsWith('/_local/')) {
      this.tally.requests += 1;
      this.tally.byStatus.set(response.status, (this.tally.byStatus.get(response.status) ?? 0) + 1);
      if (response.status >= 500) this.tally.serverErrors.push(`${method} ${path.replace(/\?.*/, '')} → ${response.status}`);
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  async eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  async outbox(to: string, channel?: string): Promise<{ channel: string; to: string; body: string; category: string }[]> {
    const query = `to=${encodeURIComponent(to)}${channel ? `&channel=${channel}` : ''}`;
    return (await this.call<{ items: { channel: string; to: string; body: string; category: string }[] }>('GET', `/_local/outbox?${query}`)).body.items;
  }

  async stackInfo(): Promise<StackInfo> {
    return (await this.call<StackInfo>('GET', '/_local/stack')).body;
  }

  /** Registers through the API, confirms with the code from the local outbox, signs in. */
  async registerCustomer(): Promise<{ email: string; password: string; customerId: string; tokens: Tokens }> {
    const email = `long-${randomUUID()}@example.com`;
    const password = strongPassword();
    const registered = await this.call('POST', '/v1/auth/register', { body: registrationBody(email, password), headers: { 'Accept-Language': 'en' } });
    if (registered.status !== 202) throw new Error(`register answered ${registered.status}`);
    const code = await this.eventually(async () =>
      (await this.outbox(email, 'email'))
        .filter((m) => m.category === 'auth')
        .map((m) => /\b(\d{6})\b/.exec(m.body)?.[1])
        .filter((c): c is string => c !== undefined)
        .at(-1),
    );
    const confirmed = await this.call('POST', '/v1/auth/confirm', { body: { email, code } });
    if (confirmed.status !== 204) throw new Error(`confirm answered ${confirmed.status}`);
    const signedIn = await this.call<Tokens>('POST', '/v1/auth/login', { body: { email, password } });
    if (signedIn.status !== 200) throw new Error(`login answered ${signedIn.status}`);
    return { email, password, customerId: String(claimsOf(signedIn.body.accessToken)['sub']), tokens: signedIn.body };
  }

  placeOrder(token: string, items: { productId: string; quantity: number }[], idempotencyKey?: string) {
    return this.call<{ orderId: string; totalMinor: number }>('POST', '/v1/orders', {
      token,
      body: orderBody(items),
      ...(idempotencyKey === undefined ? {} : { headers: { 'Idempotency-Key': idempotencyKey } }),
    });
  }

  async productIds(): Promise<string[]> {
    const page = await this.call<{ items: { productId: string }[] }>('GET', '/v1/products?limit=20');
    return page.body.items.map((p) => p.productId);
  }
}

export { consentVersion };

/** Direct reads of DynamoDB Local (not the functions' policy proxy). */
export const directTables = (info: StackInfo) => {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ ...awsClientConfig(info.endpoints.dynamodb), maxAttempts: 10 }));
  const queryAll = async (input: ConstructorParameters<typeof QueryCommand>[0]) => {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return items;
  };
  const scanAll = async (input: ConstructorParameters<typeof ScanCommand>[0]) => {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db.send(new ScanCommand({ ...input, ExclusiveStartKey: start }));
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return items;
  };
  return {
    db,
    names: info.tables,
    ordersOf: (customerId: string) =>
      queryAll({ TableName: info.tables['orders'], IndexName: 'byCustomer', KeyConditionExpression: 'customerId = :c', ExpressionAttributeValues: { ':c': customerId } }),
    receiptsOf: (customerId: string) =>
      queryAll({ TableName: info.tables['consentReceipts'], KeyConditionExpression: 'customerId = :c', ExpressionAttributeValues: { ':c': customerId }, ConsistentRead: true }),
    scanAll,
    close: () => db.destroy(),
  };
};
