/**
 * Who may receive which message (policy 1.3.2; 38-FZ Art. 18; 152-FZ Art. 15): the one place
 * that decides it, pure, used by the campaign audiences (kept from the customers stream), by the
 * deliverer at the moment of sending, and by the contractors' change log.
 *
 * - Service messages (order status, basket, favourites, loyalty, security, privacy requests)
 *   cannot be refused: subscriptions do not apply to them.
 * - Advertising and informational messages reach a customer on a channel only when all hold:
 *   the account is active; `advertising` consent is granted (38-FZ: prior consent); the customer
 *   is subscribed on that channel and category; the processing gate allows 'advertising' (not
 *   blocked, advertising not stopped); and the channel has an address (a phone for SMS).
 * - Subscriptions default to on for every channel and category: the consent is the customer's
 *   decision to receive advertising at all, the settings narrow it (docs/architecture.md).
 */
import type { Customer } from '../accounts/customers';
import { mayProcess } from '../privacy/processing-gate';

export const subscriptionChannels = ['email', 'sms', 'push'] as const;
export type SubscriptionChannel = (typeof subscriptionChannels)[number];

export const optionalCategories = ['advertising', 'informational'] as const;
export type OptionalCategory = (typeof optionalCategories)[number];

export type ChannelSettings = Readonly<Record<OptionalCategory, boolean>>;
export type Subscriptions = Readonly<Record<SubscriptionChannel, ChannelSettings>>;
export type SubscriptionsPatch = Partial<Record<SubscriptionChannel, Partial<ChannelSettings>>>;

export const defaultSubscriptions: Subscriptions = {
  email: { advertising: true, informational: true },
  sms: { advertising: true, informational: true },
  push: { advertising: true, informational: true },
};

/** The fields of a customer record this module reads; the customer record may carry `subscriptions`. */
export type Recipient = Pick<Customer, 'customerId' | 'status' | 'consents' | 'restriction'> & {
  readonly email?: string;
  readonly phone?: string | null;
  readonly locale?: string;
  readonly subscriptions?: SubscriptionsPatch;
};

/** The stored settings over the defaults (pure). */
export const subscriptionsOf = (customer: { readonly subscriptions?: SubscriptionsPatch | undefined }): Subscriptions => {
  const stored = customer.subscriptions ?? {};
  const settings = (channel: SubscriptionChannel): ChannelSettings => ({
    advertising: stored[channel]?.advertising ?? defaultSubscriptions[channel].advertising,
    informational: stored[channel]?.informational ?? defaultSubscriptions[channel].informational,
  });
  return { email: settings('email'), sms: settings('sms'), push: settings('push') };
};

/** The settings with a patch applied (pure). */
export const withPatch = (current: Subscriptions, patch: SubscriptionsPatch): Subscriptions => {
  const settings = (channel: SubscriptionChannel): ChannelSettings => ({ ...current[channel], ...patch[channel] });
  return { email: settings('email'), sms: settings('sms'), push: settings('push') };
};

export const sameSubscriptions = (a: Subscriptions, b: Subscriptions): boolean =>
  subscriptionChannels.every((channel) => optionalCategories.every((category) => a[channel][category] === b[channel][category]));

/** Why a subscribed customer is left out of a campaign. */
export type SuppressionReason = 'no_consent' | 'restricted' | 'no_address';

/**
 * Where a customer stands for campaigns of `channel` and `category`: `undefined` when not a
 * member at all (account not active, or not subscribed), else eligible or suppressed with why.
 */
export type AudienceStanding = { readonly state: 'eligible' } | { readonly state: 'suppressed'; readonly reason: SuppressionReason };

export const standingOf = (
  customer: Recipient | undefined,
  channel: SubscriptionChannel,
  category: OptionalCategory,
): AudienceStanding | undefined => {
  if (customer?.status !== 'ACTIVE') return undefined;
  if (!subscriptionsOf(customer)[channel][category]) return undefined;
  if (customer.consents?.advertising?.granted !== true) return { state: 'suppressed', reason: 'no_consent' };
  if (!mayProcess(customer, 'advertising')) return { state: 'suppressed', reason: 'restricted' };
  if (channel === 'sms' && (customer.phone ?? null) === null) return { state: 'suppressed', reason: 'no_address' };
  return { state: 'eligible' };
};

/** Whether an advertising or informational message may be sent now (checked again at sending). */
export const mayReceive = (customer: Recipient | undefined, channel: SubscriptionChannel, category: OptionalCategory): boolean =>
  standingOf(customer, channel, category)?.state === 'eligible';

/** Audience partitions are sharded so a campaign reads them in parallel and no key gets hot. */
export const audienceShards = 8;

/** A stable shard of a customer id (FNV-1a, pure). */
export const shardOf = (customerId: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < customerId.length; i += 1) {
    hash ^= customerId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % audienceShards;
};

export const audienceKey = (channel: SubscriptionChannel, category: OptionalCategory, state: 'eligible' | 'suppressed', shard: number): string =>
  `${channel}#${category}#${state}#${shard}`;

/** One audience item of a customer: the key and what a campaign needs to address the message. */
export interface AudienceMembership {
  readonly audienceKey: string;
  readonly customerId: string;
  readonly channel: SubscriptionChannel;
  readonly category: OptionalCategory;
  readonly state: 'eligible' | 'suppressed';
  readonly reason?: SuppressionReason;
  /** The email or phone for eligible email and SMS members; push is addressed by the devices table. */
  readonly address?: string;
  readonly locale: string;
}

export const membershipsOf = (customer: Recipient | undefined): readonly AudienceMembership[] => {
  if (customer === undefined) return [];
  const memberships: AudienceMembership[] = [];
  for (const channel of subscriptionChannels) {
    for (const category of optionalCategories) {
      const standing = standingOf(customer, channel, category);
      if (standing === undefined) continue;
      const address = standing.state !== 'eligible' ? undefined : channel === 'email' ? customer.email : channel === 'sms' ? (customer.phone ?? undefined) : undefined;
      memberships.push({
        audienceKey: audienceKey(channel, category, standing.state, shardOf(customer.customerId)),
        customerId: customer.customerId,
        channel,
        category,
        state: standing.state,
        ...(standing.state === 'suppressed' && { reason: standing.reason }),
        ...(address !== undefined && { address }),
        locale: customer.locale ?? 'ru',
      });
    }
  }
  return memberships;
};

/** The writes that turn the old memberships into the new (pure): deletes of keys gone, puts of new or changed items. */
export const membershipChanges = (
  before: readonly AudienceMembership[],
  after: readonly AudienceMembership[],
): { readonly puts: readonly AudienceMembership[]; readonly deletes: readonly { audienceKey: string; customerId: string }[] } => {
  const keyOf = (m: AudienceMembership) => m.audienceKey;
  const old = new Map(before.map((m) => [keyOf(m), m]));
  const next = new Map(after.map((m) => [keyOf(m), m]));
  const puts = after.filter((m) => JSON.stringify(old.get(keyOf(m))) !== JSON.stringify(m));
  const deletes = before.filter((m) => !next.has(keyOf(m))).map((m) => ({ audienceKey: m.audienceKey, customerId: m.customerId }));
  return { puts, deletes };
};

/**
 * What a contractor's mailing system must know of a customer: whether each newsletter may go
 * (the same rule as folio's own sends) and to which address. `erased` when the account's data was
 * destroyed: the contractor deletes the subscriber (matched by `subscriberId`) and its addresses.
 * Contractors send email and SMS newsletters; push stays with folio.
 */
export interface ContractorView {
  readonly subscriberId: string;
  readonly erased: boolean;
  readonly email?: string;
  readonly phone?: string;
  readonly permissions: Readonly<Record<'email' | 'sms', ChannelSettings>>;
}

const contractorChannels = ['email', 'sms'] as const;

export const contractorViewOf = (customer: (Recipient & { readonly destroyedAt?: string }) | undefined): ContractorView | undefined => {
  if (customer === undefined) return undefined;
  const status = customer.status as string;
  // A pending registration was never a subscriber: nothing to tell, nothing to take back.
  if (status === 'PENDING') return undefined;
  const erased = status === 'DESTROYED';
  const permission = (channel: 'email' | 'sms'): ChannelSettings => ({
    advertising: mayReceive(customer, channel, 'advertising'),
    informational: mayReceive(customer, channel, 'informational'),
  });
  return {
    subscriberId: customer.customerId,
    erased,
    ...(!erased && customer.email !== undefined && { email: customer.email }),
    ...(!erased && (customer.phone ?? null) !== null && { phone: customer.phone ?? '' }),
    permissions: { email: permission('email'), sms: permission('sms') },
  };
};

/** Whether a contractor must hear of the change from `before` to `after` (pure). */
export const contractorMustHear = (before: ContractorView | undefined, after: ContractorView | undefined): boolean => {
  if (after === undefined) return false;
  if (before === undefined) return contractorChannels.some((c) => optionalCategories.some((k) => after.permissions[c][k])) || after.erased;
  return JSON.stringify(before) !== JSON.stringify(after);
};
