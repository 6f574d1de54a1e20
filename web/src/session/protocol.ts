/**
 * The messages between the pages and the session worker (worker.ts). The worker holds the
 * tokens; the pages never see them. They ask the worker to sign in, to sign out, or to make an
 * API call, and get back only what the API answered and whether they are signed in.
 */

export interface ApiCall {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** An API path with its query, e.g. `/v1/me` or `/v1/orders?limit=20`. */
  readonly path: string;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface ApiAnswer {
  readonly status: number;
  /** Parsed JSON, or the text when the answer was not JSON; undefined for an empty body. */
  readonly body: unknown;
  /** `Retry-After` in seconds on a 429 or 503. */
  readonly retryAfter?: number;
}

export interface SessionState {
  readonly signedIn: boolean;
  /** A member of the `operators` group (read from the access token's claims). */
  readonly operator: boolean;
}

export type Request =
  | { readonly kind: 'configure'; readonly apiBaseUrl: string }
  | { readonly kind: 'sign-in'; readonly email: string; readonly password: string }
  | { readonly kind: 'sign-out' }
  | { readonly kind: 'state' }
  | { readonly kind: 'call'; readonly call: ApiCall; readonly authenticated: boolean };

export type Reply =
  | { readonly kind: 'state'; readonly state: SessionState }
  | { readonly kind: 'answer'; readonly answer: ApiAnswer; readonly state: SessionState }
  | { readonly kind: 'network-error'; readonly state: SessionState };

export interface Envelope<T> {
  readonly id: number;
  readonly message: T;
}
