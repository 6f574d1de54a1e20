/**
 * Errors the domain raises, by category. The HTTP layer maps a category to a status
 * (lambdas/commons/http/problems.ts); jobs and consumers catch by category too.
 */

export interface FieldError {
  readonly path: string;
  readonly message: string;
}

export abstract class DomainError extends Error {
  constructor(
    message: string,
    /** Safe to show to the caller: never personal data, never internals. */
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** The thing does not exist, or belongs to someone else (answered alike so ids cannot be probed). */
export class NotFoundError extends DomainError {
  override readonly name = 'NotFoundError';
}

/** The request contradicts the current state: a stale version, a repeated key with another body. */
export class ConflictError extends DomainError {
  override readonly name = 'ConflictError';
}

/** The input is well-formed but breaks a rule of the domain. */
export class RuleViolationError extends DomainError {
  override readonly name = 'RuleViolationError';
  constructor(
    message: string,
    readonly errors: readonly FieldError[],
    detail?: string,
  ) {
    super(message, detail);
  }
}

/** The caller is known but may not do this (a missing group or consent). */
export class ForbiddenError extends DomainError {
  override readonly name = 'ForbiddenError';
}

/** The caller is not who the credentials claim, or the credentials are gone. */
export class UnauthenticatedError extends DomainError {
  override readonly name = 'UnauthenticatedError';
}

/** Too many attempts; retry after the given number of seconds. */
export class RateLimitedError extends DomainError {
  override readonly name = 'RateLimitedError';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
