/**
 * The session worker: the only place the tokens live. A dedicated worker's memory cannot be
 * read by script in the page, so a script injected into the page (an XSS) cannot steal the
 * refresh token and use it elsewhere for 30 days; the worst it can do is ask the worker to
 * call the API while the page is open. Nothing is written to storage or cookies: a reload or a
 * new tab starts signed out (docs/architecture.md, "Web pages", and docs/security.md W1).
 */
import type { ApiAnswer, ApiCall, Envelope, Reply, Request, SessionState } from './protocol';

interface Tokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token expires. */
  expiresAt: number;
  operator: boolean;
}

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<Envelope<Request>>) => void) | null;
  postMessage: (message: Envelope<Reply>) => void;
};

let apiBaseUrl = '';
let tokens: Tokens | undefined;
let refreshing: Promise<boolean> | undefined;

const state = (): SessionState => ({ signedIn: tokens !== undefined, operator: tokens?.operator ?? false });

/** The access token's claims, read only for the group: the API verifies the token itself. */
const isOperator = (accessToken: string): boolean => {
  try {
    const payload = accessToken.split('.')[1] ?? '';
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    const groups = json['cognito:groups'];
    return Array.isArray(groups) ? groups.includes('operators') : typeof groups === 'string' && groups.split(',').includes('operators');
  } catch {
    return false;
  }
};

const parse = async (response: Response): Promise<ApiAnswer> => {
  const text = await response.text();
  let body: unknown;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  const retryAfter = Number(response.headers.get('Retry-After') ?? Number.NaN);
  return Number.isFinite(retryAfter) ? { status: response.status, body, retryAfter } : { status: response.status, body };
};

const send = async (call: ApiCall, accessToken?: string): Promise<ApiAnswer> => {
  const headers: Record<string, string> = { Accept: 'application/json', ...call.headers };
  if (call.body !== undefined) headers['Content-Type'] = 'application/json';
  if (accessToken !== undefined) headers['Authorization'] = `Bearer ${accessToken}`;
  const response = await fetch(`${apiBaseUrl}${call.path}`, {
    method: call.method,
    headers,
    credentials: 'omit',
    cache: 'no-store',
    ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
  });
  return parse(response);
};

const refresh = (): Promise<boolean> => {
  refreshing ??= (async () => {
    const current = tokens;
    if (current === undefined) return false;
    try {
      const answer = await send({ method: 'POST', path: '/v1/auth/refresh', body: { refreshToken: current.refreshToken } });
      const body = answer.body as { accessToken?: string; expiresIn?: number } | undefined;
      if (answer.status !== 200 || typeof body?.accessToken !== 'string') {
        // Revoked (signed out elsewhere, password reset, forced reset): the session is over.
        if (answer.status === 400 || answer.status === 401) tokens = undefined;
        return false;
      }
      tokens = { ...current, accessToken: body.accessToken, expiresAt: Date.now() + (body.expiresIn ?? 300) * 1000, operator: isOperator(body.accessToken) };
      return true;
    } finally {
      refreshing = undefined;
    }
  })();
  return refreshing;
};

const authenticatedCall = async (call: ApiCall): Promise<ApiAnswer> => {
  if (tokens === undefined) return { status: 401, body: undefined };
  // Refresh a minute early, so a call does not set off with a token about to expire.
  if (tokens.expiresAt - Date.now() < 60_000) await refresh();
  const first = tokens;
  if (first === undefined) return { status: 401, body: undefined };
  const answer = await send(call, first.accessToken);
  if (answer.status !== 401) return answer;
  // One retry with a fresh token; a second 401 means the session is over.
  if (!(await refresh()) || tokens === undefined) {
    tokens = undefined;
    return answer;
  }
  const again = await send(call, tokens.accessToken);
  if (again.status === 401) tokens = undefined;
  return again;
};

const handle = async (request: Request): Promise<Reply> => {
  switch (request.kind) {
    case 'configure':
      apiBaseUrl = request.apiBaseUrl.replace(/\/$/, '');
      return { kind: 'state', state: state() };
    case 'state':
      return { kind: 'state', state: state() };
    case 'sign-in': {
      const answer = await send({ method: 'POST', path: '/v1/auth/login', body: { email: request.email, password: request.password } });
      const body = answer.body as { accessToken?: string; refreshToken?: string; expiresIn?: number } | undefined;
      if (answer.status === 200 && typeof body?.accessToken === 'string' && typeof body.refreshToken === 'string') {
        tokens = {
          accessToken: body.accessToken,
          refreshToken: body.refreshToken,
          expiresAt: Date.now() + (body.expiresIn ?? 300) * 1000,
          operator: isOperator(body.accessToken),
        };
        // The tokens stay here; the page learns only that it is signed in.
        return { kind: 'answer', answer: { status: 204, body: undefined }, state: state() };
      }
      return { kind: 'answer', answer, state: state() };
    }
    case 'sign-out': {
      const current = tokens;
      tokens = undefined;
      if (current === undefined) return { kind: 'answer', answer: { status: 204, body: undefined }, state: state() };
      const answer = await send({ method: 'POST', path: '/v1/auth/logout', body: { refreshToken: current.refreshToken } }, current.accessToken);
      return { kind: 'answer', answer, state: state() };
    }
    case 'call': {
      const answer = request.authenticated ? await authenticatedCall(request.call) : await send(request.call);
      return { kind: 'answer', answer, state: state() };
    }
  }
};

scope.onmessage = (event) => {
  const { id, message } = event.data;
  handle(message).then(
    (reply) => scope.postMessage({ id, message: reply }),
    () => scope.postMessage({ id, message: { kind: 'network-error', state: state() } }),
  );
};
