/**
 * `npm run bench`: bundle sizes and import times of every function against the baseline, the
 * local stack's start, and the performance bars they meet or miss. A benchmark, not a test:
 * it exits 0 whatever the figures unless `--strict` is given.
 *
 *   npm run bench                       measure, print, write bench/results.{json,md}
 *   npm run bench -- --strict           ... and exit 1 when a bar is missed
 *   npm run bench -- --analyze <name>   only bundle <name> and print what it is made of
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { contributionsMarkdown, esbuildAnalysis } from './analyze';
import { evaluateBars } from './bars';
import { bundleFunction, measureBundles } from './bundles';
import { findEntry, root } from './functions';
import { machine, markdown, type Results, toJson } from './report';
import { measureStartup } from './startup';

const progress = (message: string): void => {
  // Progress goes to stderr so stdout carries the report alone.
  process.stderr.write(`bench: ${message}\n`);
};

const analyze = async (name: string, verbose: boolean): Promise<void> => {
  const bundle = await bundleFunction(findEntry(name));
  process.stdout.write(`# ${name}: what the bundle is made of\n\n## By package\n\n${contributionsMarkdown(bundle)}\n\n## esbuild's analysis\n`);
  process.stdout.write(`${await esbuildAnalysis(bundle.metafile, verbose)}\n`);
};

const measure = async (strict: boolean): Promise<number> => {
  const started = performance.now();
  const bundles = await measureBundles({ onProgress: progress });
  const startup = await measureStartup({ onProgress: progress });
  const results: Results = {
    generatedAt: new Date().toISOString(),
    machine: machine(),
    bundles: bundles.bundles,
    baseline: bundles.baseline,
    startup,
    bars: evaluateBars(bundles, startup),
  };
  const report = markdown(results);
  await writeFile(join(root, 'bench', 'results.json'), toJson(results));
  await writeFile(join(root, 'bench', 'results.md'), report);
  process.stdout.write(report);
  progress(`done in ${((performance.now() - started) / 1000).toFixed(0)} s; wrote bench/results.json and bench/results.md`);

  const missed = results.bars.filter((bar) => !bar.met);
  if (strict && missed.length > 0) {
    for (const bar of missed) process.stderr.write(`bench: bar missed: ${bar.description} (${bar.missedBy.join(', ')})\n`);
    return 1;
  }
  return 0;
};

const { values } = parseArgs({
  options: {
    strict: { type: 'boolean', default: false },
    analyze: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
  strict: true,
});

try {
  process.exitCode = values.analyze === undefined ? await measure(values.strict) : (await analyze(values.analyze, values.verbose), 0);
} catch (error) {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 2;
}
