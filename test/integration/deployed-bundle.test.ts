/**
 * The deployed artefact, not just the source: a function bundled exactly as the CDK app
 * bundles it (lib/bundling.ts, the credential chain replaced by environment credentials) loads
 * in Node and answers from the local stack's DynamoDB.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { esbuildOptions } from '../../lib/bundling';
import { stackInfo } from '../support/api';
import { lambdaContext, restEvent } from '../support/events';
import { root } from '../support/spawn-stack';

const dir = mkdtempSync(join(tmpdir(), 'folio-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a deployed bundle', () => {
  it('runs with environment credentials and reads the catalogue', async () => {
    const outfile = join(dir, 'get-product.mjs');
    await build({ ...esbuildOptions(join(root, 'lambdas', 'functions', 'get-product.ts'), outfile), metafile: true }).then((result) => {
      // The SDK's default chain must not be in the artefact.
      expect(Object.keys(result.metafile.inputs).some((input) => input.includes('credential-provider-node'))).toBe(false);
    });

    const info = await stackInfo();
    Object.assign(process.env, {
      TABLE_CATALOGUE: info.tables['catalogue'],
      AWS_ENDPOINT_URL_DYNAMODB: info.endpoints.dynamodb,
      AWS_REGION: 'eu-central-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
    const { handler } = (await import(pathToFileURL(outfile).href)) as { handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }> };
    const result = await handler(
      restEvent({ path: '/v1/products/tolstoy-war-and-peace', resource: '/v1/products/{productId}', params: { productId: 'tolstoy-war-and-peace' } }),
      lambdaContext('get-product'),
    );
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ productId: 'tolstoy-war-and-peace', currency: 'RUB' });
  });
});
