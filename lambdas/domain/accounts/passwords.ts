/**
 * Forgotten, reset and changed passwords. A reset ends every session; a change ends every
 * other session. Neither says whether an email has an account.
 */
import { auditEntry } from '../audit/audit';
import { RateLimitedError, RuleViolationError } from '../errors';
import { notices } from '../messaging/account-notices';
import { localeOf } from '../messaging/templates/locale';
import { IdentityError } from './identity';
import { type AccountPorts, type QuietAccountPorts, seconds } from './ports';
import { endSessions } from './sessions';
import { accountKey, networkOf, recoveryLimits, windowOf } from './throttle';

/** Refuses with 429 once the account or the network has used up its recovery attempts (recoveryLimits). */
const recoveryWindow = async (ports: QuietAccountPorts, email: string, sourceIp: string) => {
  const now = seconds(ports.clock());
  const window = windowOf(now);
  const key = { account: accountKey(email), network: networkOf(sourceIp) };
  const counts = await ports.throttles.counts(key.account, key.network, window.start, 'recovery');
  if (counts.account >= recoveryLimits.perAccount || counts.network >= recoveryLimits.perNetwork) {
    throw new RateLimitedError('too many password recovery attempts', window.end - now);
  }
  return { count: () => ports.throttles.recordFailure(key.account, key.network, window.start, window.end + 60, 'recovery') };
};

export const forgotPassword = async (ports: QuietAccountPorts, email: string, sourceIp: string): Promise<void> => {
  const attempts = await recoveryWindow(ports, email, sourceIp);
  // Every request counts, known address or not: the limit says nothing about who is registered.
  await attempts.count();
  try {
    await ports.identity.forgotPassword(email);
  } catch (error: unknown) {
    // Unknown, unconfirmed or limited: the answer is the same 202, so nobody learns which.
    if (!(error instanceof IdentityError)) throw error;
  }
};

export const resetPassword = async (ports: AccountPorts, email: string, code: string, newPassword: string, sourceIp: string): Promise<void> => {
  const attempts = await recoveryWindow(ports, email, sourceIp);
  try {
    await ports.identity.confirmForgotPassword(email, code, newPassword);
  } catch (error: unknown) {
    if (error instanceof IdentityError && error.kind === 'badPassword') {
      throw new RuleViolationError('weak password', [{ path: 'body.newPassword', message: 'does not meet the password rule' }]);
    }
    if (error instanceof IdentityError && error.kind === 'limited') throw new RateLimitedError('too many attempts', 60);
    if (error instanceof IdentityError) {
      await attempts.count();
      throw new RuleViolationError('bad code', [{ path: 'body.code', message: 'is wrong or expired' }]);
    }
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
