/**
 * Failure paths of message delivery, with in-memory ports (the happy path runs against the
 * local stand-ins in test/integration/messages.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { deliver, type MessageLedger, type MessageSenders, retryDelaySeconds, tokenBucket } from '../../lambdas/domain/messaging/delivery';
import { smsLength } from '../../lambdas/domain/messaging/templates/sms';

const smsParts = (text: string) => smsLength(text).parts;
import type { OutboundMessage } from '../../lambdas/domain/messaging/outbound-message';

const message: OutboundMessage = { messageId: 'm-1', channel: 'email', category: 'service', to: 'a@example.com', subject: 's', text: 't' };

const memoryLedger = () => {
  const records = new Map<string, { status: string; attempts: number; providerId?: string; reason?: string }>();
  const ledger: MessageLedger = {
    async claim(m) {
      const record = records.get(m.messageId);
      if (record?.status === 'SENT' || record?.status === 'SUPPRESSED') return false;
      records.set(m.messageId, { status: 'SENDING', attempts: (record?.attempts ?? 0) + 1 });
      return true;
    },
    async markSent(id, providerId) {
      records.set(id, { ...(records.get(id) ?? { attempts: 0 }), status: 'SENT', providerId });
    },
    async markFailed(id, reason) {
      records.set(id, { ...(records.get(id) ?? { attempts: 0 }), status: 'RETRYING', reason });
    },
    async markSuppressed(id) {
      records.set(id, { ...(records.get(id) ?? { attempts: 0 }), status: 'SUPPRESSED' });
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

  it('checks an advertising message again at sending: one the recipient may no longer receive is suppressed, never sent', async () => {
    const { ledger, records } = memoryLedger();
    let sends = 0;
    let allowed = false;
    const ports = { ledger, senders: senders(async () => `ses-${++sends}`), clock: () => new Date(), mayStillReceive: async () => allowed };
    const advert: OutboundMessage = { ...message, messageId: 'ad-1', category: 'advertising', customerId: 'c-1' };
    expect(await deliver(advert, ports)).toBe('suppressed');
    expect(records.get('ad-1')).toMatchObject({ status: 'SUPPRESSED' });
    // Suppressed is final: a redelivery after the customer subscribes again sends nothing.
    allowed = true;
    expect(await deliver(advert, ports)).toBe('duplicate');
    expect(sends).toBe(0);
    // Service messages are not checked: they cannot be refused.
    allowed = false;
    expect(await deliver({ ...message, messageId: 's-1', customerId: 'c-1' }, ports)).toBe('sent');
  });
});

describe('provider limits', () => {
  it('backs off exponentially from the base, capped at 15 minutes', () => {
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(n, 10))).toEqual([10, 20, 40, 80]);
    expect(retryDelaySeconds(20, 10)).toBe(900);
    expect(retryDelaySeconds(0, 1)).toBe(1);
  });

  it('counts SMS parts: GSM-7 160/153, UCS-2 (Cyrillic) 70/67', () => {
    expect(smsParts('a'.repeat(160))).toBe(1);
    expect(smsParts('a'.repeat(161))).toBe(2);
    expect(smsParts('я'.repeat(70))).toBe(1);
    expect(smsParts('я'.repeat(71))).toBe(2);
    expect(smsParts('я'.repeat(135))).toBe(3);
  });

  it('paces sends at the given rate', async () => {
    let clock = 0;
    const slept: number[] = [];
    const bucket = tokenBucket(2, () => clock, async (ms) => {
      slept.push(ms);
      clock += ms;
    });
    for (let i = 0; i < 6; i += 1) await bucket.take(1);
    // Two at once (the burst), then one every 500 ms: four more take two seconds.
    expect(clock).toBe(2000);
    expect(slept.every((ms) => ms <= 500)).toBe(true);
  });
});
