/** The benchmark's outputs: a markdown report for people and results.json for comparing runs. */
import { cpus } from 'node:os';
import { type Bar, KB, limits } from './bars';
import type { BundleReport } from './bundles';
import type { StartupReport } from './startup';
import { round } from './stats';

export interface Machine {
  readonly node: string;
  readonly cpus: number;
  readonly platform: string;
  /** Not a figure to compare, but the first thing to check when two results disagree. */
  readonly cpuModel: string;
}

export const machine = (): Machine => ({
  node: process.version,
  cpus: cpus().length,
  platform: `${process.platform}-${process.arch}`,
  cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
});

export interface Results {
  readonly generatedAt: string;
  readonly machine: Machine;
  readonly bundles: BundleReport['bundles'];
  readonly baseline: BundleReport['baseline'];
  readonly startup: StartupReport;
  readonly bars: readonly Bar[];
}

const kb = (bytes: number): string => (bytes / KB).toFixed(1);
const ms = (value: number): string => value.toFixed(1);
const seconds = (value: number): string => (value / 1000).toFixed(2);
const verdict = (met: boolean): string => (met ? 'met' : '**missed**');

const barFigure = (bar: Bar): string => {
  switch (bar.unit) {
    case 'bytes':
      return `${kb(bar.worst)} KB (${bar.worstOf})`;
    case 'ratio':
      return `${bar.worst.toFixed(2)} × (${bar.worstOf})`;
    case 'ms':
      return `${seconds(bar.worst)} s (${bar.worstOf})`;
  }
};

export const markdown = (results: Results): string => {
  const { baseline, bundles, startup, bars } = results;
  const runs = baseline.importMs.samplesMs.length / Math.max(bundles.length, 1);
  const m = results.machine;
  return [
    `# folio benchmark`,
    '',
    `${results.generatedAt} · Node ${m.node} · ${m.cpus} CPUs (${m.cpuModel}) · ${m.platform}`,
    '',
    `## Bundles and import time`,
    '',
    `Bundled with lib/bundling.ts. Import time is measured in a fresh Node process, ${runs} runs per function, ` +
      `alternating with a run of the baseline (bench/baseline-handler.ts: one DynamoDB client); the ratio is ` +
      `the function's median over the median of the baseline runs interleaved with it. KB = 1024 bytes.`,
    '',
    `| function | bundle KB | import ms median | ratio to baseline | ≤ ${limits.bundleBytes / KB} KB | ≤ ${limits.importRatio} × |`,
    `|---|---:|---:|---:|:-:|:-:|`,
    `| _baseline_ | ${kb(baseline.bytes)} | ${ms(baseline.importMs.medianMs)} | 1.00 | | |`,
    ...bundles.map(
      (b) =>
        `| ${b.name} | ${kb(b.bytes)} | ${ms(b.importMs.medianMs)} | ${b.ratio.toFixed(2)} | ${verdict(b.bytes <= limits.bundleBytes)} | ${verdict(b.ratio <= limits.importRatio)} |`,
    ),
    '',
    `## Local stack start`,
    '',
    `In memory, as the integration tests start it (test/support/spawn-stack.ts), ${startup.runs.length} times.`,
    '',
    `| | median | max |`,
    `|---|---:|---:|`,
    `| ready (banner) | ${seconds(startup.ready.medianMs)} s | ${seconds(startup.ready.maxMs)} s |`,
    `| GET /v1/health and /v1/products answer 200 | ${seconds(startup.serving.medianMs)} s | ${seconds(startup.serving.maxMs)} s |`,
    '',
    `Runs (ready / health / products / stop): ${startup.runs
      .map((r) => `${seconds(r.readyMs)} / ${seconds(r.healthMs)} / ${seconds(r.productsMs)} / ${seconds(r.stopMs)} s`)
      .join('; ')}.`,
    `Exit codes after SIGINT: ${startup.runs.map((r) => String(r.exitCode)).join(', ')}${startup.allExitedCleanly ? ' (clean)' : ' — **not a clean shutdown**'}.`,
    '',
    `## Bars`,
    '',
    `| bar | worst measured | result | missed by |`,
    `|---|---|:-:|---|`,
    ...bars.map((bar) => `| ${bar.description} | ${barFigure(bar)} | ${verdict(bar.met)} | ${bar.missedBy.join(', ')} |`),
    '',
  ].join('\n');
};

/** results.json keeps the raw samples, rounded to two decimals: the digits beyond are noise. */
export const toJson = (results: Results): string =>
  `${JSON.stringify(results, (_key, value: unknown) => (typeof value === 'number' && !Number.isInteger(value) ? round(value, 2) : value), 2)}\n`;
