/**
 * Scheduled jobs receive `{ job, scheduledTime }` from EventBridge Scheduler (and from the local
 * scheduler, which can be given any time: tests move time, they do not sleep through it). The
 * job's "now" is the scheduled time.
 *
 * Checked by hand against zod's own ISO date-time pattern (with Z or an offset, as
 * `z.iso.datetime({ offset: true })` checks it) rather than by a zod schema: a job that uses no
 * other schema then bundles none of zod's schema code (about 30 KB).
 */
import { regexes } from 'zod/mini';
import { logger } from './powertools';

const scheduledTimePattern = regexes.datetime({ offset: true });

export class InvalidJobInputError extends Error {
  override readonly name = 'InvalidJobInputError';
}

const parseInput = (input: unknown): { job: string; scheduledTime: string } => {
  const fields: Record<string, unknown> = typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  const { job, scheduledTime } = fields;
  if (typeof job !== 'string' || typeof scheduledTime !== 'string' || !scheduledTimePattern.test(scheduledTime)) {
    throw new InvalidJobInputError('a job takes { job, scheduledTime }, scheduledTime an ISO 8601 date-time with Z or an offset');
  }
  return { job, scheduledTime };
};

export const jobHandler =
  <R>(run: (now: Date) => Promise<R>) =>
  async (input: unknown): Promise<R> => {
    const { job, scheduledTime } = parseInput(input);
    const started = Date.now();
    const result = await run(new Date(scheduledTime));
    logger.info('job finished', { job, scheduledTime, durationMs: Date.now() - started, result: result as Record<string, unknown> });
    return result;
  };
