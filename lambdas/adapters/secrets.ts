/**
 * Secret values from AWS Secrets Manager (GetSecretValue), kept per warm execution environment for
 * five minutes: a rotated value is picked up within that time, and a busy function does not call
 * Secrets Manager on every invocation. Values are never logged.
 */
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { secretsManager } from '#commons/clients/secrets-manager';

export const secretCacheMs = 5 * 60 * 1000;

interface Cached {
  readonly value: Promise<string>;
  readonly until: number;
}

const cache = new Map<string, Cached>();

export class SecretUnavailableError extends Error {
  override readonly name = 'SecretUnavailableError';
}

const fetchSecret = async (secretId: string): Promise<string> => {
  const result = await secretsManager.send(new GetSecretValueCommand({ SecretId: secretId }));
  const value = result.SecretString ?? (result.SecretBinary === undefined ? undefined : Buffer.from(result.SecretBinary).toString('utf8'));
  if (value === undefined || value === '') throw new SecretUnavailableError('the secret has no value');
  return value;
};

/** The current value of a secret (ARN or name), read at most once per five minutes per environment. */
export const secretValue = async (secretId: string, now: () => number = Date.now): Promise<string> => {
  const cached = cache.get(secretId);
  if (cached !== undefined && cached.until > now()) return cached.value;
  const value = fetchSecret(secretId);
  cache.set(secretId, { value, until: now() + secretCacheMs });
  // A failed read is not kept: the next call tries again.
  value.catch(() => {
    if (cache.get(secretId)?.value === value) cache.delete(secretId);
  });
  return value;
};
