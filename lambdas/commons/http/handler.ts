/**
 * The shared HTTP layer. Every route's handler is `httpHandler(route, fn)`: the route's
 * definition says what to parse and who may call; `fn` sees only a typed request and returns
 * a result. Errors become problem documents, and every answer carries the security headers
 * and the CORS headers of the configured origins.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { corsPolicy } from '#system/cors';
import type { RouteDefinition } from '#system/routes/route';
import { optionalEnv } from '../config';
import { logger } from '../powertools';
import { toHttpProblem } from './problems';
import type { Principal } from './principal';
import { type HttpRequest, parseRequest } from './request';
import { type HttpResult, problemResult, toProxyResult } from './response';

const corsOrigins = optionalEnv('CORS_ORIGINS', '')
  .split(',')
  .map((o) => o.trim())
  .filter((o) => o.length > 0);

const securityHeaderOptions = {
  contentSecurityPolicy: { 'default-src': "'none'", 'frame-ancestors': "'none'" },
  // The API is called cross-origin by the storefront under CORS; CORP must not block that.
  crossOriginResourcePolicy: { policy: 'cross-origin' },
} as const;

const corsOptions = {
  origins: corsOrigins,
  credentials: false,
  headers: corsPolicy.allowHeaders.join(','),
  methods: corsPolicy.allowMethods.join(','),
  exposeHeaders: corsPolicy.exposeHeaders.join(','),
  maxAge: corsPolicy.maxAgeSeconds,
};

/** Whether the session behind a principal still stands; throws UnauthenticatedError if not. */
export type SessionCheck = (principal: Principal) => Promise<void>;

/**
 * Public routes use this directly; customer and operator routes go through authenticatedHandler
 * (./authenticated.ts), which adds the session check, so public bundles carry no session store.
 */
export const httpHandler = <const R extends RouteDefinition>(
  route: R,
  fn: (request: HttpRequest<R>) => Promise<HttpResult>,
  sessionCheck?: SessionCheck,
) => {
  if (route.access !== 'public' && sessionCheck === undefined) {
    throw new Error(`${route.method} ${route.path} is for signed-in callers: use authenticatedHandler`);
  }
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(httpCors(corsOptions))
    .use(httpSecurityHeaders(securityHeaderOptions))
    .use({
      // Runs first on the way out: every error, whatever its origin, becomes a problem document.
      onError: async (request) => {
        const problem = toHttpProblem(request.error);
        if (problem.status >= 500) {
          // The error's class and code locations go to the log; its message may quote data, so it does not.
          const error = request.error instanceof Error ? request.error : undefined;
          logger.error('request failed', {
            route: `${route.method} ${route.path}`,
            status: problem.status,
            error: error?.name ?? 'unknown',
            at: error?.stack?.split('\n').slice(1, 6).map((line) => line.trim()),
          });
        }
        request.response = problemResult(problem);
      },
    })
    .handler(async (event) => {
      const request = parseRequest(route, event);
      if (request.principal !== undefined && sessionCheck !== undefined) await sessionCheck(request.principal);
      return toProxyResult(await fn(request));
    });
};
