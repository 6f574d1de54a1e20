/**
 * How long `npm start` keeps a developer (and the integration tests) waiting: the local stack
 * is started in memory as the tests start it, until its banner and until real requests answer.
 */
import { spawnStack } from '../test/support/spawn-stack';
import { median } from './bundles';

export interface StartupRun {
  /** Until the banner `folio is running at`, as spawnStack reports it. */
  readonly readyMs: number;
  /** Until GET /v1/health answered 200, from the same start. */
  readonly healthMs: number;
  /** Until GET /v1/products answered 200: the catalogue seeded and a DynamoDB-backed function loaded. */
  readonly productsMs: number;
  /** Exit code after SIGINT; 0 is a clean shutdown. */
  readonly exitCode: number | null;
  readonly stopMs: number;
}

export interface Spread {
  readonly medianMs: number;
  readonly maxMs: number;
}

export interface StartupReport {
  readonly runs: readonly StartupRun[];
  readonly ready: Spread;
  /** Until both GETs answered 200. */
  readonly serving: Spread;
  readonly allExitedCleanly: boolean;
}

const answerTimeoutMs = 30_000;
const stopTimeoutMs = 15_000;

/** Polls a URL until it answers 200 and returns when; a stack that never does fails the benchmark. */
const untilOk = async (url: string): Promise<number> => {
  const deadline = performance.now() + answerTimeoutMs;
  let last = 'no answer';
  while (performance.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.status === 200) return performance.now();
      last = `status ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url} did not answer 200 within ${answerTimeoutMs} ms (last: ${last})`);
};

const startOnce = async (): Promise<StartupRun> => {
  const stack = await spawnStack();
  // spawnStack's clock starts before the spawn; continue from its figure so all three share one zero.
  const readyAt = performance.now();
  const since = (at: number) => stack.startMs + (at - readyAt);
  try {
    const [health, products] = await Promise.all([untilOk(`${stack.url}/v1/health`), untilOk(`${stack.url}/v1/products`)]);
    const stopping = performance.now();
    const killer = setTimeout(() => void stack.stop('SIGKILL'), stopTimeoutMs);
    const exitCode = await stack.stop('SIGINT');
    clearTimeout(killer);
    return { readyMs: stack.startMs, healthMs: since(health), productsMs: since(products), exitCode, stopMs: performance.now() - stopping };
  } catch (error) {
    await stack.stop('SIGKILL');
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- stack output ---\n${stack.output().slice(-3000)}`);
  }
};

const spread = (values: readonly number[]): Spread => ({ medianMs: median(values), maxMs: Math.max(...values) });

export const measureStartup = async (
  options: { runs?: number; onProgress?: (message: string) => void } = {},
): Promise<StartupReport> => {
  const runs = options.runs ?? 3;
  const results: StartupRun[] = [];
  // One at a time: parallel stacks would compete for the CPUs and the DynamoDB stand-in.
  for (let run = 1; run <= runs; run++) {
    options.onProgress?.(`starting the local stack (${run}/${runs})`);
    results.push(await startOnce());
  }
  return {
    runs: results,
    ready: spread(results.map((run) => run.readyMs)),
    serving: spread(results.map((run) => Math.max(run.healthMs, run.productsMs))),
    allExitedCleanly: results.every((run) => run.exitCode === 0),
  };
};
