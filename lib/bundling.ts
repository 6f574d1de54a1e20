/**
 * How a function is bundled: read by the function construct (lib/constructs/folio-function.ts)
 * and by the benchmark (bench/), so the bundles measured are the bundles deployed.
 */
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

export const bundling = {
  format: 'esm',
  platform: 'node',
  target: 'node22',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  // The SDK is bundled too: one pinned version, tree-shaken, the same locally and deployed.
  external: [] as string[],
  // Lambda gives credentials in the environment: the SDK's full default chain is dead weight.
  alias: { '@aws-sdk/credential-provider-node': join(root, 'lambdas', 'commons', 'env-credentials.ts') } as Record<string, string>,
  // Some bundled dependencies are CommonJS and call require(); ESM output needs one.
  banner: "import { createRequire as __folioRequire } from 'node:module'; const require = __folioRequire(import.meta.url);",
} as const;

/** The same options for esbuild's own API, for the benchmark and the deployed-bundle test. */
export const esbuildOptions = (entry: string, outfile: string) => ({
  entryPoints: [entry],
  outfile,
  bundle: true,
  format: bundling.format,
  platform: bundling.platform,
  target: bundling.target,
  minify: bundling.minify,
  sourcemap: bundling.sourcemap,
  sourcesContent: bundling.sourcesContent,
  mainFields: [...bundling.mainFields],
  external: [...bundling.external],
  banner: { js: bundling.banner },
  alias: bundling.alias,
  absWorkingDir: root,
  logLevel: 'error' as const,
});
