/**
 * Throttling failed sign-ins, per account and per network, and the takeover signal: failures
 * against one account from several networks in one window. Accounts are keyed by a hash of the
 * email and networks by the truncated address (IPv4 /24, IPv6 /48): no full IP, no email stored.
 */
import { createHash } from 'node:crypto';

export const signInLimits = {
  windowSeconds: 15 * 60,
  /** Failures per account in a window before sign-in is refused with 429. */
  perAccount: 5,
  /** Failures from one network in a window before sign-in is refused with 429. */
  perNetwork: 30,
  /** Distinct networks failing against one account in a window that put it on the watch list. */
  takeoverNetworks: 3,
} as const;

/** IPv4 to its /24, IPv6 to its /48; anything else to 'unknown'. */
export const networkOf = (ip: string): string => {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/.exec(ip.replace(/^::ffff:/i, ''));
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  if (ip.includes(':')) {
    const [head = '', tail] = ip.split('::');
    const left = head === '' ? [] : head.split(':');
    const right = tail === undefined || tail === '' ? [] : tail.split(':');
    const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
    const prefix = groups.slice(0, 3).map((g) => (g === '' ? '0' : g.toLowerCase().replace(/^0+(?=.)/, '')));
    while (prefix.length < 3) prefix.push('0');
    return `${prefix.join(':')}::/48`;
  }
  return 'unknown';
};

export const accountKey = (email: string): string => createHash('sha256').update(email.toLowerCase()).digest('hex');

export interface FailureCount {
  readonly count: number;
  readonly networks: number;
}

/**
 * What is counted: failed sign-ins, or password-recovery attempts (forgotten-password requests and
 * wrong reset codes). Each has counters of its own, so one cannot use up the other's allowance.
 */
export type ThrottlePurpose = 'signin' | 'recovery';

export interface ThrottleStore {
  counts(accountKey: string, network: string, windowStart: number, purpose?: ThrottlePurpose): Promise<{ account: number; network: number }>;
  /** Counts a failure (or attempt); returns the account's count and distinct networks in the window. */
  recordFailure(accountKey: string, network: string, windowStart: number, expiresAt: number, purpose?: ThrottlePurpose): Promise<FailureCount>;
}

/**
 * Password recovery: a forgotten-password request emails a code, and a reset tries one; both are
 * limited per account and per network in the sign-in window, so nobody can flood a mailbox with
 * codes or guess a code. Cognito limits them too in the cloud; these hold everywhere, locally included.
 */
export const recoveryLimits = {
  /** Forgotten-password requests plus wrong reset codes per account in a window. */
  perAccount: 5,
  /** The same from one network in a window (an office or a mobile carrier's NAT shares a network). */
  perNetwork: 60,
} as const;

export const windowOf = (nowSeconds: number) => {
  const start = nowSeconds - (nowSeconds % signInLimits.windowSeconds);
  return { start, end: start + signInLimits.windowSeconds };
};
