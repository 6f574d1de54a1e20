/**
 * What a function needs from the rest of the system. The CDK app turns it into
 * environment variables and least-privilege IAM grants (lib/constructs/folio-function.ts);
 * the local stack into the same environment variables.
 */
import type { QueueName } from './queues';
import type { SecretName } from './secrets';
import type { TableName } from './tables';

export type TableAccess = 'read' | 'write' | 'readWrite';

export type UserPoolAction =
  | 'signUp'
  | 'signIn'
  | 'adminRead'
  | 'adminWrite';

export interface FunctionRequirements {
  readonly tables?: Partial<Record<TableName, TableAccess>>;
  /**
   * `send` puts messages on the queue; `consume` is for the queue's own consumer, which the event
   * source mapping already lets receive and delete, and which also changes a failed message's
   * visibility (its retry backoff).
   */
  readonly queues?: Partial<Record<QueueName, 'send' | 'consume'>>;
  /** Secrets Manager secrets the function reads (system/secrets.ts). */
  readonly secrets?: readonly SecretName[];
  /** Secrets the function also writes a new value of (PutSecretValue). */
  readonly secretsWrite?: readonly SecretName[];
  /** Writes objects under `prefix` of the exports bucket (impersonal exports for partners). */
  readonly exportsBucket?: { readonly prefix: string };
  /** Reads the contractors' list and each one's signing secret (system/contractors.ts). */
  readonly contractors?: boolean;
  readonly userPool?: readonly UserPoolAction[];
  /** Sends email through SES. */
  readonly email?: boolean;
  /** Sends SMS and push through SNS. */
  readonly sms?: boolean;
  /** Reads the numbers that replied STOP (SNS ListPhoneNumbersOptedOut). */
  readonly smsOptOuts?: boolean;
  /** Creates and deletes SNS platform endpoints for customers' devices (push). */
  readonly pushEndpoints?: boolean;
  /** Memory in MiB; 256 unless a measurement says otherwise (docs/performance.md). */
  readonly memoryMiB?: number;
  readonly timeoutSeconds?: number;
}
