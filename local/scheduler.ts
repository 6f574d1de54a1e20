/**
 * The local EventBridge Scheduler: runs each job of system/jobs.ts on its schedule, and on
 * demand, with the input the deployed schedule passes (lib/constructs/jobs.ts).
 */
import type { JobDefinition } from '#system/jobs';
import type { FunctionRuntime } from './runtime';

const units: Record<string, number> = { minute: 60_000, minutes: 60_000, hour: 3_600_000, hours: 3_600_000, day: 86_400_000, days: 86_400_000 };
const dayNames = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const monthNames = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** The set of values a cron field allows, or undefined for "any". */
const field = (text: string, min: number, max: number, names: readonly string[] = [], nameBase = min): Set<number> | undefined => {
  if (text === '*' || text === '?') return undefined;
  const value = (token: string) => {
    const index = names.indexOf(token.toUpperCase());
    const n = index >= 0 ? index + nameBase : Number(token);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`cron value ${token} is outside ${min}-${max}`);
    return n;
  };
  const allowed = new Set<number>();
  for (const part of text.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`cron step ${stepText} is not a positive integer`);
    const [from, to] = range === '*' ? [min, max] : range.includes('-') ? range.split('-').map(value) : [value(range), stepText ? max : value(range)];
    for (let n = from ?? min; n <= (to ?? max); n += step) allowed.add(n);
  }
  return allowed;
};

/** The next time (after `after`) an EventBridge Scheduler expression fires, in UTC. */
export const nextRun = (expression: string, after: Date): Date => {
  const rate = /^rate\((\d+) (minutes?|hours?|days?)\)$/.exec(expression);
  if (rate) return new Date(after.getTime() + Number(rate[1]) * (units[rate[2] ?? ''] ?? 0));
  const cron = /^cron\((\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\)$/.exec(expression);
  if (!cron) throw new Error(`not a schedule expression: ${expression}`);
  const [, m = '', h = '', dom = '', mon = '', dow = '', year = ''] = cron;
  const minutes = field(m, 0, 59);
  const hours = field(h, 0, 23);
  const days = field(dom, 1, 31);
  const months = field(mon, 1, 12, monthNames, 1);
  const weekdays = field(dow, 1, 7, dayNames, 1);
  const years = field(year, 1970, 2199);
  const t = new Date(after.getTime());
  t.setUTCSeconds(0, 0);
  for (let i = 0; i < 60 * 24 * 366 * 2; i += 1) {
    t.setUTCMinutes(t.getUTCMinutes() + 1);
    if (
      (!minutes || minutes.has(t.getUTCMinutes())) &&
      (!hours || hours.has(t.getUTCHours())) &&
      (!days || days.has(t.getUTCDate())) &&
      (!months || months.has(t.getUTCMonth() + 1)) &&
      (!weekdays || weekdays.has(t.getUTCDay() + 1)) &&
      (!years || years.has(t.getUTCFullYear()))
    ) {
      return new Date(t.getTime());
    }
  }
  throw new Error(`schedule ${expression} never fires in the next two years`);
};

/** What a job's handler receives, locally and from the deployed schedule. */
export const jobInput = (job: JobDefinition, scheduledTime: Date) => ({ job: job.name, scheduledTime: scheduledTime.toISOString() });

export class LocalScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<unknown>>();
  private stopped = false;

  constructor(
    private readonly jobs: readonly JobDefinition[],
    private readonly runtime: FunctionRuntime,
    private readonly onError: (job: string, error: unknown) => void,
  ) {}

  list() {
    return this.jobs.map((job) => ({ name: job.name, schedule: job.schedule, description: job.description }));
  }

  has(name: string): boolean {
    return this.jobs.some((job) => job.name === name);
  }

  /** Runs a job now and resolves when its handler has finished (a run already under way is awaited, not doubled). */
  async run(name: string, scheduledTime = new Date()): Promise<unknown> {
    const job = this.jobs.find((j) => j.name === name);
    if (job === undefined) throw new Error(`no job named ${name}`);
    const current = this.running.get(name);
    if (current) return current;
    const run = this.runtime.invoke(job.handler, jobInput(job, scheduledTime), job.needs).finally(() => this.running.delete(name));
    this.running.set(name, run);
    return run;
  }

  start(): void {
    for (const job of this.jobs) this.arm(job, new Date());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running.values()]);
  }

  private arm(job: JobDefinition, after: Date): void {
    if (this.stopped) return;
    const at = nextRun(job.schedule, after);
    // setTimeout holds at most ~24.8 days; re-arm from the same target when it is further away.
    const delay = Math.min(at.getTime() - Date.now(), 2 ** 31 - 1);
    const timer = setTimeout(() => {
      if (Date.now() < at.getTime()) return this.arm(job, after);
      this.run(job.name, at).catch((error: unknown) => this.onError(job.name, error));
      this.arm(job, at);
    }, Math.max(delay, 0));
    timer.unref();
    this.timers.set(job.name, timer);
  }
}
