/**
 * Least privilege against the code (issue 10, point 7): every table and queue a function's
 * definition asks for is one its bundled code can reach. Each function is bundled as deployed
 * (lib/bundling.ts; unminified, so the names survive) and its code is searched for the adapters'
 * `tableName("<table>")` and `queueUrl("<queue>")`: a grant the code never names is a grant too
 * many, and the test names it.
 *
 * The other direction (code that names a table the definition does not grant) cannot be decided
 * this way: an adapter module shared by several functions names every table of all its methods,
 * whatever the function calls. That direction is held at run time instead: a function reads a
 * table's name from its environment (lambdas/commons/config.ts `requireEnv`), and the CDK app sets
 * only the variables of the granted tables, so a missing grant fails loudly at its first use.
 */
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { esbuildOptions } from '../../lib/bundling';
import { deployHooks } from '../../system/deploy-hooks';
import type { FunctionRequirements } from '../../system/functions';
import { jobs } from '../../system/jobs';
import { queues } from '../../system/queues';
import { routes } from '../../system/routes/index';
import { streamConsumers } from '../../system/streams';

const root = join(import.meta.dirname, '..', '..');

interface Definition {
  readonly handler: string;
  readonly needs: FunctionRequirements;
  /** A stream consumer's own table: the event source mapping reads its stream under the function's role. */
  readonly streamTable?: string;
}

const definitions: Definition[] = [
  ...routes.map((r) => ({ handler: r.handler, needs: r.needs ?? {} })),
  ...jobs.map((j) => ({ handler: j.handler, needs: j.needs })),
  ...Object.values(queues).map((q) => ({ handler: q.consumer, needs: q.consumerNeeds })),
  ...streamConsumers.map((c) => ({ handler: c.consumer, needs: c.needs, streamTable: c.table })),
  ...deployHooks.map((h) => ({ handler: h.handler, needs: h.needs })),
];

const named = (code: string, fn: string): Set<string> => new Set([...code.matchAll(new RegExp(`\\b${fn}\\("(\\w+)"\\)`, 'g'))].map((m) => m[1] ?? ''));

/** Code that takes a table's name from data (the export registry, the destruction plan) may reach any table. */
const namesTablesFromData = (code: string): boolean => /\btableName\((?!")/.test(code.replace(/(function|var|const|let) tableName\b/g, ''));

const bundleOf = async (handler: string): Promise<string> => {
  const result = await build({
    ...esbuildOptions(join(root, 'lambdas', 'functions', `${handler}.ts`), join(root, 'bench', 'out', 'grants', `${handler}.mjs`)),
    minify: false,
    sourcemap: false,
    write: false,
  });
  return result.outputFiles[0]?.text ?? '';
};

describe('grants against the code', () => {
  it.each(definitions)('$handler asks only for tables and queues its code can reach', async ({ handler, needs, streamTable }) => {
    const code = await bundleOf(handler);
    const dynamic = namesTablesFromData(code);
    const tables = named(code, 'tableName');
    // Signed-in routes read the session record in the shared HTTP layer (authenticatedHandler).
    const unreachable = Object.keys(needs.tables ?? {}).filter((table) => !tables.has(table) && table !== streamTable && !(table === 'sessions' && code.includes('sessionStore')));
    expect(dynamic ? [] : unreachable, `${handler} is granted tables its code never names`).toEqual([]);
    const queuesNamed = named(code, 'queueUrl');
    expect(Object.keys(needs.queues ?? {}).filter((queue) => !queuesNamed.has(queue)), `${handler} is granted queues its code never names`).toEqual([]);
  }, 60_000);
});
