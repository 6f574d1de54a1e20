/**
 * Scheduled jobs receive `{ job, scheduledTime }` from EventBridge Scheduler (and from the local
 * scheduler, which can be given any time: tests move time, they do not sleep through it). The
 * job's "now" is the scheduled time.
 */
import * as z from '#system/zod';
import { logger } from './powertools';

const inputSchema = z.object({ job: z.string(), scheduledTime: z.iso.datetime({ offset: true }) });

export const jobHandler =
  <R>(run: (now: Date) => Promise<R>) =>
  async (input: unknown): Promise<R> => {
    const { job, scheduledTime } = inputSchema.parse(input);
    const started = Date.now();
    const result = await run(new Date(scheduledTime));
    logger.info('job finished', { job, scheduledTime, durationMs: Date.now() - started, result: result as Record<string, unknown> });
    return result;
  };
