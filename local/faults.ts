/**
 * Fault injection for the reliability tests: `POST /_local/faults` arms a fault on one target so
 * that its next `failures` calls (or every call for `forMs`) fail the way the real service fails
 * when it throttles or is down. The targets: `ses` (the functions' SES endpoint answers 429
 * TooManyRequestsException, local/ses-proxy.ts), `sns` (Publish answers 400 Throttling,
 * local/aws-endpoint.ts) and `contractor:<name>` (the contractor's recorder answers 503,
 * local/contractors.ts). `GET /_local/faults` shows what is armed, `DELETE /_local/faults` clears (`?target=` one target).
 */
import * as z from 'zod';
import { localContractors } from './secrets-manager';

export const faultTargets = ['ses', 'sns', ...localContractors.map((c) => `contractor:${c}` as const)] as const;
export type FaultTarget = (typeof faultTargets)[number];

export const faultRequestSchema = z.strictObject({
  target: z.enum(faultTargets),
  /** How many calls fail; with `forMs` as well, the fault ends at whichever runs out first. */
  failures: z.int().min(1).max(10_000).optional(),
  /** For how long every call fails. */
  forMs: z.int().min(1).max(3_600_000).optional(),
  /**
   * Only calls whose request contains this text fail (a recipient's address, say), so a test can
   * fail its own messages without touching what other tests send at the same time.
   */
  match: z.string().min(3).max(256).optional(),
});

export type FaultRequest = z.infer<typeof faultRequestSchema>;

export interface ArmedFault {
  readonly target: FaultTarget;
  /** Calls still to fail; absent when the fault is bounded by time only. */
  readonly remaining?: number;
  /** When the fault ends (ISO time); absent when it is bounded by count only. */
  readonly until?: string;
  readonly match?: string;
}

interface Fault {
  remaining: number | undefined;
  until: number | undefined;
  match: string | undefined;
}

export class FaultSwitch {
  private readonly faults = new Map<FaultTarget, Fault>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Arms (or re-arms) a fault; without `failures` and `forMs` the next call fails. */
  arm(request: FaultRequest): ArmedFault {
    const fault: Fault = {
      remaining: request.failures ?? (request.forMs === undefined ? 1 : undefined),
      until: request.forMs === undefined ? undefined : this.now() + request.forMs,
      match: request.match,
    };
    this.faults.set(request.target, fault);
    return this.describe(request.target, fault);
  }

  /** Whether this call to `target` (whose request is `request`) must fail; counts it against the fault if so. */
  shouldFail(target: FaultTarget, request = ''): boolean {
    const fault = this.faults.get(target);
    if (fault === undefined) return false;
    if (!this.active(fault)) {
      this.faults.delete(target);
      return false;
    }
    if (fault.match !== undefined && !request.includes(fault.match)) return false;
    if (fault.remaining !== undefined) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.faults.delete(target);
    }
    return true;
  }

  list(): ArmedFault[] {
    const armed: ArmedFault[] = [];
    for (const [target, fault] of this.faults) {
      if (this.active(fault)) armed.push(this.describe(target, fault));
      else this.faults.delete(target);
    }
    return armed;
  }

  /** Clears one target's fault, or every fault. */
  clear(target?: FaultTarget): void {
    if (target === undefined) this.faults.clear();
    else this.faults.delete(target);
  }

  private active(fault: Fault): boolean {
    return (fault.remaining === undefined || fault.remaining > 0) && (fault.until === undefined || this.now() < fault.until);
  }

  private describe(target: FaultTarget, fault: Fault): ArmedFault {
    return {
      target,
      ...(fault.remaining === undefined ? {} : { remaining: fault.remaining }),
      ...(fault.until === undefined ? {} : { until: new Date(fault.until).toISOString() }),
      ...(fault.match === undefined ? {} : { match: fault.match }),
    };
  }
}
