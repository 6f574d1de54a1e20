/**
 * Failure paths of message delivery, with in-memory ports (the happy path runs against the
 * local stand-ins in test/integration/messages.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { deliver, type MessageLedger, type MessageSenders } from '../../lambdas/domain/messaging/delivery';
import type { OutboundMessage } from '../../lambdas/domain/messaging/outbound-message';

const message: OutboundMessage = { messageId: 'm-1', channel: 'email', category: 'service', to: 'a@example.com', subject: 's', text: 't' };

const memoryLedger = () => {
  const records = new Map<string, { status: string; attempts: number; providerId?: string; reason?: string }>();
  const ledger: MessageLedger = {
    async claim(m) {
      const record = records.get(m.messageId);
      if (record?.status === 'SENT') return false;
      records.set(m.messageId, { status: 'SENDING', attempts: (record?.attempts ?? 0) + 1 });
      return true;
    },
    async markSent(id, providerId) {
      records.set(id, { ...(records.get(id) ?? { attempts: 0 }), status: 'SENT', providerId });
    },
    async markFailed(id, reason) {
      records.set(id, { ...(records.get(id) ?? { attempts: 0 }), status: 'RETRYING', reason });
    },
  };
  return { ledger, records };
};

const senders = (email: MessageSenders['email']): MessageSenders => ({
  email,
  sms: async () => 'sms-id',
  push: async () => 'push-id',
});

describe('delivering a message', () => {
  it('sends once and records the provider id; a redelivery is a duplicate, not a second send', async () => {
    const { ledger, records } = memoryLedger();
    let sends = 0;
    const ports = { ledger, senders: senders(async () => `ses-${++sends}`), clock: () => new Date() };
    expect(await deliver(message, ports)).toBe('sent');
    expect(await deliver(message, ports)).toBe('duplicate');
    expect(sends).toBe(1);
    expect(records.get('m-1')).toMatchObject({ status: 'SENT', attempts: 1, providerId: 'ses-1' });
  });

  it('records a failed attempt, rethrows for the queue to retry, and sends on the next attempt', async () => {
    const { ledger, records } = memoryLedger();
    let calls = 0;
    const flaky = senders(async () => {
      calls += 1;
      if (calls === 1) throw Object.assign(new Error('throttled'), { name: 'TooManyRequestsException' });
      return 'ses-ok';
    });
    const ports = { ledger, senders: flaky, clock: () => new Date() };
    await expect(deliver(message, ports)).rejects.toThrow('throttled');
    expect(records.get('m-1')).toMatchObject({ status: 'RETRYING', attempts: 1, reason: 'TooManyRequestsException' });
    expect(await deliver(message, ports)).toBe('sent');
    expect(records.get('m-1')).toMatchObject({ status: 'SENT', attempts: 2 });
  });
});
