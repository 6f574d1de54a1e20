/**
 * Subscription settings (policy 1.3.2; 38-FZ Art. 18): the customer turns advertising and
 * informational messages off or on per channel in the account, or with one click from a message.
 * folio's own sends follow at once (the deliverer checks again at the moment of sending); the
 * contractors' mailing systems follow at their next sync (contractor-sync, every 15 minutes by
 * default), which `contractorsSyncedBy` states — well inside the policy's 3 days.
 *
 * Every change is one transaction with its audit entry, conditioned on the settings not having
 * changed since they were read, so two changes never overwrite each other unseen.
 */
import { changeSettleSeconds } from '#system/contractors';
import { jobs } from '#system/jobs';
import type { Actor, AuditTrail } from '../audit/audit';
import { auditEntry, type AuditEntry } from '../audit/audit';
import { ConflictError, NotFoundError } from '../errors';
import { type Recipient, sameSubscriptions, type Subscriptions, type SubscriptionsPatch, subscriptionsOf, withPatch } from './permissions';

export type SubscriptionHolder = Recipient & { readonly subscriptionsChangedAt?: string };

export interface SubscriptionStore {
  get(customerId: string): Promise<SubscriptionHolder | undefined>;
  /**
   * Sets the settings and appends the audit entry in one transaction, if the settings were last
   * changed at `expectedChangedAt` (undefined: never) and the account is active; false otherwise.
   */
  set(customerId: string, next: Subscriptions, changedAt: string, expectedChangedAt: string | undefined, audit: AuditEntry): Promise<boolean>;
}

export interface SubscriptionPorts {
  readonly subscriptions: SubscriptionStore;
  readonly audit?: AuditTrail;
  readonly clock: () => Date;
  readonly ids: () => string;
}

export interface SubscriptionsAnswer {
  readonly subscriptions: Subscriptions;
  readonly effectiveAt: string;
  readonly contractorsSyncedBy: string;
}

/** How the change was asked for, recorded in the audit entry. */
export type SubscriptionChannelOfChange = 'account' | 'unsubscribe_link' | 'one_click' | 'sms_stop';

const syncJob = jobs.find((job) => job.name === 'contractor-sync');

/** Minutes between two runs of a `rate(N minutes|hours)` schedule. */
const rateMinutes = (schedule: string): number => {
  const match = /^rate\((\d+) (minute|minutes|hour|hours)\)$/.exec(schedule);
  if (match === null) throw new Error(`contractor-sync needs a rate schedule, not ${schedule}`);
  return Number(match[1]) * (match[2]?.startsWith('hour') === true ? 60 : 1);
};

/**
 * When the contractors will have a change made at `at`: the settle window, one sync interval, and
 * the run's own time limit (pure). A contractor that does not acknowledge raises the lag alarm.
 */
export const contractorsSyncedBy = (at: Date): Date => {
  if (syncJob === undefined) throw new Error('the contractor-sync job is not defined');
  const seconds = changeSettleSeconds + rateMinutes(syncJob.schedule) * 60 + (syncJob.needs.timeoutSeconds ?? 60);
  return new Date(at.getTime() + seconds * 1000);
};

const activeHolder = async (ports: SubscriptionPorts, customerId: string): Promise<SubscriptionHolder> => {
  const customer = await ports.subscriptions.get(customerId);
  if (customer?.status !== 'ACTIVE') throw new NotFoundError('no active customer', 'There is no active account.');
  return customer;
};

export const currentSubscriptions = async (ports: SubscriptionPorts, customerId: string): Promise<Subscriptions> =>
  subscriptionsOf(await activeHolder(ports, customerId));

/** Applies `patch`; a patch that changes nothing writes nothing and answers the same. */
export const changeSubscriptions = async (
  ports: SubscriptionPorts,
  customerId: string,
  patch: SubscriptionsPatch,
  actor: Actor,
  via: SubscriptionChannelOfChange,
): Promise<SubscriptionsAnswer> => {
  // One retry: a concurrent change is read again and the patch applied on top of it.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const customer = await activeHolder(ports, customerId);
    const current = subscriptionsOf(customer);
    const next = withPatch(current, patch);
    const now = ports.clock();
    const answer = { subscriptions: next, effectiveAt: now.toISOString(), contractorsSyncedBy: contractorsSyncedBy(now).toISOString() };
    if (sameSubscriptions(current, next)) return answer;
    // The audit entry names what changed, never an address.
    const audit = auditEntry(ports.ids, now, customerId, actor, 'subscriptions.changed', { via, from: current, to: next });
    if (await ports.subscriptions.set(customerId, next, now.toISOString(), customer.subscriptionsChangedAt, audit)) return answer;
  }
  throw new ConflictError('subscriptions changed concurrently', 'The settings changed meanwhile; read them and try again.');
};
