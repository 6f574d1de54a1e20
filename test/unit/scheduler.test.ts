import { describe, expect, it } from 'vitest';
import { nextRun } from '../../local/scheduler';
import { jobs } from '../../system/jobs';

const at = (iso: string) => new Date(iso);

describe('schedule expressions, as EventBridge Scheduler reads them (UTC)', () => {
  it('adds a rate to the last run', () => {
    expect(nextRun('rate(15 minutes)', at('2026-01-01T10:00:00Z')).toISOString()).toBe('2026-01-01T10:15:00.000Z');
    expect(nextRun('rate(1 hour)', at('2026-01-01T10:00:00Z')).toISOString()).toBe('2026-01-01T11:00:00.000Z');
    expect(nextRun('rate(2 days)', at('2026-01-01T10:00:00Z')).toISOString()).toBe('2026-01-03T10:00:00.000Z');
  });

  it('finds the next minute a cron expression allows', () => {
    expect(nextRun('cron(0 3 * * ? *)', at('2026-01-01T10:00:00Z')).toISOString()).toBe('2026-01-02T03:00:00.000Z');
    expect(nextRun('cron(*/15 * * * ? *)', at('2026-01-01T10:07:30Z')).toISOString()).toBe('2026-01-01T10:15:00.000Z');
    // Day-of-week counts from SUN=1; 2026-01-01 is a Thursday.
    expect(nextRun('cron(30 9 ? * MON *)', at('2026-01-01T00:00:00Z')).toISOString()).toBe('2026-01-05T09:30:00.000Z');
    expect(nextRun('cron(0 0 1 JAN ? 2027)', at('2026-06-01T00:00:00Z')).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('refuses what it cannot read', () => {
    expect(() => nextRun('every day', new Date())).toThrow(/not a schedule expression/);
    expect(() => nextRun('cron(61 * * * ? *)', new Date())).toThrow(/outside/);
  });

  it("reads every job's schedule", () => {
    for (const job of jobs) expect(nextRun(job.schedule, new Date()).getTime()).toBeGreaterThan(Date.now());
  });
});
