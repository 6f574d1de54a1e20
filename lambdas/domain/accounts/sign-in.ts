/**
 * Sign-in, refresh and sign-out. Failures answer one generic message; repeated failures are
 * throttled per account and per network; failures against one account from several networks
 * put it on the watch list for operators.
 */
import { operatorsGroup } from '#system/auth';
import { auditEntry } from '../audit/audit';
import { RateLimitedError, UnauthenticatedError } from '../errors';
import { IdentityError, type Tokens } from './identity';
import { type AccountPorts, type QuietAccountPorts, seconds } from './ports';
import { refusalOf, revokeSession, startSession, tokenFacts } from './sessions';
import { accountKey, networkOf, signInLimits, windowOf } from './throttle';

const badCredentials = () =>
  new UnauthenticatedError('sign-in refused', 'The email or password is wrong, or the email is not confirmed yet.');

export const login = async (ports: QuietAccountPorts, email: string, password: string, sourceIp: string): Promise<Tokens> => {
  const now = seconds(ports.clock());
  const window = windowOf(now);
  const account = accountKey(email);
  const network = networkOf(sourceIp);
  const counts = await ports.throttles.counts(account, network, window.start);
  if (counts.account >= signInLimits.perAccount || counts.network >= signInLimits.perNetwork) {
    throw new RateLimitedError('too many failed sign-ins', window.end - now);
  }

  let tokens: Tokens;
  try {
    tokens = await ports.identity.signIn(email, password);
  } catch (error: unknown) {
    if (!(error instanceof IdentityError)) throw error;
    if (error.kind === 'limited') throw new RateLimitedError('identity provider limit', 60);
    const failures = await ports.throttles.recordFailure(account, network, window.start, window.end + 60);
    if (failures.networks >= signInLimits.takeoverNetworks) {
      await flagTakeoverSuspect(ports, email, failures);
    }
    throw badCredentials();
  }

  const facts = tokenFacts(tokens.accessToken);
  if (facts.customerId === undefined) throw badCredentials();
  const customer = await ports.customers.get(facts.customerId);
  // Operators are staff accounts of the pool, not customers: they have no profile record.
  const isOperator = facts.groups.includes(operatorsGroup);
  if (customer?.status !== 'ACTIVE' && !isOperator) {
    // A closed account cannot sign in, whatever the identity provider says.
    await ports.identity.revokeRefreshToken(tokens.refreshToken).catch(() => undefined);
    throw badCredentials();
  }
  if (facts.sessionId !== undefined) {
    const sessionId = facts.sessionId;
    await ports.sessions.update(facts.customerId, (state) => startSession(state, sessionId, facts.authTime ?? now, now));
  }
  return tokens;
};

const flagTakeoverSuspect = async (ports: QuietAccountPorts, email: string, failures: { count: number; networks: number }) => {
  const user = await ports.identity.userByEmail(email);
  if (user === undefined) return;
  const now = ports.clock();
  const flagged = await ports.watchList.flag({
    customerId: user.customerId,
    status: 'OPEN',
    since: now.toISOString(),
    reason: 'failed sign-ins from several networks',
    signals: { failures: failures.count, networks: failures.networks, windowMinutes: signInLimits.windowSeconds / 60 },
  });
  // Every later failure of the burst finds the account already watched: one entry, one audit line.
  if (!flagged) return;
  await ports.audit.append(
    auditEntry(ports.ids, now, user.customerId, { type: 'system', id: 'sign-in-watch' }, 'account.watch_listed', { failures: failures.count, networks: failures.networks }),
  );
};

export const refresh = async (ports: QuietAccountPorts, refreshToken: string) => {
  let tokens: Omit<Tokens, 'refreshToken'>;
  try {
    tokens = await ports.identity.refresh(refreshToken);
  } catch (error: unknown) {
    if (error instanceof IdentityError) throw new UnauthenticatedError('refresh refused', 'Sign in again.');
    throw error;
  }
  const facts = tokenFacts(tokens.accessToken);
  const state = facts.customerId === undefined ? undefined : await ports.sessions.get(facts.customerId);
  if (facts.customerId === undefined || refusalOf(state, facts) !== undefined) {
    // The session was ended (logout elsewhere, reset, closure): its refresh token dies too.
    await ports.identity.revokeRefreshToken(refreshToken).catch(() => undefined);
    throw new UnauthenticatedError('session ended', 'Sign in again.');
  }
  return tokens;
};

export const logout = async (ports: QuietAccountPorts, customerId: string, sessionId: string | undefined, refreshToken: string) => {
  await ports.identity.revokeRefreshToken(refreshToken).catch((error: unknown) => {
    if (!(error instanceof IdentityError)) throw error;
  });
  const now = seconds(ports.clock());
  if (sessionId !== undefined) await ports.sessions.update(customerId, (state) => revokeSession(state, sessionId, now));
};
