/**
 * What a customer record's change means for the audiences and the contractors' change log, with
 * in-memory ports (the DynamoDB adapters run against the local stack in
 * test/integration/contractor-sync.test.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  type AudienceWrites,
  type ChangeLogEntry,
  type ChangeMarker,
  type CustomerImage,
  changeLogEntryOf,
  changeRetentionSeconds,
  markerRetentionSeconds,
  type SubscriptionTrackingPorts,
  trackCustomerChange,
} from '../../lambdas/domain/messaging/subscription-tracking';

const customer = (over: Partial<Record<string, unknown>> = {}): CustomerImage =>
  ({
    customerId: 'c-1',
    email: 'anna@example.com',
    phone: '+79990000001',
    status: 'ACTIVE',
    consents: { advertising: { granted: false, documentVersion: 'v', at: '2026-01-01T00:00:00.000Z' } },
    ...over,
  }) as unknown as CustomerImage;

const granted = (over: Partial<Record<string, unknown>> = {}) =>
  customer({ consents: { advertising: { granted: true, documentVersion: 'v', at: '2026-01-02T00:00:00.000Z' } }, ...over });

const memory = (now = new Date('2026-11-24T10:00:00.000Z')) => {
  const items = new Map<string, ChangeLogEntry | ChangeMarker>();
  const audienceWrites: AudienceWrites[] = [];
  const ports: SubscriptionTrackingPorts = {
    audiences: {
      async apply(writes) {
        audienceWrites.push(writes);
      },
    },
    changeLog: {
      async record(entry, marker) {
        const markerKey = `${marker.day}|${marker.changeKey}`;
        if (items.has(markerKey)) return 'duplicate';
        items.set(markerKey, marker);
        items.set(`${entry.day}|${entry.changeKey}`, entry);
        return 'recorded';
      },
    },
    clock: () => now,
  };
  const changes = () => [...items.values()].filter((i): i is ChangeLogEntry => i.changeKey !== '-');
  return { ports, items, audienceWrites, changes };
};

describe('the contractors change log', () => {
  it('records a grant of advertising consent with the permissions, keyed by time and event id', async () => {
    const m = memory();
    const outcome = await trackCustomerChange(m.ports, { eventId: 'e-1', before: customer(), after: granted() });
    expect(outcome.change).toBe('recorded');
    const [entry] = m.changes();
    expect(entry).toEqual({
      day: '2026-11-24',
      changeKey: '2026-11-24T10:00:00.000Z#e-1',
      customerId: 'c-1',
      subscriberId: 'c-1',
      erased: false,
      email: 'anna@example.com',
      phone: '+79990000001',
      permissions: { email: { advertising: true, informational: true }, sms: { advertising: true, informational: true } },
      recordedAt: '2026-11-24T10:00:00.000Z',
      expiresAt: Date.parse('2026-11-24T10:00:00.000Z') / 1000 + changeRetentionSeconds,
    });
    expect(m.items.get('seen#e-1|-')).toEqual({ day: 'seen#e-1', changeKey: '-', expiresAt: Date.parse('2026-11-24T10:00:00.000Z') / 1000 + markerRetentionSeconds });
  });

  it('records a withdrawal and a narrowed subscription, but not a change contractors need not know', async () => {
    const m = memory();
    await trackCustomerChange(m.ports, { eventId: 'e-1', before: granted(), after: customer() });
    expect(m.changes()[0]?.permissions.email.advertising).toBe(false);
    const narrowed = await trackCustomerChange(m.ports, { eventId: 'e-2', before: granted(), after: granted({ subscriptions: { sms: { advertising: false } } }) });
    expect(narrowed.change).toBe('recorded');
    const renamed = await trackCustomerChange(m.ports, { eventId: 'e-3', before: granted(), after: granted({ firstName: 'Kitty' }) });
    expect(renamed.change).toBe('none');
    expect(m.changes()).toHaveLength(2);
  });

  it('writes no second change when the same stream record is delivered again', async () => {
    const m = memory();
    const change = { eventId: 'e-9', before: customer(), after: granted() };
    expect((await trackCustomerChange(m.ports, change)).change).toBe('recorded');
    expect((await trackCustomerChange(m.ports, change)).change).toBe('duplicate');
    expect(m.changes()).toHaveLength(1);
  });

  it('turns a destroyed customer into an erased change without addresses, and empties the audiences', async () => {
    const m = memory();
    const tombstone = { customerId: 'c-1', status: 'DESTROYED', destroyedAt: '2026-11-24T09:00:00.000Z' } as unknown as CustomerImage;
    const outcome = await trackCustomerChange(m.ports, { eventId: 'e-4', before: granted(), after: tombstone });
    expect(outcome.change).toBe('recorded');
    const [entry] = m.changes();
    expect(entry?.erased).toBe(true);
    expect(entry).not.toHaveProperty('email');
    expect(entry).not.toHaveProperty('phone');
    expect(entry?.permissions).toEqual({ email: { advertising: false, informational: false }, sms: { advertising: false, informational: false } });
    expect(m.audienceWrites[0]?.puts).toEqual([]);
    expect(m.audienceWrites[0]?.deletes).toHaveLength(6);
  });

  it('tells nothing of a pending registration or a removed item', async () => {
    const m = memory();
    expect((await trackCustomerChange(m.ports, { eventId: 'e-5', before: undefined, after: customer({ status: 'PENDING' }) })).change).toBe('none');
    expect((await trackCustomerChange(m.ports, { eventId: 'e-6', before: customer({ status: 'PENDING' }), after: undefined })).change).toBe('none');
    expect(m.changes()).toEqual([]);
  });

  it('builds keys that sort by time of recording', () => {
    const view = { subscriberId: 's', erased: false, permissions: { email: { advertising: true, informational: true }, sms: { advertising: false, informational: false } } };
    const a = changeLogEntryOf(view, 's', 'zzz', new Date('2026-11-24T10:00:00.000Z'));
    const b = changeLogEntryOf(view, 's', 'aaa', new Date('2026-11-24T10:00:00.001Z'));
    expect(a.changeKey < b.changeKey).toBe(true);
    expect(a.day).toBe('2026-11-24');
  });
});

describe('the campaign audiences', () => {
  it('moves the customer from suppressed to eligible on a consent grant, and back on withdrawal', async () => {
    const m = memory();
    await trackCustomerChange(m.ports, { eventId: 'e-1', before: customer(), after: granted() });
    const grant = m.audienceWrites[0];
    expect(grant?.puts.filter((p) => p.state === 'eligible')).toHaveLength(6);
    expect(grant?.puts.find((p) => p.channel === 'email' && p.category === 'advertising')?.address).toBe('anna@example.com');
    expect(grant?.deletes.every((d) => d.audienceKey.includes('#suppressed#'))).toBe(true);
    expect(grant?.deletes).toHaveLength(6);

    await trackCustomerChange(m.ports, { eventId: 'e-2', before: granted(), after: customer() });
    const withdrawal = m.audienceWrites[1];
    expect(withdrawal?.puts.every((p) => p.state === 'suppressed' && p.reason === 'no_consent')).toBe(true);
    expect(withdrawal?.deletes.every((d) => d.audienceKey.includes('#eligible#'))).toBe(true);
  });

  it('writes nothing for a change that leaves the audiences as they were', async () => {
    const m = memory();
    await trackCustomerChange(m.ports, { eventId: 'e-1', before: granted(), after: granted({ firstName: 'Kitty' }) });
    expect(m.audienceWrites).toEqual([]);
  });
});
