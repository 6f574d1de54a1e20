import { describe, expect, it } from 'vitest';
import { closeSessions, endSessions, refusalOf, revokeSession, startSession } from '../../lambdas/domain/accounts/sessions';
import { networkOf } from '../../lambdas/domain/accounts/throttle';

const now = 1_800_000_000;

describe('session rules', () => {
  it('accepts any token while nothing was ended', () => {
    expect(refusalOf(undefined, { sessionId: 'a', authTime: now })).toBeUndefined();
    expect(refusalOf(startSession({ sessions: {} }, 'a', now, now), { sessionId: 'a', authTime: now })).toBeUndefined();
  });

  it('refuses a revoked session and only that one', () => {
    const state = revokeSession(startSession(startSession({ sessions: {} }, 'a', now, now), 'b', now, now), 'a', now + 5);
    expect(refusalOf(state, { sessionId: 'a', authTime: now })).toBe('revoked');
    expect(refusalOf(state, { sessionId: 'b', authTime: now })).toBeUndefined();
  });

  it('ends all sessions, or all but the one kept, and refuses unknown sessions from before', () => {
    const started = startSession(startSession({ sessions: {} }, 'a', now, now), 'b', now, now);
    const ended = endSessions(started, now + 10, 'b');
    expect(refusalOf(ended, { sessionId: 'a', authTime: now })).toBe('revoked');
    expect(refusalOf(ended, { sessionId: 'b', authTime: now })).toBeUndefined();
    expect(refusalOf(ended, { sessionId: 'elsewhere', authTime: now + 10 })).toBe('ended');
    expect(refusalOf(ended, { sessionId: 'elsewhere', authTime: now + 11 })).toBeUndefined();
    const later = startSession(ended, 'c', now + 10, now + 10);
    expect(refusalOf(later, { sessionId: 'c', authTime: now + 10 })).toBeUndefined();
  });

  it('refuses everything of a closed account', () => {
    const closed = closeSessions(startSession({ sessions: {} }, 'a', now, now), now + 1);
    expect(refusalOf(closed, { sessionId: 'a', authTime: now })).toBe('closed');
    expect(refusalOf(closed, { sessionId: 'new', authTime: now + 100 })).toBe('closed');
  });

  it('forgets sessions older than a refresh token can live', () => {
    const old = startSession({ sessions: {} }, 'old', now - 40 * 86_400, now - 40 * 86_400);
    expect(Object.keys(startSession(old, 'new', now, now).sessions)).toEqual(['new']);
  });
});

describe('networks for throttling', () => {
  it('keeps an IPv4 /24 and an IPv6 /48, never the full address', () => {
    expect(networkOf('203.0.113.77')).toBe('203.0.113.0/24');
    expect(networkOf('::ffff:198.51.100.9')).toBe('198.51.100.0/24');
    expect(networkOf('2001:db8:abcd:12:1:2:3:4')).toBe('2001:db8:abcd::/48');
    expect(networkOf('2001:db8::1')).toBe('2001:db8:0::/48');
    expect(networkOf('garbage')).toBe('unknown');
  });
});
