/**
 * Sessions and their end. Cognito's access tokens stay valid until they expire, so folio keeps
 * its own record per customer and the shared HTTP layer asks it on every authenticated request:
 * a token of a revoked session (logout), of a session ended by a password reset, change or
 * forced reset, or of a closed account is refused at once.
 *
 * A session is identified by the token's `origin_jti` (the refresh token it descends from) and
 * dated by `auth_time` (the sign-in it started with).
 */

export interface SessionRecord {
  readonly authTime: number;
  readonly revokedAt?: number;
}

export interface SessionState {
  readonly sessions: Readonly<Record<string, SessionRecord>>;
  /** Tokens of sessions folio never saw (signed in elsewhere) are refused if they began before this (epoch seconds). */
  readonly validAfter?: number;
  readonly closed?: boolean;
}

export interface SessionStore {
  get(customerId: string): Promise<SessionState | undefined>;
  /** Applies `change` to the current state atomically (retrying on concurrent writes). */
  update(customerId: string, change: (state: SessionState) => SessionState): Promise<void>;
}

export interface TokenFacts {
  readonly sessionId: string | undefined;
  readonly authTime: number | undefined;
}

export type Refusal = 'closed' | 'revoked' | 'ended';

/** Why a token must be refused, or undefined when it may be used. */
export const refusalOf = (state: SessionState | undefined, token: TokenFacts): Refusal | undefined => {
  if (state === undefined) return undefined;
  if (state.closed) return 'closed';
  const session = token.sessionId === undefined ? undefined : state.sessions[token.sessionId];
  if (session?.revokedAt !== undefined) return 'revoked';
  if (session === undefined && state.validAfter !== undefined && (token.authTime ?? 0) <= state.validAfter) return 'ended';
  return undefined;
};

/** Sessions older than a refresh token can live are forgotten, so the record stays small. */
const forgetOld = (sessions: Record<string, SessionRecord>, nowSeconds: number, maxAgeSeconds: number) =>
  Object.fromEntries(Object.entries(sessions).filter(([, s]) => s.authTime > nowSeconds - maxAgeSeconds));

export const refreshTokenDaysMax = 30;
const maxAge = refreshTokenDaysMax * 86_400;

export const startSession = (state: SessionState, sessionId: string, authTime: number, nowSeconds: number): SessionState => ({
  ...state,
  sessions: { ...forgetOld({ ...state.sessions }, nowSeconds, maxAge), [sessionId]: { authTime } },
});

export const revokeSession = (state: SessionState, sessionId: string, nowSeconds: number): SessionState => ({
  ...state,
  sessions: { ...state.sessions, [sessionId]: { authTime: state.sessions[sessionId]?.authTime ?? nowSeconds, revokedAt: nowSeconds } },
});

/** Ends every session, or every one but `keep` (a password change keeps the session that made it). */
export const endSessions = (state: SessionState, nowSeconds: number, keep?: string): SessionState => ({
  ...state,
  validAfter: nowSeconds,
  sessions: Object.fromEntries(
    Object.entries(forgetOld({ ...state.sessions }, nowSeconds, maxAge)).map(([id, s]) => [
      id,
      id === keep || s.revokedAt !== undefined ? s : { ...s, revokedAt: nowSeconds },
    ]),
  ),
});

export const closeSessions = (state: SessionState, nowSeconds: number): SessionState => ({ ...endSessions(state, nowSeconds), closed: true });

/** The claims of a JWT, without verifying it: only for tokens folio has just received from Cognito. */
export const unverifiedClaims = (jwt: string): Record<string, unknown> => {
  try {
    return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
};

export const tokenFacts = (accessToken: string): TokenFacts & { customerId: string | undefined; groups: readonly string[] } => {
  const claims = unverifiedClaims(accessToken);
  const groups = claims['cognito:groups'];
  return {
    customerId: typeof claims['sub'] === 'string' ? claims['sub'] : undefined,
    groups: Array.isArray(groups) ? groups.map(String) : [],
    sessionId: typeof claims['origin_jti'] === 'string' ? claims['origin_jti'] : undefined,
    authTime: typeof claims['auth_time'] === 'number' ? claims['auth_time'] : undefined,
  };
};
