/**
 * A small client for the API under test: real HTTP to the local gateway.
 */
import { inject } from 'vitest';

export const baseUrl = () => inject('baseUrl');

export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
  readonly text: string;
}

export const call = async <T = unknown>(
  method: string,
  path: string,
  options: { body?: unknown; rawBody?: string; headers?: Record<string, string>; token?: string } = {},
): Promise<ApiResponse<T>> => {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers['Authorization'] = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] ??= 'application/json';
  }
  const response = await fetch(`${baseUrl()}${path}`, { method, headers, ...(body !== undefined && { body }) });
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text };
};

/** Local-only details of the running stack (endpoints of the stand-ins, table and queue names). */
export interface StackInfo {
  /** `dynamodb` is DynamoDB Local itself; `dynamodbProxy` enforces the append-only tables' policy, as the functions see it. */
  readonly endpoints: { dynamodb: string; dynamodbProxy: string; cognito: string; ses: string; aws: string };
  readonly userPoolId: string;
  readonly clientId: string;
  readonly tables: Record<string, string>;
  readonly queues: Record<string, string>;
}

export const stackInfo = async (): Promise<StackInfo> => (await call<StackInfo>('GET', '/_local/stack')).body;

export const awsClientConfig = (endpoint: string) => ({
  endpoint,
  region: 'eu-central-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

/** Polls until `check` returns a value (not undefined) or the time runs out. */
export const eventually = async <T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
};

export const problemContentType = /^application\/problem\+json/;

/**
 * Gives this test process the environment a function gets on the local stack, so domain code and
 * adapters can be called in-process against the stack's real tables (through the policy proxy).
 */
export const useFunctionEnvironment = (info: StackInfo): void => {
  Object.assign(process.env, {
    ...Object.fromEntries(Object.entries(info.tables).map(([name, physical]) => [`TABLE_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`, physical])),
    AWS_ENDPOINT_URL_DYNAMODB: info.endpoints.dynamodbProxy,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: info.endpoints.cognito,
    USER_POOL_ID: info.userPoolId,
    AWS_REGION: 'eu-central-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
};
