/**
 * The `Idempotency-Key` header of routes that create something (the contract: 1–64 visible
 * ASCII characters). What a key means is the route's business; here it is only read and checked.
 */
import { validationFailed } from './problems';

const keyPattern = /^[\x21-\x7e]{1,64}$/;

/** The key, `undefined` when the header is absent, or a 422 naming the header. */
export const idempotencyKeyOf = (headers: Readonly<Record<string, string>>): string | undefined => {
  const value = headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (!keyPattern.test(value)) {
    throw validationFailed([{ path: 'header.Idempotency-Key', message: 'must be 1 to 64 visible ASCII characters' }]);
  }
  return value;
};
