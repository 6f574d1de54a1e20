/**
 * The customer's own record: reading it, rectifying it (policy 1.2.1; every change audited),
 * and closing the account, which does not by itself withdraw consent (policy 1.2.1, last part).
 */
import { type Actor, auditEntry } from '../audit/audit';
import { receiptFor } from '../consent/ledger';
import { NotFoundError } from '../errors';
import { consentPurposes } from '../legal/purposes';
import { notices } from '../messaging/account-notices';
import { localeOf } from '../messaging/templates/locale';
import type { Customer, ProfileChanges } from './customers';
import type { IdentityProvider } from './identity';
import { type AccountPorts, seconds } from './ports';
import { closeSessions } from './sessions';

export const profileView = (customer: Customer) => ({
  customerId: customer.customerId,
  email: customer.email,
  firstName: customer.firstName,
  lastName: customer.lastName,
  phone: customer.phone ?? null,
  loyalty: { tier: customer.loyaltyTier },
  locale: localeOf(customer),
  createdAt: customer.createdAt ?? customer.registeredAt,
});

export const activeCustomer = async (ports: Pick<AccountPorts, 'customers'>, customerId: string): Promise<Customer> => {
  const customer = await ports.customers.get(customerId);
  if (customer?.status !== 'ACTIVE') throw new NotFoundError('no active customer', 'There is no active account.');
  return customer;
};

/**
 * Changes names or phone: the customer's own PATCH /v1/me, or an operator completing a rectify
 * privacy request (then `actor` is the operator).
 */
export const rectify = async (
  ports: Pick<AccountPorts, 'customers' | 'audit' | 'clock' | 'ids'> & { readonly identity: Pick<IdentityProvider, 'updateAttributes'> },
  customerId: string,
  changes: ProfileChanges,
  actor: Actor = { type: 'customer', id: customerId },
) => {
  await activeCustomer(ports, customerId);
  const now = ports.clock();
  // The identity provider first: if it refuses, nothing has changed anywhere.
  await ports.identity.updateAttributes(customerId, changes);
  const updated = await ports.customers.updateProfile(customerId, changes, now.toISOString());
  await ports.audit.append(
    auditEntry(ports.ids, now, customerId, actor, 'profile.rectified', {
      fields: Object.keys(changes)
        .filter((field) => changes[field as keyof ProfileChanges] !== undefined)
        .sort(),
    }),
  );
  return profileView(updated);
};

/** No more sign-in, no session left, the record marked closed. */
const shutAccount = async (ports: AccountPorts, customerId: string, now: Date) => {
  await ports.sessions.update(customerId, (state) => closeSessions(state, seconds(now)));
  await ports.identity.disable(customerId);
  await ports.identity.signOutEverywhere(customerId);
};

/**
 * Withdrawing consent to personal data processing ends the account: it cannot exist without
 * that consent (the consent document says so). Destruction of the data follows within the
 * legal deadline (the privacy-request process).
 */
export const closeOnRequiredWithdrawal = async (ports: AccountPorts, customer: Customer, now: Date) => {
  await shutAccount(ports, customer.customerId, now);
  await ports.customers.close(customer.customerId, now.toISOString());
  await ports.audit.append(
    auditEntry(ports.ids, now, customer.customerId, { type: 'customer', id: customer.customerId }, 'account.closed', { reason: 'personal_data_processing withdrawn' }),
  );
  await ports.messages.enqueue({ messageId: ports.ids(), customerId: customer.customerId, channel: 'email', category: 'service', to: customer.email, ...notices.accountClosed(localeOf(customer), true) });
};

export const closeAccount = async (ports: AccountPorts, customerId: string, withdrawConsents: boolean) => {
  const customer = await activeCustomer(ports, customerId);
  const now = ports.clock();
  await shutAccount(ports, customerId, now);
  if (withdrawConsents) {
    const withdrawals = consentPurposes
      .filter((purpose) => customer.consents[purpose]?.granted)
      .map((purpose) => receiptFor(customerId, { purpose, documentVersion: customer.consents[purpose]?.documentVersion ?? '', granted: false }, 'account_closure', now, ports.ids));
    if (withdrawals.length > 0) await ports.customers.recordConsents(customerId, withdrawals, customer.consentSeq);
  }
  await ports.customers.close(customerId, now.toISOString());
  await ports.audit.append(
    auditEntry(ports.ids, now, customerId, { type: 'customer', id: customerId }, 'account.closed', { consentsWithdrawn: withdrawConsents }),
  );
  await ports.messages.enqueue({ messageId: ports.ids(), customerId, channel: 'email', category: 'service', to: customer.email, ...notices.accountClosed(localeOf(customer), withdrawConsents) });
  return { status: 'CLOSED' as const, consentsWithdrawn: withdrawConsents };
};
