/**
 * Every function folio deploys, read from the same definitions the CDK app and the local stack
 * read, so a new route, job, queue consumer or deploy hook is benchmarked without listing it here.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deployHooks } from '../system/deploy-hooks';
import { jobs } from '../system/jobs';
import { queues } from '../system/queues';
import { routes } from '../system/routes/index';

export const root = resolve(import.meta.dirname, '..');

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
    ...deployHooks.map((hook) => hook.handler),
  ];
  // Several routes may share one handler; it is one bundle and one measurement.
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
  const found = functionEntries().find((fn) => fn.name === name);
  if (found === undefined) {
    throw new Error(`no function named ${name}; known: ${functionEntries().map((fn) => fn.name).join(', ')}, ${baselineName}`);
  }
  return found;
};
