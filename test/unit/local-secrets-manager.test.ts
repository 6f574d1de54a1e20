/**
 * The local Secrets Manager: the real SDK client reads every secret of system/secrets.ts and the
 * contractor's signing secret from it, an unknown id is ResourceNotFoundException, and the values
 * are generated once per data directory (kept mode 0600) so a restart keeps them. The SDK talks to
 * the endpoint's request handling in-process (no sockets), so its real protocol code parses each answer.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterEach, describe, expect, it } from 'vitest';
import { FaultSwitch } from '../../local/faults';
import { LocalSecretsManager } from '../../local/secrets-manager';
import { secretNames } from '../../system/secrets';
import { inProcessClientConfig, servicesOf } from './local-sdk-handler';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'folio-secrets-'));
  dirs.push(dir);
  return dir;
};

const clientFor = (secretsManager: LocalSecretsManager) =>
  new SecretsManagerClient(inProcessClientConfig(servicesOf({ secretsManager, faults: new FaultSwitch() })));

describe('the local Secrets Manager', () => {
  it('holds every secret of system/secrets.ts and the mailer contractor\'s, and the real client reads them', async () => {
    const store = new LocalSecretsManager();
    expect(store.names().sort()).toEqual([...secretNames.map((n) => `folio-local/${n}`), 'folio-local/contractors/mailer'].sort());
    const client = clientFor(store);
    for (const name of store.names()) {
      const answer = await client.send(new GetSecretValueCommand({ SecretId: name }));
      expect(answer.Name).toBe(name);
      expect(answer.ARN).toMatch(new RegExp(`^arn:aws:secretsmanager:eu-central-1:000000000000:secret:${name}-[A-Za-z0-9]{6}$`));
      // The export job's keyring starts as an empty JSON map; every other secret is 32 random bytes.
      if (name === 'folio-local/exportPseudonymKeys') expect(answer.SecretString).toBe('{}');
      else expect(Buffer.from(answer.SecretString ?? '', 'base64')).toHaveLength(32);
      expect(answer.VersionId).toMatch(/^[0-9a-f-]{36}$/);
      expect(answer.CreatedDate).toBeInstanceOf(Date);
      // By ARN as well, as the deployed functions get ARNs.
      const byArn = await client.send(new GetSecretValueCommand({ SecretId: answer.ARN }));
      expect(byArn.SecretString).toBe(answer.SecretString);
    }
  });

  it('answers an unknown secret id with ResourceNotFoundException (HTTP 400)', async () => {
    const client = clientFor(new LocalSecretsManager());
    const error = await client.send(new GetSecretValueCommand({ SecretId: 'folio-local/no-such-secret' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect((error as ResourceNotFoundException).$metadata.httpStatusCode).toBe(400);
  });

  it('generates the values once per data directory, keeps them mode 0600, and keeps them across a restart', async () => {
    const dir = tempDir();
    const first = new LocalSecretsManager(dir);
    const file = join(dir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = new LocalSecretsManager(dir);
    for (const name of first.names()) expect(second.value(name)).toBe(first.value(name));
    expect(readFileSync(file, 'utf8')).toContain('folio-local/contractors/mailer');
    // Another data directory, or none, has other values.
    const other = new LocalSecretsManager(tempDir());
    const inMemory = new LocalSecretsManager();
    expect(other.value('folio-local/contractors/mailer')).not.toBe(first.value('folio-local/contractors/mailer'));
    expect(inMemory.value('folio-local/contractors/mailer')).not.toBe(first.value('folio-local/contractors/mailer'));
  });
});
