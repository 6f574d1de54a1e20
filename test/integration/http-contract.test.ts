/**
 * What every answer of the API shares, whichever route: problem documents for refusals,
 * security headers, CORS for configured origins only.
 */
import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { baseUrl, call, problemContentType } from '../support/api';

describe('the HTTP contract', () => {
  it('answers health', async () => {
    const response = await call('GET', '/v1/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('puts the security headers on every answer, refusals included', async () => {
    for (const path of ['/v1/health', '/v1/products/no-such-book', '/v1/products?limit=0']) {
      const response = await call('GET', path);
      expect(response.headers.get('strict-transport-security'), path).toMatch(/max-age=\d+/);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(response.headers.get('content-security-policy'), path).toMatch(/default-src 'none'/);
    }
  });

  it('answers an unknown route or method with a 404 problem document', async () => {
    // `GET /` is the web pages' (test below); any other method there is no route.
    for (const [method, path] of [['GET', '/v1/nothing-here'], ['DELETE', '/v1/health'], ['GET', '/v1'], ['GET', '/v1/'], ['POST', '/'], ['POST', '/v1/products']]) {
      const response = await call<{ status: number; type: string }>(method ?? 'GET', path ?? '/');
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.headers.get('content-type')).toMatch(problemContentType);
      expect(response.body).toMatchObject({ status: 404, type: 'urn:problem:folio:not-found' });
    }
  });

  it('serves the web pages beside the API: a page path answers index.html with the pages\' CSP, an unknown asset 404', async () => {
    for (const path of ['/', '/account/privacy', '/orders/some-order']) {
      const page = await call('GET', path);
      expect(page.status, path).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(page.text).toContain('<div id="app">');
    }
    expect((await call('GET', '/assets/nothing-1234.js')).status).toBe(404);
    const config = await call<{ apiBaseUrl: string; stage: string }>('GET', '/config.json');
    expect(config.body).toEqual({ apiBaseUrl: '', stage: 'local' });
  });

  it('refuses a body over 64 KiB with 413, whatever the route', async () => {
    // fetch() refuses a GET with a body; node:http sends one, as any client may.
    const body = 'x'.repeat(70 * 1024);
    const { status, contentType } = await new Promise<{ status: number; contentType: string }>((resolve, reject) => {
      const headers = { 'Content-Type': 'application/json', 'Content-Length': String(body.length) };
      const request = httpRequest(`${baseUrl()}/v1/health`, { method: 'GET', headers }, (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type']) }));
      });
      request.on('error', reject);
      request.end(body);
    });
    expect(status).toBe(413);
    expect(contentType).toMatch(problemContentType);
  });

  it('answers CORS preflights and requests for configured origins only', async () => {
    const allowed = baseUrl();
    const preflight = await fetch(`${baseUrl()}/v1/products`, {
      method: 'OPTIONS',
      headers: { Origin: allowed, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    const request = await call('GET', '/v1/health', { headers: { Origin: allowed } });
    expect(request.headers.get('access-control-allow-origin')).toBe(allowed);

    const foreign = 'https://evil.example';
    const foreignPreflight = await fetch(`${baseUrl()}/v1/products`, { method: 'OPTIONS', headers: { Origin: foreign, 'Access-Control-Request-Method': 'GET' } });
    expect(foreignPreflight.headers.get('access-control-allow-origin')).toBeNull();
    const foreignRequest = await call('GET', '/v1/health', { headers: { Origin: foreign } });
    expect(foreignRequest.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets shared caches keep the catalogue but never a personal answer', async () => {
    expect((await call('GET', '/v1/products')).headers.get('cache-control')).toMatch(/public/);
    expect((await call('GET', '/v1/products?limit=0')).headers.get('cache-control')).toBe('no-store');
  });
});
