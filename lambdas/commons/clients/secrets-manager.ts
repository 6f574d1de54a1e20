/**
 * One Secrets Manager client per execution environment (signing keys: the unsubscribe key, the
 * contractors' batch keys). Reads go through lambdas/adapters/secrets.ts, which caches them.
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

export const secretsManager = new SecretsManagerClient({
  maxAttempts: 3,
  requestHandler: { connectionTimeout: 1_000, requestTimeout: 3_000 },
});
