/**
 * How much memory each function is given: its definition's `memoryMiB`, else the default. Read
 * by the function construct (lib/constructs/folio-function.ts) and by the benchmark, which
 * measures each function against it (bench/function-memory.ts).
 */
import { deployHooks } from '../system/deploy-hooks';
import type { FunctionRequirements } from '../system/functions';
import { jobs } from '../system/jobs';
import { queues } from '../system/queues';
import { routes } from '../system/routes';
import { streamConsumers } from '../system/streams';

/**
 * 256 MiB for functions that hold one request at a time: their bundles need about a quarter of
 * it after import (bench/results.md, "Memory of each function"), and Lambda's CPU share grows
 * with memory, so less would lengthen cold starts for little saving.
 */
export const defaultMemoryMiB = 256;

let byHandler: ReadonlyMap<string, FunctionRequirements | undefined> | undefined;

/** Every function's requirements by its handler file, from the definitions (built once). */
const definitions = (): ReadonlyMap<string, FunctionRequirements | undefined> =>
  (byHandler ??= new Map<string, FunctionRequirements | undefined>([
    ...routes.map((route) => [route.handler, route.needs] as const),
    ...jobs.map((job) => [job.handler, job.needs] as const),
    ...streamConsumers.map((stream) => [stream.consumer, stream.needs] as const),
    ...Object.values(queues).map((queue) => [queue.consumer, queue.consumerNeeds] as const),
    ...deployHooks.map((hook) => [hook.handler, hook.needs] as const),
  ]));

/** The handler file of every function the app defines. */
export const definedHandlers = (): string[] => [...definitions().keys()];

export const memoryMiBOf = (needs: FunctionRequirements | undefined): number => needs?.memoryMiB ?? defaultMemoryMiB;

/** The configured memory of the function whose handler file is `handler`. */
export const functionMemoryMiB = (handler: string): number => {
  if (!definitions().has(handler)) throw new Error(`no function definition names the handler ${handler}`);
  return memoryMiBOf(definitions().get(handler));
};
