/**
 * The local API Gateway. It serves the routes of system/routes exactly as the deployed REST API
 * does: it matches the resource path, answers CORS preflights like the API's mock OPTIONS
 * methods, verifies the access token like the Cognito authorizer (signature against the local
 * pool's keys, issuer, expiry, `token_use`, client and scope) and puts its claims where the
 * authorizer puts them, builds the REST API proxy event, and calls the same handler. Its own
 * refusals are the gateway responses of system/gateway-responses.ts. It also serves the
 * local-only routes under /_local.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import { apiScope } from '#system/auth';
import { corsPolicy } from '#system/cors';
import { type GatewayResponseDefinition, gatewayProblemBody, gatewayResponseHeaders, gatewayResponses } from '#system/gateway-responses';
import type { RouteDefinition } from '#system/routes/route';
import type { WebSite } from '../web/build';
import type { FunctionRuntime } from './runtime';
import { serveWeb } from './web';

/** API Gateway's own payload limit; the handlers' 64 KiB limit applies after it. */
const gatewayMaxBytes = 10 * 1024 * 1024;

interface CompiledRoute {
  readonly route: RouteDefinition;
  readonly pattern: RegExp;
  readonly params: readonly string[];
}

const compile = (route: RouteDefinition): CompiledRoute => {
  const params: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (param) {
        params.push(param[1] ?? '');
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { route, pattern: new RegExp(`^${source}$`), params };
};

export interface LocalRouteRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  /** The body as UTF-8 text. */
  readonly body: string;
  /** The body's bytes exactly as received (signatures are computed over these). */
  readonly rawBody: Buffer;
  /** The request's headers, names lowercased; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
}

export type LocalRoute = (request: LocalRouteRequest) => Promise<{ status: number; body: unknown; contentType?: string }>;

export interface GatewayOptions {
  readonly routes: readonly RouteDefinition[];
  readonly runtime: FunctionRuntime;
  readonly issuer: string;
  readonly jwksUri: string;
  readonly clientId: string;
  readonly corsOrigins: readonly string[];
  /** Answers for paths under /_local; undefined means 404. */
  readonly local: LocalRoute;
  readonly log: (entry: Record<string, unknown>) => void;
  /** The web pages, served on the API's origin as CloudFront serves them beside `/v1/*`. */
  readonly web?: WebSite;
}

export class LocalGateway {
  private readonly compiled: CompiledRoute[];
  private readonly verifier;
  private server: Server | undefined;

  constructor(private readonly options: GatewayOptions) {
    this.compiled = options.routes.map(compile);
    this.verifier = JwtRsaVerifier.create({
      issuer: options.issuer,
      audience: null,
      jwksUri: options.jwksUri,
      customJwtCheck: ({ payload }) => {
        const claims = payload as JwtPayload & { token_use?: unknown; client_id?: unknown; scope?: unknown };
        if (claims.token_use !== 'access') throw new Error('not an access token');
        if (claims.client_id !== options.clientId) throw new Error('token of another client');
        if (typeof claims.scope !== 'string' || !claims.scope.split(' ').includes(apiScope)) throw new Error('scope missing');
      },
    });
  }

  async listen(port: number): Promise<void> {
    // The local pool's keys are fetched once over http (aws-jwt-verify fetches only https itself).
    const jwks = (await (await fetch(this.options.jwksUri)).json()) as Parameters<typeof this.verifier.cacheJwks>[0];
    this.verifier.cacheJwks(jwks);
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.options.log({ level: 'ERROR', message: 'gateway failure', error: error instanceof Error ? error.name : 'unknown' });
        if (!res.headersSent) this.sendGatewayResponse(req, res, gatewayResponses.default5xx);
        else res.end();
      });
    });
    this.server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      this.server?.once('error', reject);
      this.server?.listen(port, '127.0.0.1', () => resolve());
    });
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private corsHeaders(origin: string | undefined): Record<string, string> {
    const allowed = this.options.corsOrigins;
    if (origin === undefined || !allowed.includes(origin)) return {};
    return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' };
  }

  private sendGatewayResponse(req: IncomingMessage, res: ServerResponse, response: GatewayResponseDefinition): void {
    const origin = req.headers.origin;
    res.writeHead(response.status, { ...gatewayResponseHeaders, ...this.gatewayCors(origin) });
    res.end(gatewayProblemBody(response));
  }

  /** Gateway responses carry one static allowed origin, as the deployed ones do (lib/constructs/api.ts). */
  private gatewayCors(origin: string | undefined): Record<string, string> {
    const first = this.options.corsOrigins[0];
    return first !== undefined && origin === first ? { 'Access-Control-Allow-Origin': first } : {};
  }

  private async readBody(req: IncomingMessage): Promise<Buffer | undefined> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > gatewayMaxBytes) return undefined;
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const body = await this.readBody(req);
    if (body === undefined) {
      req.resume();
      return this.sendGatewayResponse(req, res, gatewayResponses.tooLarge);
    }

    if (url.pathname.startsWith('/_local/')) {
      const headers = Object.fromEntries(
        Object.entries(req.headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]])),
      );
      const answer = await this.options.local({ method, path: url.pathname, query: url.searchParams, body: body.toString('utf8'), rawBody: body, headers });
      res.writeHead(answer.status, { 'Content-Type': answer.contentType ?? 'application/json', 'Cache-Control': 'no-store' });
      res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
      return;
    }

    if (this.options.web !== undefined && serveWeb(this.options.web, method, url.pathname, res)) return;

    // Like API Gateway, a path matches its most specific resource (fewest parameters) only.
    const matching = this.compiled.filter((c) => c.pattern.test(url.pathname));
    const fewest = Math.min(...matching.map((c) => c.params.length));
    const candidates = matching.filter((c) => c.params.length === fewest);
    if (method === 'OPTIONS' && candidates.length > 0) {
      res.writeHead(204, {
        ...this.corsHeaders(req.headers.origin),
        'Access-Control-Allow-Headers': corsPolicy.allowHeaders.join(','),
        'Access-Control-Allow-Methods': corsPolicy.allowMethods.join(','),
        'Access-Control-Max-Age': String(corsPolicy.maxAgeSeconds),
      });
      res.end();
      return;
    }
    const match = candidates.find((c) => c.route.method === method);
    if (match === undefined) return this.sendGatewayResponse(req, res, gatewayResponses.notFound);
    const { route } = match;

    let claims: Record<string, string> | undefined;
    if (route.access !== 'public') {
      const header = req.headers.authorization;
      if (header === undefined || header === '') return this.sendGatewayResponse(req, res, gatewayResponses.unauthorized);
      try {
        const payload = await this.verifier.verify(header.replace(/^Bearer\s+/i, ''));
        // The REST API's Cognito authorizer hands claims over as strings.
        claims = Object.fromEntries(
          Object.entries(payload).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]),
        );
      } catch {
        return this.sendGatewayResponse(req, res, gatewayResponses.unauthorized);
      }
    }

    const values = match.pattern.exec(url.pathname)?.slice(1) ?? [];
    // A REST API hands path parameters over percent-decoded (the `path` itself stays encoded).
    const decoded = (value: string) => {
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    };
    const pathParameters = Object.fromEntries(match.params.map((name, i) => [name, decoded(values[i] ?? '')]));
    const event = this.toEvent(req, url, method, route, pathParameters, body, claims);
    let result: APIGatewayProxyResult;
    try {
      result = (await this.options.runtime.invoke(route.handler, event, route.needs)) as APIGatewayProxyResult;
    } catch (error: unknown) {
      const timedOut = error instanceof Error && error.name === 'FunctionTimeoutError';
      this.options.log({ level: 'ERROR', message: 'integration failed', route: `${route.method} ${route.path}`, error: error instanceof Error ? error.name : 'unknown' });
      return this.sendGatewayResponse(req, res, timedOut ? gatewayResponses.timeout : gatewayResponses.default5xx);
    }
    const headers: Record<string, string | string[]> = { ...result.headers } as Record<string, string>;
    for (const [name, list] of Object.entries(result.multiValueHeaders ?? {})) headers[name] = list.map(String);
    res.writeHead(result.statusCode, headers);
    res.end(result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
    // Like the deployed access log: no IP, no query string (it may carry tokens), no body.
    this.options.log({
      level: 'INFO',
      message: 'access',
      requestId: event.requestContext.requestId,
      route: `${route.method} ${route.path}`,
      status: result.statusCode,
      latencyMs: Math.round(performance.now() - started),
    });
  }

  private toEvent(
    req: IncomingMessage,
    url: URL,
    method: string,
    route: RouteDefinition,
    pathParameters: Record<string, string>,
    body: Buffer,
    claims: Record<string, string> | undefined,
  ): APIGatewayProxyEvent {
    // Maps, then own properties: a header or query name like `__proto__` or `constructor` is
    // data, as in API Gateway's event, not a key of Object.prototype (found by the fuzzer).
    const headerLists = new Map<string, string[]>();
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i] ?? '';
      headerLists.set(name, [...(headerLists.get(name) ?? []), req.rawHeaders[i + 1] ?? '']);
    }
    const queryLists = new Map<string, string[]>();
    for (const [name, value] of url.searchParams) queryLists.set(name, [...(queryLists.get(name) ?? []), value]);
    const last = (lists: Map<string, string[]>) => Object.fromEntries([...lists].map(([name, values]) => [name, values.at(-1) ?? '']));
    const headers: Record<string, string> = last(headerLists);
    const multiValueHeaders: Record<string, string[]> = Object.fromEntries(headerLists);
    const query: Record<string, string> = last(queryLists);
    const multiQuery: Record<string, string[]> = Object.fromEntries(queryLists);
    const hasQuery = queryLists.size > 0;
    const requestId = randomUUID();
    const now = new Date();
    return {
      resource: route.path,
      path: url.pathname,
      httpMethod: method,
      headers,
      multiValueHeaders,
      queryStringParameters: hasQuery ? query : null,
      multiValueQueryStringParameters: hasQuery ? multiQuery : null,
      pathParameters: Object.keys(pathParameters).length > 0 ? pathParameters : null,
      stageVariables: null,
      body: body.length > 0 ? body.toString('utf8') : null,
      isBase64Encoded: false,
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        authorizer: claims === undefined ? null : { claims },
        httpMethod: method,
        identity: {
          accessKey: null,
          accountId: null,
          apiKey: null,
          apiKeyId: null,
          caller: null,
          clientCert: null,
          cognitoAuthenticationProvider: null,
          cognitoAuthenticationType: null,
          cognitoIdentityId: null,
          cognitoIdentityPoolId: null,
          principalOrgId: null,
          sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
          user: null,
          userAgent: req.headers['user-agent'] ?? null,
          userArn: null,
        },
        path: `/local${url.pathname}`,
        protocol: `HTTP/${req.httpVersion}`,
        requestId,
        requestTime: now.toUTCString(),
        requestTimeEpoch: now.getTime(),
        resourceId: 'local',
        resourcePath: route.path,
        stage: 'local',
      },
    };
  }
}
