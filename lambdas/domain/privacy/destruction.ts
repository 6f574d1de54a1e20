/**
 * Destruction of a customer's personal data (152-FZ Art. 21; Roskomnadzor Order 179: an act
 * records it). The plan — what each table gets — is pure and covers every personal-data table of
 * system/tables.ts (a unit test derives the list and fails when a table is missing); the customer's
 * items are found by the access export's registry (access-export.ts), so a table is located in one
 * place only.
 *
 * Idempotent and resumable: every step is safe to repeat (a deleted item is not found again, a
 * removed attribute stays removed, the tombstone is the same put, Cognito's 'notFound' is ignored),
 * and the act is written last — a run killed halfway leaves no act, and the next run finishes the
 * work and writes it. A request's act has an id derived from the request: once it exists, the
 * request's destruction is done and is not run again (the act of the first complete run stands).
 *
 * The job (`destroy-requested-data`) runs it for open `destroy` requests and for open
 * `withdraw_consent` requests whose purposes include `personal_data_processing` (withdrawal of
 * that purpose ends the account and its data; withdrawal of other purposes only stops that
 * processing — the consent ledger and the processing gate do that), then completes the request.
 * The customer is not emailed: the address is gone; the act and the request's history are the
 * evidence.
 */
import type { TableName } from '#system/tables';
import type { Actor, AuditTrail } from '../audit/audit';
import { auditEntry } from '../audit/audit';
import { IdentityError } from '../accounts/identity';
import { type CustomerLookup, exportSources } from './access-export';
import type { PrivacyRequest, PrivacyRequestStore, Transition } from './requests';

export type DestructionAction = 'deleted' | 'anonymised' | 'kept';

/** What is done to one table's items of the customer. */
export type DestructionOperation =
  /** The item is replaced by `{ customerId, status: 'DESTROYED', destroyedAt }`. */
  | { readonly kind: 'tombstone'; readonly lookup: CustomerLookup }
  /** Every item found is deleted; with `pushEndpoints`, the SNS endpoint each names (`endpointArn`) first. */
  | { readonly kind: 'delete'; readonly lookup: CustomerLookup; readonly pushEndpoints?: boolean }
  /** The named attributes are removed (set to null where the item's schema requires the field). */
  | { readonly kind: 'strip'; readonly lookup: CustomerLookup; readonly remove: readonly string[]; readonly nullify?: readonly string[] }
  /** The items kept under the customer's requests (partition = requestId) are deleted. */
  | { readonly kind: 'deleteByRequest' }
  /** Nothing is changed; the items are counted when they can be found by customer. */
  | { readonly kind: 'keep'; readonly lookup?: CustomerLookup };

export interface PlannedStep {
  readonly table: TableName;
  readonly action: DestructionAction;
  readonly operation: DestructionOperation;
  readonly why?: string;
}

const lookupOf = (table: TableName): CustomerLookup => {
  const source = exportSources[table];
  if (source === undefined || !('lookup' in source)) throw new Error(`no customer lookup for ${table}`);
  return source.lookup;
};

/** What each personal-data table gets, in the order it is done (pure). */
export const destructionPlan = (): readonly PlannedStep[] => [
  {
    table: 'customers',
    action: 'anonymised',
    operation: { kind: 'tombstone', lookup: lookupOf('customers') },
    why: 'A tombstone (customer id, DESTROYED, when) stays so the id is not reused and consumers see the account is gone; no email, names or phone.',
  },
  { table: 'baskets', action: 'deleted', operation: { kind: 'delete', lookup: lookupOf('baskets') } },
  { table: 'favorites', action: 'deleted', operation: { kind: 'delete', lookup: lookupOf('favorites') } },
  { table: 'sessions', action: 'deleted', operation: { kind: 'delete', lookup: lookupOf('sessions') } },
  { table: 'watchList', action: 'deleted', operation: { kind: 'delete', lookup: lookupOf('watchList') } },
  { table: 'messages', action: 'deleted', operation: { kind: 'delete', lookup: lookupOf('messages') } },
  { table: 'events', action: 'deleted', operation: { kind: 'delete', lookup: lookupOf('events') } },
  {
    table: 'devices',
    action: 'deleted',
    operation: { kind: 'delete', lookup: lookupOf('devices'), pushEndpoints: true },
    why: 'Push registrations, and first the SNS platform endpoint of each (it holds the device token).',
  },
  { table: 'audiences', action: 'deleted', operation: { kind: 'delete', lookup: lookupOf('audiences') } },
  { table: 'recommendations', action: 'deleted', operation: { kind: 'delete', lookup: lookupOf('recommendations') } },
  {
    table: 'subscriptionChanges',
    action: 'deleted',
    operation: { kind: 'delete', lookup: lookupOf('subscriptionChanges') },
    why: "Changes waiting for the contractors' sync. The tombstone then records one change without address, which tells each contractor to erase the subscriber.",
  },
  {
    table: 'orders',
    action: 'anonymised',
    operation: { kind: 'strip', lookup: lookupOf('orders'), remove: ['recipient', 'delivery'] },
    why: 'Kept for accounting (402-FZ): ids, lines, totals and statuses stay; recipient (name, phone) and delivery address removed.',
  },
  {
    table: 'accessExports',
    action: 'deleted',
    operation: { kind: 'deleteByRequest' },
    why: "Exports made for the customer's access requests.",
  },
  {
    table: 'privacyRequests',
    action: 'anonymised',
    operation: { kind: 'strip', lookup: lookupOf('privacyRequests'), remove: ['corrections'], nullify: ['details'] },
    why: "Kept as evidence the customer's requests were answered in time; the free-text details and a rectify request's corrected values removed.",
  },
  {
    table: 'consentReceipts',
    action: 'kept',
    operation: { kind: 'keep', lookup: lookupOf('consentReceipts') },
    why: 'Append-only evidence of consent (152-FZ Art. 9 part 3): customer id, purpose, document version, granted or withdrawn, when — no email, names, phone or address.',
  },
  {
    table: 'audit',
    action: 'kept',
    operation: { kind: 'keep', lookup: lookupOf('audit') },
    why: 'Append-only record of who did what to the account: customer id, actions, request ids, purposes, versions and field names — no email, names, phone or address.',
  },
  {
    table: 'disclosures',
    action: 'kept',
    operation: { kind: 'keep', lookup: lookupOf('disclosures') },
    why: 'Append-only evidence of disclosures the law required (to whom, on what basis, which categories): customer id and the authority, no email, names, phone or address.',
  },
  {
    table: 'throttles',
    action: 'kept',
    operation: { kind: 'keep' },
    why: 'Failed sign-in counters hold no customer id (a hash of the email and a 15-minute window) and expire within the hour.',
  },
];

export interface ActEntry {
  readonly table: TableName | 'cognito';
  readonly action: DestructionAction;
  readonly count: number;
  readonly why?: string;
}

/** The destruction act (Roskomnadzor Order 179): what, when, how, by whom. */
export interface DestructionAct {
  readonly actId: string;
  readonly customerId: string;
  readonly destroyedAt: string;
  readonly reason: string;
  readonly requestId?: string;
  readonly actor: Actor;
  readonly what: readonly ActEntry[];
  readonly method: string;
}

export const destructionMethod = 'automated deletion (DynamoDB DeleteItem/UpdateItem, Cognito AdminDeleteUser)';

/** The store that carries out one planned operation; returns how many items it found (deleted, changed or kept). */
export interface DestructionStore {
  apply(table: TableName, operation: DestructionOperation, customerId: string, destroyedAt: string): Promise<number>;
  getAct(actId: string): Promise<DestructionAct | undefined>;
  putAct(act: DestructionAct): Promise<void>;
}

export interface DestructionPorts {
  readonly identity: { delete(customerId: string): Promise<void> };
  readonly store: DestructionStore;
  readonly clock: () => Date;
  readonly ids: () => string;
}

/** The act of a request has an id derived from it: a rerun finds it. */
export const actIdFor = (requestId: string | undefined, ids: () => string): string => (requestId === undefined ? ids() : `request-${requestId}`);

export const destroyCustomer = async (
  ports: DestructionPorts,
  customerId: string,
  reason: string,
  actor: Actor,
  requestId?: string,
): Promise<DestructionAct> => {
  const actId = actIdFor(requestId, ports.ids);
  if (requestId !== undefined) {
    const done = await ports.store.getAct(actId);
    if (done !== undefined) return done;
  }
  const destroyedAt = ports.clock().toISOString();
  let cognito = 1;
  try {
    await ports.identity.delete(customerId);
  } catch (error: unknown) {
    if (!(error instanceof IdentityError && error.kind === 'notFound')) throw error;
    cognito = 0;
  }
  const what: ActEntry[] = [{ table: 'cognito', action: 'deleted', count: cognito, why: 'The sign-in user (email, names, phone as attributes).' }];
  for (const step of destructionPlan()) {
    const count = await ports.store.apply(step.table, step.operation, customerId, destroyedAt);
    what.push({ table: step.table, action: step.action, count, ...(step.why === undefined ? {} : { why: step.why }) });
  }
  const act: DestructionAct = {
    actId,
    customerId,
    destroyedAt,
    reason,
    ...(requestId === undefined ? {} : { requestId }),
    actor,
    what,
    method: destructionMethod,
  };
  await ports.store.putAct(act);
  return act;
};

// ---------------------------------------------------------------------------------------------
// The job.

/** Whether an open request asks for the destruction of all the customer's data (pure). */
export const asksForDestruction = (request: Pick<PrivacyRequest, 'type' | 'purposes'>): boolean =>
  request.type === 'destroy' || (request.type === 'withdraw_consent' && (request.purposes ?? []).includes('personal_data_processing'));

export interface DestroyJobPorts extends DestructionPorts {
  readonly requests: Pick<PrivacyRequestStore, 'openDueBefore' | 'transition'>;
  readonly audit: AuditTrail;
}

const endOfTime = '9999-12-31T23:59:59.999Z';
export const jobActor: Actor = { type: 'job', id: 'destroy-requested-data' };

/** Destroys the data of every customer with an open destruction request received by `now`, then completes the request. */
export const destroyRequestedData = async (ports: DestroyJobPorts, now: Date) => {
  const at = now.toISOString();
  const due = (await ports.requests.openDueBefore(endOfTime)).filter((r) => asksForDestruction(r) && r.receivedAt <= at);
  let destroyed = 0;
  for (const request of due) {
    const act = await destroyCustomer(ports, request.customerId, `privacy request ${request.type} ${request.requestId}`, jobActor, request.requestId);
    const change: Transition = {
      requestId: request.requestId,
      from: request.status,
      fromExtensions: request.extensions,
      to: 'COMPLETED',
      entry: { status: 'COMPLETED', at: ports.clock().toISOString(), actor: jobActor, note: `Personal data destroyed; destruction act ${act.actId}.` },
      close: true,
    };
    if (await ports.requests.transition(change)) {
      destroyed += 1;
      await ports.audit.append(
        auditEntry(ports.ids, ports.clock(), request.customerId, jobActor, 'privacy_request.completed', {
          requestId: request.requestId,
          type: request.type,
          actId: act.actId,
        }),
      );
    }
  }
  return { due: due.length, destroyed };
};
