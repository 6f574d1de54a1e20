/**
 * What a bundle is made of: esbuild's own analysis of the metafile, plus the same bytes summed
 * per npm package (and per folder of folio's own code), which is the level a decision about
 * dependencies is taken at.
 */
import { relative } from 'node:path';
import { analyzeMetafile, type Metafile } from 'esbuild';
import type { Bundle } from './bundles';
import { root } from './functions';

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
    const entry = bySource.get(source) ?? { bytes: 0, files: 0 };
    entry.bytes += bytesInOutput;
    entry.files += 1;
    bySource.set(source, entry);
  }
  return [...bySource.entries()].map(([source, totals]) => ({ source, ...totals })).sort((a, b) => b.bytes - a.bytes);
};

export const contributionsMarkdown = (bundle: Bundle, top = 20): string => {
  const rows = contributions(bundle);
  const total = rows.reduce((sum, row) => sum + row.bytes, 0);
  const kb = (bytes: number) => (bytes / 1024).toFixed(1);
  return [
    `| source | KB in bundle | share | files |`,
    `|---|---:|---:|---:|`,
    ...rows.slice(0, top).map((row) => `| ${row.source} | ${kb(row.bytes)} | ${((row.bytes / total) * 100).toFixed(1)} % | ${row.files} |`),
    ...(rows.length > top ? [`| (${rows.length - top} more) | ${kb(rows.slice(top).reduce((sum, row) => sum + row.bytes, 0))} | | |`] : []),
    `| **inputs total** (the .mjs is ${kb(bundle.bytes)} KB with banner and esbuild runtime) | ${kb(total)} | 100 % | ${rows.reduce((sum, row) => sum + row.files, 0)} |`,
  ].join('\n');
};

/** esbuild's per-file analysis, exactly as `esbuild --analyze` prints it. */
export const esbuildAnalysis = (metafile: Metafile, verbose = false): Promise<string> =>
  analyzeMetafile(metafile, { verbose, color: process.stdout.isTTY === true });
