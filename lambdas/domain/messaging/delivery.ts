/**
 * Delivering one outbound message, at most once per message id: the message's record is
 * claimed before the provider is called and marked sent after, so a redelivered or retried
 * message that was already sent is skipped.
 *
 * An advertising or informational message is checked again at the moment of sending (38-FZ
 * Art. 18: an opt-out stops sends at once): if its recipient withdrew consent, unsubscribed, was
 * blocked or closed the account since the message was queued, it is recorded SUPPRESSED and not
 * sent. Service and auth messages cannot be refused and are not checked.
 */
import type { OutboundMessage } from './outbound-message';

export interface MessageLedger {
  /** Counts an attempt; false when the message was already sent or suppressed. */
  claim(message: OutboundMessage, now: Date): Promise<boolean>;
  markSent(messageId: string, providerId: string, now: Date): Promise<void>;
  markFailed(messageId: string, reason: string, now: Date): Promise<void>;
  /** Records that the message will never be sent: its recipient may no longer receive it. */
  markSuppressed?(messageId: string, now: Date): Promise<void>;
}

export interface MessageSenders {
  email(message: OutboundMessage): Promise<string>;
  sms(message: OutboundMessage): Promise<string>;
  push(message: OutboundMessage): Promise<string>;
}

/** Whether the recipient of an optional (advertising or informational) message may still receive it. */
export type SendTimeCheck = (message: OutboundMessage) => Promise<boolean>;

/** Waits until the provider's sending rate allows this message (SES sends per second, SMS parts per second). */
export type Pacer = (message: OutboundMessage) => Promise<void>;

export type DeliveryOutcome = 'sent' | 'duplicate' | 'suppressed';

export const isOptional = (message: OutboundMessage): boolean => message.category === 'advertising' || message.category === 'informational';

export const deliver = async (
  message: OutboundMessage,
  ports: { ledger: MessageLedger; senders: MessageSenders; clock: () => Date; mayStillReceive?: SendTimeCheck; pace?: Pacer },
): Promise<DeliveryOutcome> => {
  const { ledger, senders, clock } = ports;
  if (!(await ledger.claim(message, clock()))) return 'duplicate';
  if (isOptional(message) && ports.mayStillReceive !== undefined && !(await ports.mayStillReceive(message))) {
    await ledger.markSuppressed?.(message.messageId, clock());
    return 'suppressed';
  }
  let providerId: string;
  try {
    await ports.pace?.(message);
    providerId = await senders[message.channel](message);
  } catch (error: unknown) {
    await ledger.markFailed(message.messageId, error instanceof Error ? error.name : 'unknown', clock());
    throw error;
  }
  await ledger.markSent(message.messageId, providerId, clock());
  return 'sent';
};

/**
 * How long a failed message waits before SQS offers it again: doubling from `baseSeconds` with
 * each receive, capped at 15 minutes (pure). With 8 receives and a 10 s base a provider may be
 * down for about 40 minutes before a message reaches the dead-letter queue.
 */
export const retryDelaySeconds = (receiveCount: number, baseSeconds: number): number =>
  Math.min(900, Math.round(baseSeconds * 2 ** Math.max(0, receiveCount - 1)));

/** A token bucket: `take(n)` resolves when n tokens are available at `perSecond` (burst up to one second's worth). */
export const tokenBucket = (perSecond: number, now: () => number = Date.now, sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))) => {
  let tokens = perSecond;
  let last = now();
  let queue = Promise.resolve();
  const take = (n: number): Promise<void> => {
    const turn = queue.then(async () => {
      for (;;) {
        const t = now();
        tokens = Math.min(perSecond, tokens + ((t - last) / 1000) * perSecond);
        last = t;
        if (tokens >= Math.min(n, perSecond)) {
          tokens -= n;
          return;
        }
        await sleep(Math.ceil(((Math.min(n, perSecond) - tokens) / perSecond) * 1000));
      }
    });
    queue = turn.catch(() => undefined);
    return turn;
  };
  return { take };
};
