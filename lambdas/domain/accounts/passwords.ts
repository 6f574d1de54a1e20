/**
 * Forgotten, reset and changed passwords. A reset ends every session; a change ends every
 * other session. Neither says whether an email has an account.
 */
import { auditEntry } from '../audit/audit';
import { RateLimitedError, RuleViolationError } from '../errors';
import { notices } from '../messaging/account-notices';
import { localeOf } from '../messaging/templates/locale';
import { IdentityError } from './identity';
import { type AccountPorts, seconds } from './ports';
import { endSessions } from './sessions';

export const forgotPassword = async (ports: AccountPorts, email: string): Promise<void> => {
  try {
    await ports.identity.forgotPassword(email);
  } catch (error: unknown) {
    // Unknown, unconfirmed or limited: the answer is the same 202, so nobody learns which.
    if (!(error instanceof IdentityError)) throw error;
  }
};

export const resetPassword = async (ports: AccountPorts, email: string, code: string, newPassword: string): Promise<void> => {
  try {
    await ports.identity.confirmForgotPassword(email, code, newPassword);
  } catch (error: unknown) {
    if (error instanceof IdentityError && error.kind === 'badPassword') {
      throw new RuleViolationError('weak password', [{ path: 'body.newPassword', message: 'does not meet the password rule' }]);
    }
    if (error instanceof IdentityError && error.kind === 'limited') throw new RateLimitedError('too many attempts', 60);
    if (error instanceof IdentityError) throw new RuleViolationError('bad code', [{ path: 'body.code', message: 'is wrong or expired' }]);
    throw error;
  }
  const user = await ports.identity.userByEmail(email);
  if (user === undefined) return;
  const now = ports.clock();
  await ports.sessions.update(user.customerId, (state) => endSessions(state, seconds(now)));
  await ports.identity.signOutEverywhere(user.customerId);
  await ports.audit.append(auditEntry(ports.ids, now, user.customerId, { type: 'customer', id: user.customerId }, 'password.reset', { sessionsEnded: 'all' }));
  const customer = await ports.customers.get(user.customerId);
  await ports.messages.enqueue({ messageId: ports.ids(), customerId: user.customerId, channel: 'email', category: 'service', to: user.email, ...notices.passwordChanged(localeOf(customer)) });
};

export const changePassword = async (
  ports: AccountPorts,
  principal: { customerId: string; sessionId: string | undefined },
  accessToken: string,
  currentPassword: string,
  newPassword: string,
): Promise<void> => {
  try {
    await ports.identity.changePassword(accessToken, currentPassword, newPassword);
  } catch (error: unknown) {
    if (error instanceof IdentityError && error.kind === 'badPassword') {
      throw new RuleViolationError('weak password', [{ path: 'body.newPassword', message: 'does not meet the password rule' }]);
    }
    if (error instanceof IdentityError && error.kind === 'limited') throw new RateLimitedError('too many attempts', 60);
    if (error instanceof IdentityError) {
      throw new RuleViolationError('wrong password', [{ path: 'body.currentPassword', message: 'is not the current password' }]);
    }
    throw error;
  }
  const now = ports.clock();
  await ports.sessions.update(principal.customerId, (state) => endSessions(state, seconds(now), principal.sessionId));
  await ports.audit.append(
    auditEntry(ports.ids, now, principal.customerId, { type: 'customer', id: principal.customerId }, 'password.changed', { sessionsEnded: 'others' }),
  );
  const customer = await ports.customers.get(principal.customerId);
  if (customer) {
    await ports.messages.enqueue({ messageId: ports.ids(), customerId: customer.customerId, channel: 'email', category: 'service', to: customer.email, ...notices.passwordChanged(localeOf(customer)) });
  }
};
