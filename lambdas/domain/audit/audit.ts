/**
 * The audit trail: who did what to which customer, when and why. Entries are only appended
 * (the table is append-only by policy, see system/tables.ts).
 */

export type ActorType = 'customer' | 'operator' | 'job' | 'system';

export interface Actor {
  readonly type: ActorType;
  readonly id: string;
}

export interface AuditEntry {
  readonly entryId: string;
  readonly customerId: string;
  readonly at: string;
  readonly actor: Actor;
  readonly action: string;
  readonly reason: string | null;
  /** Ids, field names and outcomes: never the personal values themselves. */
  readonly details: Readonly<Record<string, unknown>>;
}

export interface AuditTrail {
  append(entry: AuditEntry): Promise<void>;
}

export const auditEntry = (
  ids: () => string,
  now: Date,
  customerId: string,
  actor: Actor,
  action: string,
  details: Record<string, unknown> = {},
  reason: string | null = null,
): AuditEntry => ({ entryId: ids(), customerId, at: now.toISOString(), actor, action, reason, details });
