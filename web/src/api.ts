/**
 * Calling the API from a page: `api.get('/v1/me')` answers the body, or throws an `ApiError`
 * carrying the problem document, which `<ProblemMessage>` (components/problem.tsx) turns into
 * words a customer understands. Calls are authenticated when signed in.
 */
import { call, NetworkError, session } from './session/session';
import type { ApiCall } from './session/protocol';

export interface ProblemField {
  readonly path: string;
  readonly message: string;
}

export interface Problem {
  readonly type?: string;
  readonly title?: string;
  readonly status: number;
  readonly detail?: string;
  readonly errors?: readonly ProblemField[];
  /** Some problems name what is missing, e.g. the consent a route needs. */
  readonly [extension: string]: unknown;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly problem: Problem,
    readonly retryAfter?: number,
  ) {
    super(`the API answered ${problem.status}`);
  }

  /**
   * The API's message for one body field, matched on the field's path (`email`,
   * `recipient.phone`); the API names fields `body.<path>` (or `query.`, `header.`).
   */
  fieldError(path: string): string | undefined {
    const names = [path, `body.${path}`, `query.${path}`];
    return this.problem.errors?.find((error) => names.some((name) => error.path === name || error.path.startsWith(`${name}.`)))?.message;
  }
}

export { NetworkError };

export interface CallOptions {
  readonly idempotencyKey?: string;
  /** Send without the session's token even when signed in (public routes). */
  readonly anonymous?: boolean;
}

const request = async <T>(method: ApiCall['method'], path: string, body: unknown, options: CallOptions = {}): Promise<T> => {
  const headers: Record<string, string> = {};
  if (options.idempotencyKey !== undefined) headers['Idempotency-Key'] = options.idempotencyKey;
  const authenticated = options.anonymous !== true && session.get().signedIn;
  const answer = await call({ method, path, ...(body === undefined ? {} : { body }), headers }, authenticated);
  if (answer.status >= 200 && answer.status < 300) return answer.body as T;
  const problem =
    typeof answer.body === 'object' && answer.body !== null && 'status' in answer.body
      ? (answer.body as Problem)
      : { status: answer.status };
  throw new ApiError(problem, answer.retryAfter);
};

export const api = {
  get: <T>(path: string, options?: CallOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: CallOptions) => request<T>('POST', path, body ?? {}, options),
  put: <T>(path: string, body?: unknown, options?: CallOptions) => request<T>('PUT', path, body ?? {}, options),
  patch: <T>(path: string, body: unknown, options?: CallOptions) => request<T>('PATCH', path, body, options),
  delete: <T>(path: string, body?: unknown, options?: CallOptions) => request<T>('DELETE', path, body, options),
};

/** A fresh idempotency key for one user action (kept across that action's retries). */
export const newIdempotencyKey = (): string => crypto.randomUUID();

/** A page of a paginated list. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}
