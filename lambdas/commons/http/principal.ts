/**
 * The caller, as the API's authorizer describes it. API Gateway's Cognito authorizer (and the
 * local gateway, which imitates it) puts the verified token's claims in
 * `requestContext.authorizer.claims`, every value a string.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';

export const operatorsGroup = 'operators';

export interface Principal {
  /** Cognito `sub`: the customer id everywhere in folio. */
  readonly customerId: string;
  readonly groups: readonly string[];
  /** The access token's id (`jti`). */
  readonly tokenId: string | undefined;
  /** The sign-in session the token belongs to (`origin_jti`), shared with its refresh token. */
  readonly sessionId: string | undefined;
  /** When the token was issued, epoch seconds. */
  readonly issuedAt: number | undefined;
  /** When the session's sign-in happened (`auth_time`), epoch seconds; kept across refreshes. */
  readonly authTime: number | undefined;
}

// A REST API passes a list claim as "a,b" or "[a b]" depending on its shape; accept both.
const parseGroups = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter((g) => g.length > 0);
};

export const principalOf = (event: APIGatewayProxyEvent): Principal | undefined => {
  const claims = event.requestContext.authorizer?.['claims'] as Record<string, unknown> | undefined;
  const sub = claims?.['sub'];
  if (typeof sub !== 'string' || sub === '') return undefined;
  const iat = Number(claims?.['iat']);
  const authTime = Number(claims?.['auth_time']);
  const text = (key: string) => (typeof claims?.[key] === 'string' ? (claims[key] as string) : undefined);
  return {
    customerId: sub,
    groups: parseGroups(claims?.['cognito:groups']),
    tokenId: text('jti'),
    sessionId: text('origin_jti'),
    issuedAt: Number.isFinite(iat) ? iat : undefined,
    authTime: Number.isFinite(authTime) ? authTime : undefined,
  };
};
