/**
 * RFC 9457 problem documents: one place turns every error into an answer. A 4xx names what
 * was wrong; a 5xx is generic, with no stack, exception name or AWS error text.
 */
import {
  ConflictError,
  DomainError,
  type FieldError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  RuleViolationError,
  UnauthenticatedError,
} from '#domain/errors';

export const problemContentType = 'application/problem+json';

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly errors?: readonly FieldError[];
}

/** An error that already knows its HTTP answer. */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: readonly FieldError[],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(title);
  }
}

export const problemType = (slug: string): string => `urn:problem:folio:${slug}`;

export const malformedJson = () =>
  new HttpProblem(400, 'malformed-json', 'Malformed JSON', 'The request body is not valid JSON.');
export const payloadTooLarge = (limit: number) =>
  new HttpProblem(413, 'payload-too-large', 'Payload Too Large', `The request body is over ${limit} bytes.`);
export const unsupportedMediaType = (mediaType = 'application/json') =>
  new HttpProblem(415, 'unsupported-media-type', 'Unsupported Media Type', `Send the body as ${mediaType}.`);
export const validationFailed = (errors: readonly FieldError[]) =>
  new HttpProblem(422, 'validation', 'Validation Failed', 'Some fields are missing or invalid.', errors);
export const unauthorized = () =>
  new HttpProblem(401, 'unauthorized', 'Unauthorized', 'Sign in to use this route.');
export const forbidden = (detail: string) => new HttpProblem(403, 'forbidden', 'Forbidden', detail);
export const badRequest = (detail: string) => new HttpProblem(400, 'bad-request', 'Bad Request', detail);

/** AWS SDK errors that mean "try again": throttling, timeouts, a stand-in restarting. */
const retryable = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  const e = error as Error & { $retryable?: unknown; $metadata?: { httpStatusCode?: number }; code?: string };
  if (e.$retryable) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) return true;
  return (
    /Throttl|TimeoutError|RequestTimeout|ProvisionedThroughputExceeded|ServiceUnavailable|TransactionConflict/.test(e.name) ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(e.code ?? '')
  );
};

export const toHttpProblem = (error: unknown): HttpProblem => {
  if (error instanceof HttpProblem) return error;
  if (error instanceof DomainError) {
    if (error instanceof NotFoundError) return new HttpProblem(404, 'not-found', 'Not Found', error.detail);
    if (error instanceof ConflictError) return new HttpProblem(409, 'conflict', 'Conflict', error.detail);
    if (error instanceof RuleViolationError)
      return new HttpProblem(422, 'validation', 'Validation Failed', error.detail, error.errors);
    if (error instanceof ForbiddenError) return new HttpProblem(403, 'forbidden', 'Forbidden', error.detail);
    if (error instanceof UnauthenticatedError)
      return new HttpProblem(401, 'unauthorized', 'Unauthorized', error.detail);
    if (error instanceof RateLimitedError)
      return new HttpProblem(429, 'too-many-requests', 'Too Many Requests', 'Try again later.', undefined, {
        'Retry-After': String(error.retryAfterSeconds),
      });
  }
  if (retryable(error)) {
    return new HttpProblem(503, 'unavailable', 'Service Unavailable', 'Please retry shortly.', undefined, {
      'Retry-After': '1',
    });
  }
  return new HttpProblem(500, 'internal', 'Internal Server Error', 'Something went wrong on our side.');
};

export const problemBody = (problem: HttpProblem): Problem => ({
  type: problemType(problem.slug),
  title: problem.title,
  status: problem.status,
  ...(problem.detail === undefined ? {} : { detail: problem.detail }),
  ...(problem.errors === undefined ? {} : { errors: problem.errors }),
});
