/**
 * Functions that run once per deployment: the CDK app wraps each in a CloudFormation custom
 * resource (lib/constructs/data.ts), the local stack runs each at start (local/stack.ts).
 */
import type { FunctionRequirements } from './functions';

export interface DeployHookDefinition {
  readonly name: string;
  readonly description: string;
  readonly handler: string;
  readonly needs: FunctionRequirements;
}

export const deployHooks: readonly DeployHookDefinition[] = [
  {
    name: 'seed-catalogue',
    description: 'Puts the seed books that are missing into the catalogue; never overwrites a price.',
    handler: 'seed-catalogue',
    needs: { tables: { catalogue: 'readWrite' } },
  },
];
