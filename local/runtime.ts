/**
 * Runs the handlers of lambdas/functions in this process, as Lambda would: one module load per
 * function (so module-level clients and configuration behave as in a warm environment), a
 * context object, and the function's timeout.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { FunctionRequirements } from '#system/functions';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

export class FunctionTimeoutError extends Error {
  override readonly name = 'FunctionTimeoutError';
}

export interface InvocationRecord {
  readonly name: string;
  readonly durationMs: number;
  readonly ok: boolean;
}

export class FunctionRuntime {
  private readonly modules = new Map<string, Promise<Handler>>();
  /** Observers of every invocation (the benchmark and tests use it). */
  readonly listeners = new Set<(record: InvocationRecord) => void>();

  constructor(private readonly root: string) {}

  private load(name: string): Promise<Handler> {
    let loaded = this.modules.get(name);
    if (loaded === undefined) {
      if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`not a function name: ${name}`);
      loaded = import(pathToFileURL(join(this.root, 'lambdas', 'functions', `${name}.ts`)).href).then(
        (module: { handler?: Handler }) => {
          if (typeof module.handler !== 'function') throw new Error(`lambdas/functions/${name}.ts exports no handler`);
          return module.handler;
        },
      );
      this.modules.set(name, loaded);
    }
    return loaded;
  }

  async invoke(name: string, event: unknown, needs: FunctionRequirements = {}): Promise<unknown> {
    const handler = await this.load(name);
    const timeoutMs = (needs.timeoutSeconds ?? 10) * 1000;
    const started = performance.now();
    const deadline = Date.now() + timeoutMs;
    const context: Context = {
      callbackWaitsForEmptyEventLoop: true,
      functionName: `folio-local-${name}`,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:eu-central-1:000000000000:function:folio-local-${name}`,
      memoryLimitInMB: String(needs.memoryMiB ?? 256),
      awsRequestId: randomUUID(),
      logGroupName: `/aws/lambda/folio-local-${name}`,
      logStreamName: 'local',
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new FunctionTimeoutError(`${name} timed out after ${timeoutMs} ms`)), timeoutMs);
    });
    let ok = false;
    try {
      const result = await Promise.race([handler(event, context), timeout]);
      ok = true;
      return result;
    } finally {
      clearTimeout(timer);
      const record = { name, durationMs: performance.now() - started, ok };
      for (const listener of this.listeners) listener(record);
    }
  }
}
