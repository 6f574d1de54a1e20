/**
 * Bundles every function exactly as the CDK app does (lib/bundling.ts) and measures what its
 * cold start pays for: the bundle's size and the time to import it, against the baseline
 * (bench/baseline-handler.ts). Also says what a bundle is made of, from esbuild's metafile.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzeMetafile, build, type Metafile } from 'esbuild';
import { esbuildOptions } from '../lib/bundling';
import { deployHooks } from '../system/deploy-hooks';
import { jobs } from '../system/jobs';
import { queueEnv, queueNames, queues } from '../system/queues';
import { routes } from '../system/routes/index';
import { streamConsumers } from '../system/streams';
import { contractorsEnv } from '../system/contractors';
import { secretEnv, secretNames } from '../system/secrets';
import { tableEnv, tableNames } from '../system/tables';

export const root = resolve(import.meta.dirname, '..');

/** Git-ignored; each bundle is left there to inspect (and its source map next to it). */
export const outDir = join(root, 'bench', 'out');

// ---------------------------------------------------------------------------------------------
// Statistics: medians, so one noisy run does not move a figure.

export const median = (values: readonly number[]): number => {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  // An even count averages the two middle values instead of picking one side.
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

// ---------------------------------------------------------------------------------------------
// The functions: read from the same definitions the CDK app and the local stack read, so a new
// route, job, queue consumer or deploy hook is benchmarked without being listed here.

export interface FunctionEntry {
  readonly name: string;
  /** Absolute path of the entry point esbuild bundles. */
  readonly entry: string;
}

/** Not a function name: the baseline is bundled next to the functions under this name. */
export const baselineName = 'baseline';

export const baselineEntry: FunctionEntry = { name: baselineName, entry: join(root, 'bench', 'baseline-handler.ts') };

export const functionEntries = (): FunctionEntry[] => {
  const names = [
    ...routes.map((route) => route.handler),
    ...jobs.map((job) => job.handler),
    ...Object.values(queues).map((queue) => queue.consumer),
    ...streamConsumers.map((consumer) => consumer.consumer),
    ...deployHooks.map((hook) => hook.handler),
  ];
  // Several definitions may share one handler; it is one bundle and one measurement.
  const unique = [...new Set(names)].sort();
  if (unique.includes(baselineName)) throw new Error(`a function is named "${baselineName}", which the benchmark reserves`);
  return unique.map((name) => {
    const entry = join(root, 'lambdas', 'functions', `${name}.ts`);
    if (!existsSync(entry)) throw new Error(`function ${name} is defined but lambdas/functions/${name}.ts does not exist`);
    return { name, entry };
  });
};

/** A function by name, for `--analyze`; the baseline is accepted too. */
export const findEntry = (name: string): FunctionEntry => {
  if (name === baselineName) return baselineEntry;
  const all = functionEntries();
  const found = all.find((fn) => fn.name === name);
  if (found === undefined) throw new Error(`no function named ${name}; known: ${[...all.map((fn) => fn.name), baselineName].join(', ')}`);
  return found;
};

// ---------------------------------------------------------------------------------------------
// Bundling.

export interface Bundle {
  readonly name: string;
  readonly entry: string;
  readonly outfile: string;
  /** Size of the minified .mjs alone: what Lambda loads and evaluates; the map is read only on errors. */
  readonly bytes: number;
  readonly metafile: Metafile;
}

export const bundleFunction = async (fn: FunctionEntry): Promise<Bundle> => {
  const dir = join(outDir, fn.name);
  // A stale file from an earlier run must not survive next to the new bundle.
  await rm(dir, { recursive: true, force: true });
  const outfile = join(dir, 'index.mjs');
  const result = await build({
    ...esbuildOptions(fn.entry, outfile),
    // Changes nothing in the output; records which input contributed how many bytes.
    metafile: true,
  });
  return { name: fn.name, entry: fn.entry, outfile, bytes: (await stat(outfile)).size, metafile: result.metafile };
};

// ---------------------------------------------------------------------------------------------
// Import time: how long Node takes to load and evaluate a bundle in a fresh process, which is
// what a Lambda cold start pays before the first invocation (module-level clients,
// configuration and the whole bundle's top level run here).

/**
 * The environment of each import: every variable module-level configuration requires
 * (lambdas/commons/config.ts throws on a missing one), with dummy values. Nothing is inherited
 * from the caller, so a developer's AWS profile or NODE_OPTIONS cannot change the figures.
 */
export const importEnv = (): Record<string, string> => ({
  AWS_REGION: 'eu-central-1',
  ...Object.fromEntries(tableNames.map((table) => [tableEnv(table), `folio-bench-${table}`])),
  ...Object.fromEntries(
    queueNames.map((queue) => [queueEnv(queue), `https://sqs.eu-central-1.amazonaws.com/000000000000/folio-bench-${queue}`]),
  ),
  USER_POOL_ID: 'eu-central-1_bench',
  USER_POOL_CLIENT_ID: 'bench-client',
  SES_FROM_ADDRESS: 'bench@example.com',
  API_BASE_URL: 'https://bench.execute-api.eu-central-1.amazonaws.com/bench',
  ...Object.fromEntries(secretNames.map((secret) => [secretEnv(secret), `arn:aws:secretsmanager:eu-central-1:000000000000:secret:folio/bench/${secret}`])),
  [contractorsEnv]: '[]',
});

const importTimeoutMs = 30_000;

/** Imports the bundle in a fresh Node process and returns the milliseconds the import took. */
export const timeImport = (file: string, env: Record<string, string> = importEnv()): Promise<number> =>
  new Promise((done, fail) => {
    // Timed inside the child, so Node's own start-up (the same for every bundle) is left out.
    const code = `const t=performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now()-t))`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), importTimeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      fail(error);
    });
    child.once('close', (exitCode, signal) => {
      clearTimeout(timer);
      const ms = Number(stdout.trim());
      if (exitCode !== 0 || stdout.trim() === '' || !Number.isFinite(ms)) {
        fail(new Error(`importing ${file} failed (exit ${exitCode ?? signal}): ${stdout.slice(-500)}${stderr.slice(-2000)}`));
        return;
      }
      done(ms);
    });
  });

export interface InterleavedSamples {
  readonly baseline: number[];
  readonly subject: number[];
}

/**
 * `runs` imports of the subject and as many of the baseline, alternating, so a noisy moment of
 * the machine (another process, thermal throttling) hits both sides alike and the ratio stays
 * fair. One discarded pair first: the first process after bundling pays for cold file caches.
 */
export const timeInterleaved = async (baselineFile: string, subjectFile: string, runs: number): Promise<InterleavedSamples> => {
  const env = importEnv();
  await timeImport(baselineFile, env);
  await timeImport(subjectFile, env);
  const samples: InterleavedSamples = { baseline: [], subject: [] };
  // Sequential on purpose: parallel imports would compete for the CPUs they are measured on.
  for (let run = 0; run < runs; run++) {
    samples.baseline.push(await timeImport(baselineFile, env));
    samples.subject.push(await timeImport(subjectFile, env));
  }
  return samples;
};

// ---------------------------------------------------------------------------------------------
// The measurement `npm run bench` reports.

export interface ImportTiming {
  readonly medianMs: number;
  readonly samplesMs: readonly number[];
}

export interface BundleMeasurement {
  readonly name: string;
  readonly entry: string;
  readonly bytes: number;
  readonly importMs: ImportTiming;
  /** The baseline runs interleaved with this function's: the ratio's denominator. */
  readonly baselineImportMs: ImportTiming;
  /** Median import time over the median of the interleaved baseline runs. */
  readonly ratio: number;
}

export interface BaselineMeasurement {
  readonly name: string;
  readonly entry: string;
  readonly bytes: number;
  /** Every baseline run of the whole benchmark, pooled. */
  readonly importMs: ImportTiming;
}

export interface BundleReport {
  readonly baseline: BaselineMeasurement;
  readonly bundles: readonly BundleMeasurement[];
  /** Import runs per function (and as many of the baseline with each). */
  readonly runs: number;
}

const timing = (samplesMs: readonly number[]): ImportTiming => ({ medianMs: median(samplesMs), samplesMs });

export const measureBundles = async (
  options: { runs?: number; onProgress?: (message: string) => void } = {},
): Promise<BundleReport> => {
  const runs = options.runs ?? 9;
  const progress = options.onProgress ?? (() => undefined);
  const functions = functionEntries();
  if (functions.length === 0) throw new Error('no functions are defined: nothing to measure');

  // esbuild is fast and uses every core anyway; building in parallel costs no accuracy.
  progress(`bundling ${functions.length} functions and the baseline`);
  const [baseline, ...bundles] = await Promise.all([baselineEntry, ...functions].map(bundleFunction));
  if (baseline === undefined) throw new Error('the baseline was not bundled');

  const pooledBaseline: number[] = [];
  const measured: BundleMeasurement[] = [];
  for (const bundle of bundles) {
    progress(`importing ${bundle.name} (${runs} runs, interleaved with the baseline)`);
    const samples = await timeInterleaved(baseline.outfile, bundle.outfile, runs);
    pooledBaseline.push(...samples.baseline);
    const importMs = timing(samples.subject);
    const baselineImportMs = timing(samples.baseline);
    measured.push({
      name: bundle.name,
      entry: relative(root, bundle.entry),
      bytes: bundle.bytes,
      importMs,
      baselineImportMs,
      ratio: importMs.medianMs / baselineImportMs.medianMs,
    });
  }
  return {
    baseline: { name: baseline.name, entry: relative(root, baseline.entry), bytes: baseline.bytes, importMs: timing(pooledBaseline) },
    bundles: measured,
    runs,
  };
};

// ---------------------------------------------------------------------------------------------
// What a bundle is made of: esbuild's own per-file analysis, and the same bytes summed per npm
// package (and per folder of folio's own code), the level a dependency decision is taken at.

export interface Contribution {
  readonly source: string;
  readonly bytes: number;
  readonly files: number;
}

/** `node_modules/@scope/name/...` → `@scope/name`; folio's own files → their top two folders. */
const sourceOf = (input: string): string => {
  const parts = input.split('/');
  const last = parts.lastIndexOf('node_modules');
  if (last >= 0) {
    const name = parts[last + 1] ?? input;
    return name.startsWith('@') ? `${name}/${parts[last + 2] ?? ''}` : name;
  }
  return `folio: ${parts.slice(0, Math.min(2, parts.length - 1)).join('/')}`;
};

export const contributions = (bundle: Bundle): Contribution[] => {
  const output = bundle.metafile.outputs[relative(root, bundle.outfile)];
  if (output === undefined) throw new Error(`the metafile of ${bundle.name} has no output ${bundle.outfile}`);
  const bySource = new Map<string, { bytes: number; files: number }>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const source = sourceOf(input);
    const totals = bySource.get(source) ?? { bytes: 0, files: 0 };
    totals.bytes += bytesInOutput;
    totals.files += 1;
    bySource.set(source, totals);
  }
  return [...bySource.entries()].map(([source, totals]) => ({ source, ...totals })).sort((a, b) => b.bytes - a.bytes);
};

/** esbuild's per-file analysis, exactly as `esbuild --analyze` prints it. */
export const esbuildAnalysis = (metafile: Metafile, verbose = false): Promise<string> =>
  analyzeMetafile(metafile, { verbose, color: process.stdout.isTTY === true });
