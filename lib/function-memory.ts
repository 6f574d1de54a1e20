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

const needsByHandler = (): Map<string, FunctionRequirements | undefined> =>
  new Map<string, FunctionRequirements | undefined>([
    ...routes.map((route) => [route.handler, route.needs] as const),
    ...jobs.map((job) => [job.handler, job.needs] as const),
    ...streamConsumers.map((stream) => [stream.consumer, stream.needs] as const),
    ...Object.values(queues).map((queue) => [queue.consumer, queue.consumerNeeds] as const),
    ...deployHooks.map((hook) => [hook.handler, hook.needs] as const),
  ]);

export const memoryMiBOf = (needs: FunctionRequirements | undefined): number => needs?.memoryMiB ?? defaultMemoryMiB;

/** The configured memory of the function whose handler file is `handler`. */
export const functionMemoryMiB = (handler: string): number => memoryMiBOf(needsByHandler().get(handler));
