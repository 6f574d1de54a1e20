/**
 * The local gateway passes what the handlers decide through unchanged: a form-encoded POST body
 * (RFC 8058 one-click unsubscribe) reaches the handler as sent, with its Content-Type, and a
 * `text/html` answer reaches the client as the handler wrote it. It also gives the /_local routes
 * the raw body and the headers (the contractor recorder checks a signature over them). The
 * gateway is an HTTP server, so this test runs it on the loopback interface with a fake runtime.
 */
import { createServer, type Server } from 'node:http';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalGateway, type LocalRouteRequest } from '../../local/gateway';
import type { FunctionRuntime } from '../../local/runtime';
import { unsubscribeOneClick, unsubscribePage } from '../../system/routes/messaging';

const events: APIGatewayProxyEvent[] = [];
const localRequests: LocalRouteRequest[] = [];
const page = '<!doctype html><html lang="ru"><body><p>Вы отписаны.</p></body></html>';
const runtime = {
  invoke: async (_handler: string, event: APIGatewayProxyEvent) => {
    events.push(event);
    return event.httpMethod === 'GET'
      ? { statusCode: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: page }
      : { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: '{"unsubscribed":true}' };
  },
} as unknown as FunctionRuntime;

let jwks: Server;
let gateway: LocalGateway;
let url: string;

beforeAll(async () => {
  jwks = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"keys":[]}');
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', () => resolve()));
  const jwksPort = (jwks.address() as { port: number }).port;
  gateway = new LocalGateway({
    routes: [unsubscribePage, unsubscribeOneClick],
    runtime,
    issuer: 'http://127.0.0.1/pool',
    jwksUri: `http://127.0.0.1:${jwksPort}/.well-known/jwks.json`,
    clientId: 'client',
    corsOrigins: [],
    local: async (request) => {
      localRequests.push(request);
      return { status: 200, body: { ok: true } };
    },
    log: () => undefined,
  });
  const probe = createServer();
  const port = await new Promise<number>((resolve) => probe.listen(0, '127.0.0.1', () => resolve((probe.address() as { port: number }).port)));
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  await gateway.listen(port);
  url = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await gateway.close();
  await new Promise<void>((resolve) => jwks.close(() => resolve()));
});

describe('the local gateway', () => {
  it('passes a form-encoded one-click POST body to the handler unchanged', async () => {
    const response = await fetch(`${url}/v1/unsubscribe?token=abc.def`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(response.status).toBe(200);
    const event = events.at(-1);
    expect(event?.body).toBe('List-Unsubscribe=One-Click');
    expect(event?.isBase64Encoded).toBe(false);
    expect(event?.headers['Content-Type'] ?? event?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(event?.queryStringParameters).toEqual({ token: 'abc.def' });
    expect(event?.resource).toBe('/v1/unsubscribe');
  });

  it('answers a text/html page exactly as the handler wrote it', async () => {
    const response = await fetch(`${url}/v1/unsubscribe?token=abc.def`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toBe(page);
  });

  it('gives /_local routes the raw body and the lowercased headers', async () => {
    const body = '{"changes":[],"note":"ü"}';
    await fetch(`${url}/_local/contractors/mailer`, { method: 'POST', headers: { 'X-Folio-Timestamp': '1700000000', 'Content-Type': 'application/json' }, body });
    const request = localRequests.at(-1);
    expect(request?.headers['x-folio-timestamp']).toBe('1700000000');
    expect(request?.rawBody.equals(Buffer.from(body, 'utf8'))).toBe(true);
    expect(request?.body).toBe(body);
  });
});
