/**
 * Delivering one outbound message, at most once per message id: the message's record is
 * claimed before the provider is called and marked sent after, so a redelivered or retried
 * message that was already sent is skipped.
 */
import type { OutboundMessage } from './outbound-message';

export interface MessageLedger {
  /** Counts an attempt; false when the message was already sent. */
  claim(message: OutboundMessage, now: Date): Promise<boolean>;
  markSent(messageId: string, providerId: string, now: Date): Promise<void>;
  markFailed(messageId: string, reason: string, now: Date): Promise<void>;
}

export interface MessageSenders {
  email(message: OutboundMessage): Promise<string>;
  sms(message: OutboundMessage): Promise<string>;
  push(message: OutboundMessage): Promise<string>;
}

export type DeliveryOutcome = 'sent' | 'duplicate';

export const deliver = async (
  message: OutboundMessage,
  ports: { ledger: MessageLedger; senders: MessageSenders; clock: () => Date },
): Promise<DeliveryOutcome> => {
  const { ledger, senders, clock } = ports;
  if (!(await ledger.claim(message, clock()))) return 'duplicate';
  let providerId: string;
  try {
    providerId = await senders[message.channel](message);
  } catch (error: unknown) {
    await ledger.markFailed(message.messageId, error instanceof Error ? error.name : 'unknown', clock());
    throw error;
  }
  await ledger.markSent(message.messageId, providerId, clock());
  return 'sent';
};
