/**
 * Secrets folio generates and keeps in AWS Secrets Manager. The CDK app creates each with a
 * generated value and grants reading it to the functions whose `needs.secrets` name it
 * (lib/constructs/folio-function.ts); the local stack's Secrets Manager stand-in generates the
 * same secrets once per data directory (local/secrets-manager.ts). Contractors' signing
 * secrets are per contractor, from the stage configuration (system/contractors.ts).
 */

export interface SecretDefinition {
  readonly description: string;
  /** How the secret starts: a generated random value (a key), or an empty JSON map a job fills. @default 'generated' */
  readonly initial?: 'generated' | 'emptyJsonMap';
}

export const secrets = {
  unsubscribeSigning: {
    description: 'HMAC-SHA256 key that signs the one-click unsubscribe tokens in advertising and informational messages.',
  },
  exportPseudonymKeys: {
    description:
      'The keys of the impersonal exports\' pseudonyms, one per period (JSON: period → key), written by the export job; keys of old periods are dropped so exports cannot be joined.',
    initial: 'emptyJsonMap',
  },
} as const satisfies Record<string, SecretDefinition>;

export type SecretName = keyof typeof secrets;

export const secretNames = Object.keys(secrets) as SecretName[];

/** The environment variable that carries a secret's ARN (or, locally, its name) to a function. */
export const secretEnv = (secret: SecretName): string =>
  `SECRET_${secret.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}_ID`;
