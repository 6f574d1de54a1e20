/**
 * Bundles every function exactly as the CDK app does (lib/bundling.ts) and measures what its
 * cold start pays for: the bundle's size and the time to import it, against the baseline.
 */
import { rm, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { bundling } from '../lib/bundling';
import { baselineEntry, type FunctionEntry, functionEntries, root } from './functions';
import { timeInterleaved } from './import-time';
import { median } from './stats';

/** Git-ignored; each bundle is left there to inspect (and its source map next to it). */
export const outDir = join(root, 'bench', 'out');

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
    entryPoints: [fn.entry],
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
    // Changes nothing in the output; records which input contributed how many bytes.
    metafile: true,
    // Metafile paths relative to the project, so the analysis reads `node_modules/...`.
    absWorkingDir: root,
    logLevel: 'error',
  });
  return { name: fn.name, entry: fn.entry, outfile, bytes: (await stat(outfile)).size, metafile: result.metafile };
};

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
  };
};
