/**
 * The bars of folio's performance issue. A bar is a promise about cold starts and the
 * developer loop; the benchmark says whether today's code keeps it, and by how much it misses.
 */
import type { BundleReport } from './bundles';
import type { StartupReport } from './startup';

/** KB here are 1024 bytes, as esbuild's analysis and `ls -h` count them. */
export const KB = 1024;

export const limits = {
  /** Bytes per function bundle: Lambda loads and evaluates the whole file on every cold start. */
  bundleBytes: 400 * KB,
  /** A function's import time over the bare-DynamoDB baseline's, measured interleaved. */
  importRatio: 1.5,
  /** Until the local stack's banner, on every start measured (the slowest counts). */
  stackReadyMs: 15_000,
} as const;

export interface Bar {
  readonly id: 'bundle-size' | 'import-time' | 'stack-ready';
  readonly description: string;
  readonly limit: number;
  readonly unit: 'bytes' | 'ratio' | 'ms';
  /** The worst figure measured, and where. */
  readonly worst: number;
  readonly worstOf: string;
  readonly met: boolean;
  /** Functions (or start runs) that miss the bar. */
  readonly missedBy: readonly string[];
}

const worstOf = <T>(items: readonly T[], value: (item: T) => number): T => {
  const [first, ...rest] = items;
  if (first === undefined) throw new Error('no measurements to judge');
  return rest.reduce((worst, item) => (value(item) > value(worst) ? item : worst), first);
};

export const evaluateBars = (bundles: BundleReport, startup: StartupReport): Bar[] => {
  const largest = worstOf(bundles.bundles, (b) => b.bytes);
  const slowest = worstOf(bundles.bundles, (b) => b.ratio);
  const startIndex = startup.runs.map((run, index) => ({ run, name: `start ${index + 1}` }));
  const slowestStart = worstOf(startIndex, ({ run }) => run.readyMs);
  const tooBig = bundles.bundles.filter((b) => b.bytes > limits.bundleBytes).map((b) => b.name);
  const tooSlow = bundles.bundles.filter((b) => b.ratio > limits.importRatio).map((b) => b.name);
  const lateStarts = startIndex.filter(({ run }) => run.readyMs > limits.stackReadyMs).map(({ name }) => name);
  return [
    {
      id: 'bundle-size',
      description: `bundle ≤ ${limits.bundleBytes / KB} KB per function`,
      limit: limits.bundleBytes,
      unit: 'bytes',
      worst: largest.bytes,
      worstOf: largest.name,
      met: tooBig.length === 0,
      missedBy: tooBig,
    },
    {
      id: 'import-time',
      description: `import median ≤ ${limits.importRatio} × baseline`,
      limit: limits.importRatio,
      unit: 'ratio',
      worst: slowest.ratio,
      worstOf: slowest.name,
      met: tooSlow.length === 0,
      missedBy: tooSlow,
    },
    {
      id: 'stack-ready',
      description: `local stack ready ≤ ${limits.stackReadyMs / 1000} s (every start)`,
      limit: limits.stackReadyMs,
      unit: 'ms',
      worst: slowestStart.run.readyMs,
      worstOf: slowestStart.name,
      met: lateStarts.length === 0,
      missedBy: lateStarts,
    },
  ];
};
