/**
 * The web pages on the local stack: built in memory at start (web/build.ts) and served by the
 * gateway on the API's own origin, with the headers CloudFront gives them in the cloud
 * (system/web.ts). A page path (`/account`, `/orders/123`) answers `index.html`, as the
 * CloudFront function does; an unknown asset is a 404.
 */
import type { ServerResponse } from 'node:http';
import { isPagePath, webCacheControl, webSecurityHeaders } from '../system/web';
import type { WebSite } from '../web/build';

/** Answers a request for the pages, or returns false when it is not one (an API path). */
export const serveWeb = (site: WebSite, method: string, path: string, res: ServerResponse): boolean => {
  if (method !== 'GET' && method !== 'HEAD') return false;
  if (path.startsWith('/v1/') || path === '/v1' || path.startsWith('/_local/')) return false;
  const file = site.get(path) ?? (isPagePath(path) ? site.get('/index.html') : undefined);
  const headers = { ...webSecurityHeaders(), 'Cache-Control': webCacheControl(path) };
  if (file === undefined) {
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(method === 'HEAD' ? undefined : 'Not found');
    return true;
  }
  res.writeHead(200, { ...headers, 'Content-Type': file.contentType, 'Content-Length': String(file.body.length) });
  res.end(method === 'HEAD' ? undefined : file.body);
  return true;
};
