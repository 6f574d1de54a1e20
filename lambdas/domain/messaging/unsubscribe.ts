/**
 * One-click unsubscribe (RFC 8058; 38-FZ Art. 18 part 1: stop at once on demand). Every
 * advertising or informational email carries
 *
 *   List-Unsubscribe: <https://…/v1/unsubscribe?token=…>
 *   List-Unsubscribe-Post: List-Unsubscribe=One-Click
 *
 * and the same link in its text. The token names the message, its channel and category and an
 * expiry, signed with HMAC-SHA256 under a key kept in Secrets Manager; it holds no personal data:
 * the message id of a campaign message is a hash, and the message's record (the deliverer's
 * ledger, `messages` table) says whose it was. Opening the link or the mail client's one-click
 * POST turns that channel and category off, effective at once, recorded in the audit trail.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { NotFoundError } from '../errors';
import type { SubscriptionChannel, OptionalCategory } from './permissions';
import { optionalCategories, subscriptionChannels } from './permissions';
import { changeSubscriptions, type SubscriptionChannelOfChange, type SubscriptionPorts } from './subscriptions';

/** Mail clients and customers use the link for weeks after the message; three months is ample. */
export const unsubscribeTokenDays = 90;

export interface UnsubscribeClaims {
  readonly messageId: string;
  readonly channel: SubscriptionChannel;
  readonly category: OptionalCategory;
  /** Epoch seconds. */
  readonly expiresAt: number;
}

const version = 'u1';
const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64url');
const sign = (key: string, payload: string) => createHmac('sha256', key).update(`${version}.${payload}`).digest();

export const issueUnsubscribeToken = (key: string, claims: Omit<UnsubscribeClaims, 'expiresAt'>, now: Date): string => {
  const expiresAt = Math.floor(now.getTime() / 1000) + unsubscribeTokenDays * 86_400;
  const payload = b64([claims.messageId, claims.channel, claims.category, String(expiresAt)].join('|'));
  return `${version}.${payload}.${b64(sign(key, payload))}`;
};

export type TokenCheck = { readonly ok: true; readonly claims: UnsubscribeClaims } | { readonly ok: false; readonly why: 'invalid' | 'expired' };

export const checkUnsubscribeToken = (key: string, token: string, now: Date): TokenCheck => {
  const [tag, payload, signature, ...rest] = token.split('.');
  if (tag !== version || payload === undefined || signature === undefined || rest.length > 0) return { ok: false, why: 'invalid' };
  const expected = sign(key, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, why: 'invalid' };
  const [messageId, channel, category, expires] = Buffer.from(payload, 'base64url').toString('utf8').split('|');
  const expiresAt = Number(expires);
  const knownChannel = subscriptionChannels.find((c) => c === channel);
  const knownCategory = optionalCategories.find((c) => c === category);
  if (messageId === undefined || messageId === '' || knownChannel === undefined || knownCategory === undefined || !Number.isInteger(expiresAt)) {
    return { ok: false, why: 'invalid' };
  }
  if (expiresAt * 1000 < now.getTime()) return { ok: false, why: 'expired' };
  return { ok: true, claims: { messageId, channel: knownChannel, category: knownCategory, expiresAt } };
};

export interface UnsubscribePorts extends SubscriptionPorts {
  signingKey(): Promise<string>;
  /** Whose message it was: the deliverer's record of it. */
  recipientOf(messageId: string): Promise<string | undefined>;
}

export type UnsubscribeOutcome =
  | { readonly ok: true; readonly channel: SubscriptionChannel; readonly category: OptionalCategory }
  | { readonly ok: false; readonly why: 'invalid' | 'expired' };

/**
 * Turns the token's channel and category off for the message's recipient. A message whose record
 * is gone (the account was destroyed) or whose account is closed needs nothing more: the answer is
 * the same, so the link tells nobody whether an account exists.
 */
export const unsubscribe = async (ports: UnsubscribePorts, token: string, via: SubscriptionChannelOfChange): Promise<UnsubscribeOutcome> => {
  const check = checkUnsubscribeToken(await ports.signingKey(), token, ports.clock());
  if (!check.ok) return check;
  const { messageId, channel, category } = check.claims;
  const customerId = await ports.recipientOf(messageId);
  if (customerId !== undefined) {
    const customer = await ports.subscriptions.get(customerId);
    if (customer?.status === 'ACTIVE') {
      try {
        await changeSubscriptions(ports, customerId, { [channel]: { [category]: false } }, { type: 'customer', id: customerId }, via);
      } catch (error: unknown) {
        // Closed between the read and the change: nothing is sent to a closed account anyway.
        if (!(error instanceof NotFoundError)) throw error;
      }
    }
  }
  return { ok: true, channel, category };
};
