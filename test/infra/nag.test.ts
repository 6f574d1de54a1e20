/**
 * cdk-nag's AwsSolutions pack passes with only the acknowledgements of lib/nag.ts and those next
 * to the constructs they concern, and the check is live: a bucket that breaks its rules is caught,
 * in the parent stack and in a nested one.
 */
import * as s3 from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { readNagViolations, synthStack } from './app';

describe('cdk-nag AwsSolutions', () => {
  it('reports no violation for the stack', () => {
    const { outdir } = synthStack({ nag: true });
    expect(readNagViolations(outdir)).toEqual([]);
  });

  it('reports a bucket without TLS enforcement or access logs (negative control)', () => {
    const { outdir, stack } = synthStack({
      nag: true,
      addConstructs: (target) => {
        new s3.Bucket(target, 'UnprotectedBucket');
      },
    });
    const bucketPath = `${stack.node.path}/UnprotectedBucket/Resource`;
    const violations = readNagViolations(outdir);
    expect(violations.map((v) => v.ruleName)).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']));
    for (const violation of violations) {
      expect(violation.ruleName).toMatch(/^AwsSolutions-/);
      expect(violation.constructPaths).toEqual([bucketPath]);
    }
  });

  it('checks the nested stacks too: the same bucket in the Workers nested stack is reported (negative control)', () => {
    const { outdir, stack } = synthStack({
      nag: true,
      addConstructs: (target) => {
        new s3.Bucket(target.workers, 'UnprotectedBucket');
      },
    });
    const bucketPath = `${stack.workers.node.path}/UnprotectedBucket/Resource`;
    const violations = readNagViolations(outdir);
    expect(violations.map((v) => v.ruleName)).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']));
    for (const violation of violations) {
      expect(violation.ruleName).toMatch(/^AwsSolutions-/);
      expect(violation.constructPaths).toEqual([bucketPath]);
    }
  });
});
