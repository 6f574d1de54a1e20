/**
 * Account takeover (policy 3.3): when the seller suspects a third party or malware uses an
 * account, it changes the password unilaterally. The old password stops working, every session
 * and refresh token is refused at once, the customer is told how to set a new password, and the
 * audit trail records who did it and why.
 */
import { randomBytes } from 'node:crypto';
import { type Actor, auditEntry } from '../audit/audit';
import { NotFoundError } from '../errors';
import { notices } from '../messaging/account-notices';
import { localeOf } from '../messaging/templates/locale';
import { type AccountPorts, seconds } from './ports';
import { endSessions } from './sessions';

export interface WatchEntry {
  readonly customerId: string;
  readonly status: 'OPEN' | 'PASSWORD_RESET' | 'DISMISSED';
  readonly since: string;
  readonly reason: string;
  readonly signals: Readonly<Record<string, unknown>>;
}

export interface WatchList {
  /** Puts the account on the list; false when it is already there and open. */
  flag(entry: WatchEntry): Promise<boolean>;
  resolve(customerId: string, status: WatchEntry['status'], at: string): Promise<void>;
  list(status: WatchEntry['status'], limit: number): Promise<WatchEntry[]>;
}

/** A password nobody knows: 48 random bytes plus one of each class the policy asks for. */
const unknowablePassword = () => `${randomBytes(48).toString('base64url')}aA1!`;

export const forcePasswordReset = async (ports: AccountPorts, customerId: string, actor: Actor, reason: string) => {
  const customer = await ports.customers.get(customerId);
  if (customer === undefined || customer.status === 'PENDING') throw new NotFoundError('no such customer', 'There is no such customer.');
  const now = ports.clock();
  await ports.identity.setPassword(customerId, unknowablePassword());
  await ports.sessions.update(customerId, (state) => endSessions(state, seconds(now)));
  await ports.identity.signOutEverywhere(customerId);
  await ports.audit.append(auditEntry(ports.ids, now, customerId, actor, 'password.forced_reset', { sessionsEnded: true }, reason));
  await ports.watchList.resolve(customerId, 'PASSWORD_RESET', now.toISOString());
  await ports.messages.enqueue({ messageId: ports.ids(), customerId, channel: 'email', category: 'service', to: customer.email, ...notices.passwordResetForced(localeOf(customer)) });
  if (customer.phone) {
    await ports.messages.enqueue({ messageId: ports.ids(), customerId, channel: 'sms', category: 'service', to: customer.phone, ...notices.passwordResetForcedSms(localeOf(customer)) });
  }
  return { status: 'PASSWORD_RESET' as const };
};
