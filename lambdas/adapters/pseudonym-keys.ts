/**
 * The impersonal exports' pseudonym keys: the secret `exportPseudonymKeys`
 * (`SECRET_EXPORT_PSEUDONYM_KEYS_ID`), a JSON map period → base64 key. Read fresh on every run
 * (no cache: the job writes it) and written with PutSecretValue. Values are never logged.
 */
import { randomBytes } from 'node:crypto';
import { GetSecretValueCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { secretsManager } from '#commons/clients/secrets-manager';
import { once, requireEnv } from '#commons/config';
import { secretEnv } from '#system/secrets';

const secretId = once(() => requireEnv(secretEnv('exportPseudonymKeys')));

export const pseudonymKeys = {
  async read(): Promise<string | undefined> {
    const result = await secretsManager.send(new GetSecretValueCommand({ SecretId: secretId() }));
    return result.SecretString;
  },
  async write(value: string): Promise<void> {
    await secretsManager.send(new PutSecretValueCommand({ SecretId: secretId(), SecretString: value }));
  },
};

export const newPseudonymKey = (): string => randomBytes(32).toString('base64');
