/**
 * The local Secrets Manager: the secrets of system/secrets.ts (local id `folio-local/<name>`) and
 * each local contractor's signing secret (`folio-local/contractors/<name>`), served over Secrets
 * Manager's JSON 1.1 protocol (`X-Amz-Target: secretsmanager.GetSecretValue`) by the project's
 * own AWS endpoint, so the functions' own SecretsManagerClient reads them through
 * AWS_ENDPOINT_URL_SECRETS_MANAGER. Each value is 32 random bytes (base64), generated once per
 * data directory and kept in `<dataDir>/secrets.json` (mode 0600), so that tokens signed before a
 * restart still verify; without a data directory they live in memory. `exportPseudonymKeys` starts
 * as `{}` (a JSON map period → key, which the export job fills with PutSecretValue). PutSecretValue
 * replaces a secret's value (a new VersionId, kept in the same file).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type SecretDefinition, secretNames, secrets } from '#system/secrets';

const region = 'eu-central-1';
const account = '000000000000';

/** The local contractors; each has a recording endpoint `/_local/contractors/<name>`. */
export const localContractors = ['mailer'] as const;
export type LocalContractor = (typeof localContractors)[number];

export const localSecretId = (name: string): string => `folio-local/${name}`;
export const contractorSecretId = (contractor: string): string => `folio-local/contractors/${contractor}`;

export class SecretsManagerError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface StoredSecret {
  readonly name: string;
  readonly arn: string;
  readonly value: string;
  readonly versionId: string;
  /** Epoch seconds, as the JSON protocol carries timestamps. */
  readonly createdDate: number;
}

/** Secrets Manager appends six random characters to a secret's name in its ARN. */
const arnOf = (name: string) => {
  const suffix = randomBytes(6).toString('base64url').replace(/[-_]/g, 'x').slice(0, 6);
  return `arn:aws:secretsmanager:${region}:${account}:secret:${name}-${suffix}`;
};

/** Secrets whose initial value is not random bytes: the export job's keyring starts empty. */
/** Secrets that start as an empty JSON map (system/secrets.ts `initial`), not random bytes. */
const initialValues: Readonly<Record<string, string>> = Object.fromEntries(
  secretNames.filter((name) => (secrets[name] as SecretDefinition).initial === 'emptyJsonMap').map((name) => [localSecretId(name), '{}']),
);

const generate = (name: string, now: number): StoredSecret => ({
  name,
  arn: arnOf(name),
  value: initialValues[name] ?? randomBytes(32).toString('base64'),
  versionId: randomUUID(),
  createdDate: Math.floor(now / 1000),
});

const isStoredSecret = (value: unknown): value is StoredSecret => {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  return typeof s['name'] === 'string' && typeof s['arn'] === 'string' && typeof s['value'] === 'string' && typeof s['versionId'] === 'string' && typeof s['createdDate'] === 'number';
};

export class LocalSecretsManager {
  private readonly secrets = new Map<string, StoredSecret>();
  private readonly file: string | undefined;

  /** `dataDir` keeps the values across restarts; without it they are generated anew in memory. */
  constructor(
    private readonly dataDir?: string,
    private readonly now: () => number = Date.now,
  ) {
    const file = dataDir === undefined ? undefined : join(dataDir, 'secrets.json');
    this.file = file;
    if (file !== undefined && existsSync(file)) {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as { secrets?: unknown[] };
      for (const secret of stored.secrets ?? []) if (isStoredSecret(secret)) this.secrets.set(secret.name, secret);
    }
    const wanted = [...secretNames.map(localSecretId), ...localContractors.map(contractorSecretId)];
    let added = false;
    for (const name of wanted) {
      if (this.secrets.has(name)) continue;
      this.secrets.set(name, generate(name, now()));
      added = true;
    }
    if (added) this.persist();
  }

  private persist(): void {
    if (this.file === undefined) return;
    writeFileSync(this.file, `${JSON.stringify({ secrets: [...this.secrets.values()] }, null, 2)}\n`, { mode: 0o600 });
    chmodSync(this.file, 0o600);
  }

  /** The names of every secret held. */
  names(): string[] {
    return [...this.secrets.keys()];
  }

  /** A secret's value by name or ARN, for the stack's own use (the contractor recorder's key). */
  value(secretId: string): string {
    return this.find(secretId).value;
  }

  private find(secretId: unknown): StoredSecret {
    if (typeof secretId !== 'string' || secretId === '') throw new SecretsManagerError('InvalidParameterException', 'SecretId is required.');
    const secret = this.secrets.get(secretId) ?? [...this.secrets.values()].find((s) => s.arn === secretId);
    if (secret === undefined) throw new SecretsManagerError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
    return secret;
  }

  /** Answers one JSON 1.1 action (`X-Amz-Target: secretsmanager.<action>`). */
  handle(action: string, input: Record<string, unknown>): unknown {
    switch (action) {
      case 'GetSecretValue': {
        const secret = this.find(input['SecretId']);
        const versionId = input['VersionId'];
        const stage = input['VersionStage'];
        if ((versionId !== undefined && versionId !== secret.versionId) || (stage !== undefined && stage !== 'AWSCURRENT')) {
          throw new SecretsManagerError('ResourceNotFoundException', "Secrets Manager can't find the specified secret value for the given version.");
        }
        return {
          ARN: secret.arn,
          Name: secret.name,
          SecretString: secret.value,
          VersionId: secret.versionId,
          VersionStages: ['AWSCURRENT'],
          CreatedDate: secret.createdDate,
        };
      }
      case 'PutSecretValue': {
        const secret = this.find(input['SecretId']);
        const value = input['SecretString'];
        if (input['SecretBinary'] !== undefined) throw new SecretsManagerError('InvalidParameterException', 'The local Secrets Manager keeps SecretString values only.');
        if (typeof value !== 'string' || value === '') throw new SecretsManagerError('InvalidParameterException', 'You must provide either SecretString or SecretBinary.');
        const token = input['ClientRequestToken'];
        // The same ClientRequestToken with the same value is a retry: no new version.
        if (typeof token === 'string' && token === secret.versionId) {
          if (value !== secret.value) throw new SecretsManagerError('ResourceExistsException', 'A version with this ClientRequestToken already exists with different contents.');
        } else {
          this.secrets.set(secret.name, { ...secret, value, versionId: typeof token === 'string' && token !== '' ? token : randomUUID(), createdDate: Math.floor(this.now() / 1000) });
          this.persist();
        }
        const stored = this.find(secret.name);
        return { ARN: stored.arn, Name: stored.name, VersionId: stored.versionId, VersionStages: ['AWSCURRENT'] };
      }
      default:
        throw new SecretsManagerError('UnknownOperationException', `The local Secrets Manager does not support ${action}.`);
    }
  }
}
