/**
 * Customers' official privacy requests (policy 1.2.1; 152-FZ Art. 14, 20, 21) and the operators'
 * work on them: receipt, extension (once, where the law allows it, with a reason the customer is
 * told), completion and refusal, and the scheduled deadline watch.
 *
 * Idempotency is by construction, as for orders (lambdas/domain/shop/orders.ts): with an
 * `Idempotency-Key` the request's id is derived from the customer and the key and the request is
 * put only if that id is free; a retry with the same body gets the first request back, another
 * body is a 409.
 *
 * Every state change is a write conditioned on the status it was computed from (two operators
 * racing: one wins, the other gets a 409), appends to the history, is audited and tells the
 * customer by a service email. An open request carries `queue: 'OPEN'`, which puts it in the
 * sparse byDue index the queue and the watch read; closing removes it.
 *
 * `block` and `stop_processing` take effect at once: the same handler that records the request
 * restricts the customer's record (lambdas/domain/privacy/processing-gate.ts says how, and what
 * asks it). The request is recorded first and the restriction applied after, idempotently, so a
 * retry of a request whose restriction was not written (the handler died between) writes it.
 * Closing a `block` request (complete or reject) lifts that request's block.
 *
 * `rectify` (policy 1.2.1: the data is blocked while an operator checks it) blocks the customer
 * at once like a `block` request, under its own id; completing it applies the corrections it
 * names through the same path as PATCH /v1/me (identity attributes, the customer's record, a
 * 'profile.rectified' audit entry, here with the operator as actor) and lifts its block;
 * rejecting it lifts the block and changes nothing.
 */
import { createHash } from 'node:crypto';
import type * as z from 'zod';
import type { privacyRequestCreateSchema, privacyRequestStatusSchema } from '#system/schemas/privacy';
import type { CustomerStore, ProfileChanges } from '../accounts/customers';
import type { IdentityProvider } from '../accounts/identity';
import { activeCustomer, rectify } from '../accounts/profile';
import { type Actor, type AuditTrail, auditEntry } from '../audit/audit';
import { ConflictError, NotFoundError, RuleViolationError } from '../errors';
import type { OutboundMessage } from '../messaging/outbound-message';
import { type DeadlineAlert, deadlineSummary, privacyNotices } from '../messaging/privacy-notices';
import { type Locale, localeOf } from '../messaging/templates/locale';
import { canonicalJson, keyedOrderId, randomOrderId } from '../shop/orders';
import { canExtend, dueBy, extendedDueBy, type PrivacyRequestType } from './legal-deadlines';
import { blockedBy, blockLifted, type Restriction, stoppedFor } from './processing-gate';
import { addWorkingDays } from './working-days';

export type PrivacyRequestStatus = z.output<typeof privacyRequestStatusSchema>;
export type PrivacyRequestBody = z.output<typeof privacyRequestCreateSchema>;

export const openStatuses: readonly PrivacyRequestStatus[] = ['RECEIVED', 'IN_PROGRESS', 'EXTENDED'];
export const isOpen = (status: PrivacyRequestStatus): boolean => openStatuses.includes(status);

export interface HistoryEntry {
  readonly status: PrivacyRequestStatus;
  readonly at: string;
  readonly actor: Actor;
  readonly note: string | null;
}

/** A privacy request as stored. */
export interface PrivacyRequest {
  readonly requestId: string;
  readonly customerId: string;
  readonly type: PrivacyRequestType;
  readonly status: PrivacyRequestStatus;
  readonly receivedAt: string;
  readonly dueBy: string;
  /** 'OPEN' while the request is open: the byDue index's partition. Absent once closed. */
  readonly queue?: 'OPEN';
  readonly extensions: number;
  readonly details: string | null;
  readonly purposes: readonly string[] | null;
  /** A rectify request's corrected values (removed by destruction). */
  readonly corrections?: ProfileChanges | null;
  readonly history: readonly HistoryEntry[];
  /** sha256 of the canonical JSON of the validated body: tells a retry from a reused key. */
  readonly requestHash: string;
  readonly updatedAt?: string;
  /** Set once by the deadline watch when it alerted the request as overdue / due soon. */
  readonly flaggedOverdueAt?: string;
  readonly flaggedDueSoonAt?: string;
}

/** A state change: applied only while the request is still in `from` with `from`'s extension count. */
export interface Transition {
  readonly requestId: string;
  readonly from: PrivacyRequestStatus;
  readonly fromExtensions: number;
  readonly to: PrivacyRequestStatus;
  readonly entry: HistoryEntry;
  /** Set for an extension: the new due date. */
  readonly dueBy?: string;
  /** True when the request closes (COMPLETED, REJECTED): `queue` is removed. */
  readonly close: boolean;
}

export interface RequestPage {
  readonly items: readonly PrivacyRequest[];
  readonly next: string | undefined;
}

/** The port the request logic needs; lambdas/adapters/privacy-request-store.ts implements it on DynamoDB. */
export interface PrivacyRequestStore {
  get(requestId: string): Promise<PrivacyRequest | undefined>;
  /** Puts the request if its id is free; false when it is taken. */
  create(request: PrivacyRequest): Promise<boolean>;
  /** The customer's requests, newest first. */
  page(customerId: string, limit: number, cursor: string | undefined): Promise<RequestPage>;
  /** Open requests, soonest due first; only those due before `dueBefore` and in `status` when given. */
  queue(options: { limit: number; cursor: string | undefined; dueBefore?: string; status?: PrivacyRequestStatus }): Promise<RequestPage>;
  /** Every open request due before the instant (all pages), soonest first. */
  openDueBefore(instant: string): Promise<PrivacyRequest[]>;
  /** Applies the transition; false when the request is no longer in `from` (someone else moved it). */
  transition(change: Transition): Promise<boolean>;
  /** Sets the flag once, while the request is open; false when it was already set (or the request closed). */
  flag(requestId: string, flag: 'flaggedOverdueAt' | 'flaggedDueSoonAt', at: string): Promise<boolean>;
}

export interface PrivacyPorts {
  readonly requests: PrivacyRequestStore;
  /**
   * `get`: whether the customer may make a request, and where to email them; `restrict`: the
   * effect of `block` and `stop_processing` requests.
   */
  readonly customers: CustomerStore;
  /** Completing a rectify request updates the identity provider's attributes. */
  readonly identity: Pick<IdentityProvider, 'updateAttributes'>;
  readonly audit: AuditTrail;
  readonly messages: { enqueue(message: OutboundMessage): Promise<void> };
  readonly clock: () => Date;
  readonly ids: () => string;
}

/**
 * The ports of every path but completing a rectify request, the one path that needs the identity
 * provider: functions that never complete one are wired without it (and bundle no Cognito client).
 */
export type RequestPorts = Omit<PrivacyPorts, 'identity'>;

// ---------------------------------------------------------------------------------------------
// Ids and the request hash (the same construction as orders').

export const keyedRequestId = keyedOrderId;
export const randomRequestId = randomOrderId;
export const requestHashOf = (body: PrivacyRequestBody): string => createHash('sha256').update(canonicalJson(body), 'utf8').digest('hex');

// ---------------------------------------------------------------------------------------------
// What the API shows.

export const isOverdue = (request: Pick<PrivacyRequest, 'status' | 'dueBy'>, now: Date): boolean =>
  isOpen(request.status) && request.dueBy < now.toISOString();

/**
 * The request as the API shows it (system/schemas/privacy.ts `privacyRequestSchema`): no request
 * hash, no queue key. A customer sees who acted by kind only; operators also see the actor's id
 * and whose request it is.
 */
export const requestView = (
  request: PrivacyRequest,
  now: Date,
  options: { audience?: 'customer' | 'operator'; history?: boolean } = {},
) => {
  const audience = options.audience ?? 'customer';
  return {
    requestId: request.requestId,
    ...(audience === 'operator' ? { customerId: request.customerId } : {}),
    type: request.type,
    status: request.status,
    receivedAt: request.receivedAt,
    dueBy: request.dueBy,
    overdue: isOverdue(request, now),
    extended: request.extensions > 0,
    details: request.details,
    purposes: request.purposes === null ? null : [...request.purposes],
    ...(options.history === false
      ? {}
      : {
          history: request.history.map(({ status, at, actor, note }) => ({
            status,
            at,
            actor: audience === 'operator' ? { type: actor.type, id: actor.id } : { type: actor.type },
            note,
          })),
        }),
  };
};

// ---------------------------------------------------------------------------------------------
// Creating a request (the customer).

const reusedKey = () => new ConflictError('idempotency key reused', 'This Idempotency-Key was used with another request.');

const replay = (existing: PrivacyRequest, customerId: string, requestHash: string): PrivacyRequest => {
  if (existing.customerId !== customerId || existing.requestHash !== requestHash) throw reusedKey();
  return existing;
};

/** How many times a restriction change is recomputed when a concurrent one landed first. */
const restrictAttempts = 5;

/**
 * Applies `change` to the customer's restriction, conditioned on the restriction sequence it was
 * computed from; recomputed from a fresh read when another change landed first.
 */
export const changeRestriction = async (
  customers: Pick<CustomerStore, 'get' | 'restrict'>,
  customerId: string,
  change: (current: Restriction | undefined) => Restriction | undefined,
): Promise<void> => {
  for (let attempt = 0; attempt < restrictAttempts; attempt += 1) {
    const customer = await customers.get(customerId);
    if (customer === undefined) return;
    const next = change(customer.restriction);
    if (JSON.stringify(next) === JSON.stringify(customer.restriction)) return;
    if (await customers.restrict(customerId, next, customer.restrictionSeq)) return;
  }
  throw new ConflictError('restriction contended', 'The account changed concurrently; please retry.');
};

/** Whether the request blocks the customer while open: block, and rectify while the operator checks. */
export const holdsBlock = (request: Pick<PrivacyRequest, 'type'>): boolean => request.type === 'block' || request.type === 'rectify';

/** The restriction an open request makes take effect at once (block, stop_processing); none for other types. */
const restrictionOf = (request: PrivacyRequest): ((current: Restriction | undefined) => Restriction | undefined) | undefined => {
  if (!isOpen(request.status)) return undefined;
  if (holdsBlock(request)) return (current) => blockedBy(current, request.requestId, request.receivedAt);
  if (request.type === 'stop_processing' && request.purposes !== null && request.purposes.length > 0) {
    const purposes = request.purposes;
    return (current) => stoppedFor(current, purposes, request.receivedAt);
  }
  return undefined;
};

const takeEffect = async (ports: RequestPorts, request: PrivacyRequest): Promise<PrivacyRequest> => {
  const change = restrictionOf(request);
  if (change !== undefined) await changeRestriction(ports.customers, request.customerId, change);
  return request;
};

/** The stored request a body makes, received at `now` (pure). */
export const newRequest = (requestId: string, customerId: string, body: PrivacyRequestBody, now: Date, requestHash: string): PrivacyRequest => {
  const at = now.toISOString();
  return {
    requestId,
    customerId,
    type: body.type,
    status: 'RECEIVED',
    receivedAt: at,
    dueBy: dueBy(body.type, now).toISOString(),
    queue: 'OPEN',
    extensions: 0,
    details: body.details ?? null,
    purposes: body.purposes ?? null,
    ...(body.corrections === undefined ? {} : { corrections: body.corrections }),
    history: [{ status: 'RECEIVED', at, actor: { type: 'customer', id: customerId }, note: null }],
    requestHash,
  };
};

export const createRequest = async (
  ports: RequestPorts,
  customerId: string,
  body: PrivacyRequestBody,
  idempotencyKey: string | undefined,
): Promise<PrivacyRequest> => {
  const customer = await activeCustomer(ports, customerId);
  const requestHash = requestHashOf(body);
  const requestId = idempotencyKey === undefined ? randomRequestId() : keyedRequestId(customerId, idempotencyKey);
  if (idempotencyKey !== undefined) {
    const existing = await ports.requests.get(requestId);
    if (existing !== undefined) return takeEffect(ports, replay(existing, customerId, requestHash));
  }
  const now = ports.clock();
  const request = newRequest(requestId, customerId, body, now, requestHash);
  if (!(await ports.requests.create(request))) {
    // The id is taken: by this key's concurrent request, now committed.
    const existing = await ports.requests.get(requestId);
    if (existing !== undefined) return takeEffect(ports, replay(existing, customerId, requestHash));
    throw new ConflictError('request contended', 'The request could not be recorded; please retry.');
  }
  await takeEffect(ports, request);
  await ports.audit.append(
    auditEntry(ports.ids, now, customerId, { type: 'customer', id: customerId }, 'privacy_request.received', {
      requestId,
      type: request.type,
      dueBy: request.dueBy,
    }),
  );
  await ports.messages.enqueue({
    messageId: ports.ids(),
    customerId,
    channel: 'email',
    category: 'service',
    to: customer.email,
    ...privacyNotices.received(localeOf(customer), requestId, request.type, request.dueBy),
  });
  return request;
};

// ---------------------------------------------------------------------------------------------
// Reading requests (the customer).

/** The caller's request; another customer's is answered exactly like a missing one. */
export const getRequest = async (requests: Pick<PrivacyRequestStore, 'get'>, customerId: string, requestId: string): Promise<PrivacyRequest> => {
  const request = await requests.get(requestId);
  if (request === undefined || request.customerId !== customerId) throw new NotFoundError('no such request', 'There is no such request.');
  return request;
};

export const listRequests = async (
  requests: Pick<PrivacyRequestStore, 'page'>,
  customerId: string,
  limit: number,
  cursor: string | undefined,
  now: Date,
) => {
  const page = await requests.page(customerId, limit, cursor);
  return { items: page.items.map((request) => requestView(request, now, { history: false })), nextCursor: page.next ?? null };
};

// ---------------------------------------------------------------------------------------------
// The operators' queue.

/**
 * Open requests, soonest due first. The queue is the sparse byDue index, which holds open
 * requests only: a `status` filter of an open status (RECEIVED, IN_PROGRESS, EXTENDED) narrows
 * it; a closed status (COMPLETED, REJECTED) is a 422 naming `query.status` — closed requests
 * are not work, and are read per customer (their history and audit trail), not by a scan of
 * the table. `overdue=true` keeps those whose dueBy has passed.
 */
export const listQueue = async (
  requests: Pick<PrivacyRequestStore, 'queue'>,
  query: { status?: PrivacyRequestStatus | undefined; overdue?: 'true' | 'false' | undefined; limit: number; cursor?: string | undefined },
  now: Date,
) => {
  if (query.status !== undefined && !isOpen(query.status)) {
    throw new RuleViolationError('closed status', [
      { path: 'query.status', message: `the queue holds open requests only (${openStatuses.join(', ')})` },
    ]);
  }
  const page = await requests.queue({
    limit: query.limit,
    cursor: query.cursor,
    ...(query.overdue === 'true' ? { dueBefore: now.toISOString() } : {}),
    ...(query.status === undefined ? {} : { status: query.status }),
  });
  return { items: page.items.map((request) => requestView(request, now, { audience: 'operator', history: false })), nextCursor: page.next ?? null };
};

/**
 * Operators' reads of customers' data are themselves audited: one entry per distinct customer on
 * a page of the queue, naming the request ids the operator saw.
 */
export const auditQueueRead = async (
  ports: Pick<PrivacyPorts, 'audit' | 'ids'>,
  items: readonly { readonly requestId: string; readonly customerId?: string }[],
  operatorId: string,
  now: Date,
): Promise<void> => {
  const byCustomer = new Map<string, string[]>();
  for (const item of items) {
    if (item.customerId === undefined) continue;
    byCustomer.set(item.customerId, [...(byCustomer.get(item.customerId) ?? []), item.requestId]);
  }
  await Promise.all(
    [...byCustomer].map(([customerId, requestIds]) =>
      ports.audit.append(auditEntry(ports.ids, now, customerId, { type: 'operator', id: operatorId }, 'privacy_request.read_by_operator', { requestIds })),
    ),
  );
};

// ---------------------------------------------------------------------------------------------
// State changes (operators).

export type OperatorAction = 'extend' | 'complete' | 'reject';

const notFound = () => new NotFoundError('no such request', 'There is no such request.');
const closed = (request: PrivacyRequest) => new ConflictError('request closed', `The request is ${request.status}; it cannot change any more.`);

/** The transition an operator's action makes of the request as read (pure); a 409 where not allowed. */
export const transitionFor = (request: PrivacyRequest, action: OperatorAction, note: string, actor: Actor, now: Date): Transition => {
  if (!isOpen(request.status)) throw closed(request);
  const at = now.toISOString();
  const base = { requestId: request.requestId, from: request.status, fromExtensions: request.extensions };
  switch (action) {
    case 'extend': {
      if (!canExtend(request.type, request.extensions)) {
        throw new ConflictError(
          'not extendable',
          request.extensions > 0 ? 'The request was already extended; the law allows one extension.' : `The law allows no extension of a ${request.type} request.`,
        );
      }
      return { ...base, to: 'EXTENDED', entry: { status: 'EXTENDED', at, actor, note }, dueBy: extendedDueBy(request.type, new Date(request.dueBy)).toISOString(), close: false };
    }
    case 'complete':
      return { ...base, to: 'COMPLETED', entry: { status: 'COMPLETED', at, actor, note }, close: true };
    case 'reject':
      return { ...base, to: 'REJECTED', entry: { status: 'REJECTED', at, actor, note }, close: true };
  }
};

/** The request after the transition (pure). */
export const applyTransition = (request: PrivacyRequest, change: Transition): PrivacyRequest => {
  const { queue: _queue, ...rest } = request;
  return {
    ...(change.close ? rest : request),
    status: change.to,
    history: [...request.history, change.entry],
    updatedAt: change.entry.at,
    ...(change.dueBy === undefined ? {} : { dueBy: change.dueBy, extensions: request.extensions + 1 }),
  };
};

/**
 * Tells a customer about their request by a service email, in their language; a customer whose
 * record is gone (destroyed) is not written to.
 */
export const emailCustomer = async (
  ports: Pick<PrivacyPorts, 'customers' | 'messages' | 'ids'>,
  customerId: string,
  notice: (locale: Locale) => Pick<OutboundMessage, 'subject' | 'text' | 'html'>,
): Promise<void> => {
  const customer = await ports.customers.get(customerId);
  if (customer === undefined) return;
  await ports.messages.enqueue({ messageId: ports.ids(), customerId, channel: 'email', category: 'service', to: customer.email, ...notice(localeOf(customer)) });
};

const noticeFor = (locale: Locale, request: PrivacyRequest, action: OperatorAction, note: string) => {
  switch (action) {
    case 'extend':
      return privacyNotices.extended(locale, request.requestId, request.type, request.dueBy, note);
    case 'complete':
      return privacyNotices.completed(locale, request.requestId, request.type, note);
    case 'reject':
      return privacyNotices.rejected(locale, request.requestId, request.type, note);
  }
};

const auditActions: Readonly<Record<OperatorAction, string>> = {
  extend: 'privacy_request.extended',
  complete: 'privacy_request.completed',
  reject: 'privacy_request.rejected',
};

export const actOnRequest = async (
  ports: RequestPorts & Partial<Pick<PrivacyPorts, 'identity'>>,
  requestId: string,
  action: OperatorAction,
  note: string,
  operatorId: string,
): Promise<PrivacyRequest> => {
  const request = await ports.requests.get(requestId);
  if (request === undefined) throw notFound();
  const now = ports.clock();
  const actor: Actor = { type: 'operator', id: operatorId };
  const change = transitionFor(request, action, note, actor, now);
  if (request.type === 'rectify' && action === 'complete' && request.corrections != null) {
    // Applied before the request closes: if it fails, the request stays open to be completed again.
    const { identity } = ports;
    if (identity === undefined) throw new Error('completing a rectify request needs the identity port (lambdas/adapters/privacy-identity-ports.ts)');
    await rectify({ ...ports, identity }, request.customerId, request.corrections, actor);
  }
  if (!(await ports.requests.transition(change))) {
    // Another operator moved it first: theirs stands.
    const current = await ports.requests.get(requestId);
    throw new ConflictError('request changed', `The request changed meanwhile (now ${current?.status ?? 'gone'}); read it and try again.`);
  }
  const updated = applyTransition(request, change);
  if (holdsBlock(request) && change.close) {
    // A closed block request no longer holds a block (processing-gate.ts).
    await changeRestriction(ports.customers, request.customerId, (current) => blockLifted(current, requestId));
  }
  await ports.audit.append(
    auditEntry(
      ports.ids,
      now,
      request.customerId,
      actor,
      auditActions[action],
      { requestId, type: request.type, from: change.from, to: change.to, dueBy: updated.dueBy },
      note,
    ),
  );
  await emailCustomer(ports, request.customerId, (locale) => noticeFor(locale, updated, action, note));
  return updated;
};

// ---------------------------------------------------------------------------------------------
// The deadline watch (job).

/** How far ahead "due soon" looks, in working days. */
export const dueSoonWorkingDays = 2;

export interface WatchPorts {
  readonly requests: Pick<PrivacyRequestStore, 'openDueBefore' | 'flag'>;
  readonly messages: { enqueue(message: OutboundMessage): Promise<void> };
  readonly metrics: { overdue(count: number): void };
  readonly operationsEmail: string;
  readonly ids: () => string;
}

/** Which open requests are overdue and which due soon at `now`, of those due before the horizon (pure). */
export const classify = (requests: readonly PrivacyRequest[], now: Date): { overdue: PrivacyRequest[]; dueSoon: PrivacyRequest[] } => {
  const at = now.toISOString();
  const open = requests.filter((r) => isOpen(r.status));
  return { overdue: open.filter((r) => r.dueBy < at), dueSoon: open.filter((r) => r.dueBy >= at) };
};

/**
 * Flags open requests past their due date, and those due within 2 working days, each once (a
 * rerun alerts nothing new); sends one summary to operations when anything was newly flagged;
 * reports the number overdue as a metric (alarmed in the cloud).
 */
export const watchDeadlines = async (ports: WatchPorts, now: Date) => {
  const horizon = addWorkingDays(now, dueSoonWorkingDays).toISOString();
  const { overdue, dueSoon } = classify(await ports.requests.openDueBefore(horizon), now);
  const at = now.toISOString();
  const alerts: DeadlineAlert[] = [];
  for (const request of overdue) {
    if (request.flaggedOverdueAt === undefined && (await ports.requests.flag(request.requestId, 'flaggedOverdueAt', at))) {
      alerts.push({ requestId: request.requestId, type: request.type, dueBy: request.dueBy, flag: 'overdue' });
    }
  }
  for (const request of dueSoon) {
    if (request.flaggedDueSoonAt === undefined && (await ports.requests.flag(request.requestId, 'flaggedDueSoonAt', at))) {
      alerts.push({ requestId: request.requestId, type: request.type, dueBy: request.dueBy, flag: 'due_soon' });
    }
  }
  if (alerts.length > 0) {
    await ports.messages.enqueue({
      messageId: ports.ids(),
      channel: 'email',
      category: 'service',
      to: ports.operationsEmail,
      ...deadlineSummary(alerts),
    });
  }
  ports.metrics.overdue(overdue.length);
  return { overdue: overdue.length, dueSoon: dueSoon.length, alerted: alerts.length };
};
