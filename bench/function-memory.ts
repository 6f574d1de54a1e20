/**
 * What each function needs of its configured memory (issue 9, point 5): every bundle imported in
 * a fresh Node process, then a full garbage collection, and its resident set size read. That is
 * the fixed part of a warm Lambda instance's memory (the runtime, the SDK clients and folio's
 * code); the part a request adds is bounded by the API (a body of at most 64 KiB, a DynamoDB
 * page of at most 1 MB) for route functions, and measured by their own benches for the jobs that
 * hold more (bench/recommendations.ts, bench/impersonal-export.ts).
 *
 * Needs the bundles built by bench/bundles.ts (bench/out/<name>/index.mjs).
 *
 *   npx tsx bench/function-memory.ts     this part alone (after a bench run)
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { definedHandlers, functionMemoryMiB } from '../lib/function-memory';
import { importEnv } from './bundles';

const out = join(import.meta.dirname, 'out');

export interface FunctionMemory {
  readonly name: string;
  readonly configuredMiB: number;
  /** RSS after import and a full GC, the median of three fresh processes. */
  readonly rssAfterImportMiB: number;
  /** Configured over measured. */
  readonly headroom: number;
}

/** The environment a bundle expects at import, as the import-time measurement sets it. */
const env = importEnv();

const rssAfterImport = (file: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const script = `await import(${JSON.stringify(`file://${file}`)}); globalThis.gc(); await new Promise((r) => setTimeout(r, 50)); globalThis.gc(); process.stdout.write(String(process.memoryUsage().rss));`;
    const child = spawn(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Number(stdout) / 1024 / 1024) : reject(new Error(`${file}: exit ${code}: ${stderr.slice(-500)}`))));
  });

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

export const measureFunctionMemory = async (onProgress: (message: string) => void = () => undefined): Promise<FunctionMemory[]> => {
  const names = definedHandlers().sort();
  const missing = names.filter((name) => !existsSync(join(out, name, 'index.mjs')));
  if (missing.length > 0) throw new Error(`no bundle in bench/out for ${missing.join(', ')}: run the bundles part of the bench first`);
  const report: FunctionMemory[] = [];
  for (const name of names) {
    onProgress(`memory after import: ${name}`);
    const samples: number[] = [];
    for (let i = 0; i < 3; i += 1) samples.push(await rssAfterImport(join(out, name, 'index.mjs')));
    const rss = median(samples);
    const configuredMiB = functionMemoryMiB(name);
    report.push({ name, configuredMiB, rssAfterImportMiB: Math.round(rss * 10) / 10, headroom: Math.round((configuredMiB / rss) * 10) / 10 });
  }
  return report;
};

export const functionMemoryMarkdown = (report: readonly FunctionMemory[]): string[] => {
  const worst = [...report].sort((a, b) => a.headroom - b.headroom);
  return [
    '## Memory of each function',
    '',
    'Resident set size after importing the bundle and a full garbage collection, median of 3 fresh Node processes: the fixed part of a warm ' +
      "instance's memory. A route's request adds at most a 64 KiB body and a 1 MB DynamoDB page; the jobs that hold more are measured in their own sections.",
    '',
    '| function | configured MiB | RSS after import MiB | configured ÷ measured |',
    '|---|---:|---:|---:|',
    ...worst.map((f) => `| ${f.name} | ${f.configuredMiB} | ${f.rssAfterImportMiB.toFixed(1)} | ${f.headroom.toFixed(1)} × |`),
    '',
  ];
};

if (process.argv[1]?.endsWith('function-memory.ts')) {
  const report = await measureFunctionMemory((m) => process.stderr.write(`${m}\n`));
  process.stdout.write(`${functionMemoryMarkdown(report).join('\n')}\n`);
}
