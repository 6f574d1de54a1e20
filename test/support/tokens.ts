/**
 * Forged and altered JWTs for the token-hardening tests. The local pool (cognito-local) signs
 * with a key published in its package, so a test can re-sign a real token with the pool's own
 * key and change one claim: the gateway must then refuse it for that claim alone. It can also
 * sign with a key of its own, send no signature, or keep a signature over a changed payload.
 */
import { createPrivateKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export type Json = Record<string, unknown>;

export interface DecodedJwt {
  readonly header: Json;
  readonly payload: Json;
  /** The third segment as sent (base64url). */
  readonly signature: string;
}

/** The local pool's signing key and the key id its JWKS names it by. */
export const poolSigningKey: KeyObject = createPrivateKey((require('cognito-local/lib/keys/cognitoLocal.private.json') as { pem: string }).pem);
export const poolKeyId = 'CognitoLocal';

/** An RSA key the pool never saw. */
export const foreignRsaKey = (): KeyObject => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

const segment = (value: Json): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

export const decodeJwt = (token: string): DecodedJwt => {
  const [header, payload, signature] = token.split('.');
  if (header === undefined || payload === undefined || signature === undefined) throw new Error('not a JWT');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Json,
    payload: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Json,
    signature,
  };
};

/** An RS256 JWT over exactly this header and payload. */
export const signJwt = (header: Json, payload: Json, key: KeyObject): string => {
  const input = `${segment(header)}.${segment(payload)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
};

/** A JWT with no signature (an empty third segment). */
export const unsignedJwt = (header: Json, payload: Json): string => `${segment(header)}.${segment(payload)}.`;

/** The token's payload changed by `change`, its header and signature kept as they were. */
export const tamperedJwt = (token: string, change: (payload: Json) => Json): string => {
  const { header, payload, signature } = decodeJwt(token);
  return `${segment(header)}.${segment(change(payload))}.${signature}`;
};

/** The token with `change` applied to its payload, re-signed with the pool's own key. */
export const resignedJwt = (token: string, change: (payload: Json) => Json = (p) => p, key: KeyObject = poolSigningKey, kid = poolKeyId): string => {
  const { header, payload } = decodeJwt(token);
  return signJwt({ ...header, alg: 'RS256', kid }, change(payload), key);
};
