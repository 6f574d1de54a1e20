/**
 * What a function needs from the rest of the system. The CDK app turns it into
 * environment variables and least-privilege IAM grants (lib/constructs/folio-function.ts);
 * the local stack into the same environment variables.
 */
import type { QueueName } from './queues';
import type { TableName } from './tables';

export type TableAccess = 'read' | 'write' | 'readWrite';

export type UserPoolAction =
  | 'signUp'
  | 'signIn'
  | 'adminRead'
  | 'adminWrite';

export interface FunctionRequirements {
  readonly tables?: Partial<Record<TableName, TableAccess>>;
  readonly queues?: Partial<Record<QueueName, 'send'>>;
  readonly userPool?: readonly UserPoolAction[];
  /** Sends email through SES. */
  readonly email?: boolean;
  /** Sends SMS and push through SNS. */
  readonly sms?: boolean;
  /** Memory in MiB; 256 unless a measurement says otherwise (docs/performance.md). */
  readonly memoryMiB?: number;
  readonly timeoutSeconds?: number;
}
