/**
 * Answers API Gateway gives on its own, before a handler runs (unknown route, missing or bad
 * token, throttling, a body over its limit). Both the CDK app and the local gateway turn these
 * into the same problem documents the handlers give, so a client sees one error format.
 */
export interface GatewayResponseDefinition {
  /** API Gateway's response type. */
  readonly type: string;
  readonly status: number;
  readonly slug: string;
  readonly title: string;
  readonly detail: string;
}

export const gatewayResponses = {
  // API Gateway answers an unknown path or method with "Missing Authentication Token" (403).
  notFound: { type: 'MISSING_AUTHENTICATION_TOKEN', status: 404, slug: 'not-found', title: 'Not Found', detail: 'There is no such route.' },
  unauthorized: { type: 'UNAUTHORIZED', status: 401, slug: 'unauthorized', title: 'Unauthorized', detail: 'Sign in to use this route.' },
  accessDenied: { type: 'ACCESS_DENIED', status: 403, slug: 'forbidden', title: 'Forbidden', detail: 'This token may not use this route.' },
  expiredToken: { type: 'EXPIRED_TOKEN', status: 401, slug: 'unauthorized', title: 'Unauthorized', detail: 'The token has expired.' },
  throttled: { type: 'THROTTLED', status: 429, slug: 'too-many-requests', title: 'Too Many Requests', detail: 'Try again later.' },
  wafFiltered: { type: 'WAF_FILTERED', status: 403, slug: 'forbidden', title: 'Forbidden', detail: 'The request was refused.' },
  tooLarge: { type: 'REQUEST_TOO_LARGE', status: 413, slug: 'payload-too-large', title: 'Payload Too Large', detail: 'The request is too large.' },
  timeout: { type: 'INTEGRATION_TIMEOUT', status: 504, slug: 'timeout', title: 'Gateway Timeout', detail: 'Please retry shortly.' },
  default4xx: { type: 'DEFAULT_4XX', status: 400, slug: 'bad-request', title: 'Bad Request', detail: 'The request was not understood.' },
  default5xx: { type: 'DEFAULT_5XX', status: 500, slug: 'internal', title: 'Internal Server Error', detail: 'Something went wrong on our side.' },
} as const satisfies Record<string, GatewayResponseDefinition>;

/**
 * The security headers of the handlers' answers (lambdas/commons/http/handler.ts, middy
 * http-security-headers) that matter for a problem document, so the gateway's own answers carry
 * them too: a 401 or 404 made by the gateway is no weaker than one made by a handler.
 */
export const gatewaySecurityHeaders = {
  'Strict-Transport-Security': 'max-age=15552000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'cross-origin',
} as const;

/** Every gateway response's headers but the CORS one (the CDK app and the local gateway add it). */
export const gatewayResponseHeaders = {
  'Content-Type': 'application/problem+json',
  'Cache-Control': 'no-store',
  ...gatewaySecurityHeaders,
} as const;

export const gatewayProblemBody = (response: GatewayResponseDefinition): string =>
  JSON.stringify({
    type: `urn:problem:folio:${response.slug}`,
    title: response.title,
    status: response.status,
    detail: response.detail,
  });
