/**
 * The signing keys folio generates (system/secrets.ts) and one signing secret per contractor
 * (system/contractors.ts), in Secrets Manager under the stage's customer-managed key. Functions
 * read only the secrets their `needs` name (lib/constructs/folio-function.ts).
 */
import { SecretValue, Validations } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { type SecretDefinition, type SecretName, secretNames, secrets } from '../../system/secrets';

export interface SecretsProps {
  readonly stage: string;
  readonly key: kms.IKey;
  readonly contractors: readonly { readonly name: string; readonly endpoint: string }[];
}

export interface ContractorBinding {
  readonly name: string;
  readonly endpoint: string;
  readonly secret: secretsmanager.ISecret;
}

const signingKey = (scope: Construct, id: string, name: string, description: string, key: kms.IKey, initial: SecretDefinition['initial'] = 'generated'): secretsmanager.Secret => {
  const secret = new secretsmanager.Secret(scope, id, {
    secretName: name,
    description,
    encryptionKey: key,
    // A map a job fills (the export's keys per period) starts empty; '{}' holds nothing secret.
    ...(initial === 'emptyJsonMap'
      ? { secretStringValue: SecretValue.unsafePlainText('{}') }
      : { generateSecretString: { passwordLength: 48, excludePunctuation: true } }),
  });
  Validations.of(secret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'An HMAC signing key, not a credential: rotating it invalidates every unsubscribe link in sent mail (or a contractor’s verification) at once, so it is rotated by the runbook in README.md ("Rotate a signing key"), not on a schedule.',
  });
  return secret;
};

export class Secrets extends Construct {
  public readonly secrets: Readonly<Record<SecretName, secretsmanager.ISecret>>;
  public readonly contractors: readonly ContractorBinding[];

  constructor(scope: Construct, id: string, props: SecretsProps) {
    super(scope, id);
    this.secrets = Object.fromEntries(
      secretNames.map((name) => {
        const definition: SecretDefinition = secrets[name];
        return [name, signingKey(this, name, `folio/${props.stage}/${name}`, definition.description, props.key, definition.initial)];
      }),
    ) as Partial<Record<SecretName, secretsmanager.ISecret>> as Record<SecretName, secretsmanager.ISecret>;
    this.contractors = props.contractors.map((contractor) => ({
      ...contractor,
      secret: signingKey(
        this,
        `contractor-${contractor.name}`,
        `folio/${props.stage}/contractors/${contractor.name}`,
        `HMAC-SHA256 key that signs the subscription batches sent to contractor ${contractor.name}; share it with the contractor.`,
        props.key,
      ),
    }));
  }
}
