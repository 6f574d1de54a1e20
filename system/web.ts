/**
 * The web pages (web/): the customer's account pages and the operators' console. One
 * definition of how they are served, read by the local gateway (local/web.ts) and by the CDK
 * app's CloudFront distribution (lib/constructs/web.ts), so the headers a browser sees are the
 * same on a laptop and in the cloud.
 */

/** What the pages read from `/config.json` when they start. */
export interface WebConfig {
  /** Where the API is: '' for the pages' own origin (locally, and behind CloudFront's `/v1/*`). */
  readonly apiBaseUrl: string;
  /** The stage's name, shown to operators. */
  readonly stage: string;
}

/**
 * The pages' Content Security Policy. Scripts, styles and the session worker come from the
 * pages' own origin only: no inline script, no eval, no third party. `connect-src` adds the
 * API's origin when it is elsewhere.
 */
export const webContentSecurityPolicy = (apiOrigin?: string): string =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "worker-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${apiOrigin === undefined || apiOrigin === '' ? '' : ` ${apiOrigin}`}`,
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

/** Headers on every page and asset; CloudFront's response headers policy sets the same. */
export const webSecurityHeaders = (apiOrigin?: string) =>
  ({
    'Content-Security-Policy': webContentSecurityPolicy(apiOrigin),
    'Strict-Transport-Security': 'max-age=15552000; includeSubDomains',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), interest-cohort=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
  }) as const;

/**
 * Paths that are pages, not files: every path that is neither the API's (`/v1/`), the local
 * stack's (`/_local/`) nor a built file is answered with `index.html`, and the page's router
 * takes it from there (locally in local/web.ts, in the cloud by a CloudFront function).
 */
export const isPagePath = (path: string): boolean =>
  !path.startsWith('/v1/') && !path.startsWith('/_local/') && !/\.[a-z0-9]+$/i.test(path);

/** How long a browser may keep each kind of file: hashed assets forever, the rest never. */
export const webCacheControl = (path: string): string =>
  path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
