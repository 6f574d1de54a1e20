/**
 * The infrastructure of analytics (issue 7): only the impersonal export writes to the exports
 * bucket, only under its prefix, and it alone may write the pseudonym keys; k comes from context.
 */
import { describe, expect, it } from 'vitest';
import { FolioFunction } from '../../lib/constructs/folio-function';
import { actionsOf, logicalIdOf, ref, resourceById, resourcesOf, statementsOf, synthStack } from './app';

const { template, stack } = synthStack({ extraContext: { exportK: 7 } });
const functions = stack.node.findAll().filter((c): c is FolioFunction => c instanceof FolioFunction);

const statementsOf_ = (fn: FolioFunction) => {
  const role = resourceById(template, logicalIdOf(fn.function)).properties['Role'] as { 'Fn::GetAtt': [string, string] };
  return resourcesOf(template, 'AWS::IAM::Policy')
    .filter((policy) => JSON.stringify(policy.properties['Roles']).includes(JSON.stringify(ref(role['Fn::GetAtt'][0]))))
    .flatMap((policy) => statementsOf(policy.properties['PolicyDocument']));
};

describe('the exports bucket', () => {
  it('is written by the impersonal export alone, under impersonal/ only, and read by no function', () => {
    const bucketId = logicalIdOf(stack.storage.exports);
    const writers = functions.filter((fn) => statementsOf_(fn).some((s) => actionsOf(s).some((a) => a.startsWith('s3:'))));
    expect(writers.map((fn) => fn.handler)).toEqual(['export-impersonal-purchases']);
    const s3Statements = statementsOf_(writers[0] as FolioFunction).filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    expect(s3Statements.flatMap(actionsOf)).toEqual(['s3:PutObject']);
    const resource = JSON.stringify(s3Statements[0]?.Resource);
    expect(resource).toContain(bucketId);
    expect(resource).toContain('/impersonal/*');
  });

  it('gives the export its k from context, and the pseudonym-key secret to write', () => {
    const exporter = functions.find((fn) => fn.handler === 'export-impersonal-purchases');
    const variables = (resourceById(template, logicalIdOf(exporter?.function as never)).properties['Environment'] as { Variables: Record<string, unknown> }).Variables;
    expect(variables['EXPORT_K']).toBe('7');
    expect(variables['SECRET_EXPORT_PSEUDONYM_KEYS_ID']).toBeDefined();
    expect(statementsOf_(exporter as FolioFunction).some((s) => actionsOf(s).includes('secretsmanager:PutSecretValue'))).toBe(true);
  });
});
