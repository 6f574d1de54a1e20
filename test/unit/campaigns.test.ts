/**
 * Campaign creation, fan-out and the unsubscribe token, with in-memory ports; the whole path runs
 * on the local stack in test/integration/campaigns.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  type AudienceReader,
  type Campaign,
  campaignMessageId,
  campaignMessages,
  type CampaignStore,
  createCampaign,
  type FanOutTask,
  fanOutPage,
} from '../../lambdas/domain/messaging/campaigns';
import { audienceShards, type AudienceMembership } from '../../lambdas/domain/messaging/permissions';
import { checkUnsubscribeToken, issueUnsubscribeToken, unsubscribeTokenDays } from '../../lambdas/domain/messaging/unsubscribe';
import type { OutboundMessage } from '../../lambdas/domain/messaging/outbound-message';

const now = new Date('2026-11-24T10:00:00Z');

const memoryCampaigns = () => {
  const stored = new Map<string, Campaign>();
  const store: CampaignStore = {
    async get(id) {
      return stored.get(id);
    },
    async create(campaign) {
      if (stored.has(campaign.campaignId)) return false;
      stored.set(campaign.campaignId, campaign);
      return true;
    },
    async markQueued(id) {
      const campaign = stored.get(id);
      if (campaign) stored.set(id, { ...campaign, status: 'QUEUED' });
    },
  };
  return { store, stored };
};

const member = (customerId: string, extra: Partial<AudienceMembership> = {}): AudienceMembership => ({
  audienceKey: 'email#advertising#eligible#0',
  customerId,
  channel: 'email',
  category: 'advertising',
  state: 'eligible',
  address: `${customerId}@example.com`,
  locale: 'en',
  ...extra,
});

describe('creating a campaign', () => {
  it('counts the audience, records the campaign and queues one fan-out task per shard; a keyed retry answers the first', async () => {
    const { store, stored } = memoryCampaigns();
    const tasks: FanOutTask[] = [];
    let counts = 0;
    const audiences: AudienceReader = {
      async count() {
        counts += 1;
        return { eligible: 3, suppressed: 2 };
      },
      async eligiblePage() {
        return { members: [], cursor: undefined };
      },
    };
    const ports = { campaigns: store, audiences, fanOut: { enqueue: async (t: readonly FanOutTask[]) => void tasks.push(...t) }, clock: () => now };
    const input = { channel: 'email' as const, category: 'advertising' as const, subject: 'Sale', body: 'Books' };
    const answer = await createCampaign(ports, 'op-1', input, 'key-1');
    expect(answer).toMatchObject({ recipients: 3, suppressed: 2 });
    expect(tasks.map((t) => t.shard)).toEqual(Array.from({ length: audienceShards }, (_, i) => i));
    expect(stored.get(answer.campaignId)?.status).toBe('QUEUED');

    expect(await createCampaign(ports, 'op-1', input, 'key-1')).toEqual(answer);
    expect(counts).toBe(1);
    expect(tasks).toHaveLength(audienceShards);
    await expect(createCampaign(ports, 'op-1', { ...input, body: 'Other' }, 'key-1')).rejects.toMatchObject({ name: 'ConflictError' });
    // Another operator's key is another campaign.
    expect((await createCampaign(ports, 'op-2', input, 'key-1')).campaignId).not.toBe(answer.campaignId);
  });

  it('finishes queueing on a retry when the first attempt stopped after recording the campaign', async () => {
    const { store, stored } = memoryCampaigns();
    let failing = true;
    const tasks: FanOutTask[] = [];
    const fanOut = {
      async enqueue(t: readonly FanOutTask[]) {
        if (failing) throw new Error('queue down');
        tasks.push(...t);
      },
    };
    const audiences: AudienceReader = { count: async () => ({ eligible: 1, suppressed: 0 }), eligiblePage: async () => ({ members: [], cursor: undefined }) };
    const ports = { campaigns: store, audiences, fanOut, clock: () => now };
    const input = { channel: 'sms' as const, category: 'informational' as const, body: 'Hours' };
    await expect(createCampaign(ports, 'op-1', input, 'k')).rejects.toThrow('queue down');
    expect([...stored.values()][0]?.status).toBe('CREATED');
    failing = false;
    await createCampaign(ports, 'op-1', input, 'k');
    expect(tasks).toHaveLength(audienceShards);
    expect([...stored.values()][0]?.status).toBe('QUEUED');
  });
});

describe('campaign messages', () => {
  const campaign: Campaign = {
    campaignId: 'camp-1',
    channel: 'email',
    category: 'advertising',
    subject: 'Sale',
    body: 'Half price <b>today</b>\n\nSee you',
    createdBy: 'op',
    createdAt: now.toISOString(),
    recipients: 1,
    suppressed: 0,
    status: 'QUEUED',
    requestHash: 'h',
  };

  it('carry RFC 8058 headers and the link in text and HTML, with the campaign text escaped', () => {
    const [message] = campaignMessages(campaign, member('c-1'), [], (id) => `https://api.example/v1/unsubscribe?token=t-${id}`);
    const url = `https://api.example/v1/unsubscribe?token=t-${campaignMessageId('camp-1', 'c-1', 'email')}`;
    expect(message?.headers).toEqual({ 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    expect(message?.text).toContain(url);
    expect(message?.html).toContain('Half price &lt;b&gt;today&lt;/b&gt;');
    expect(message?.html).not.toContain('<b>today');
    expect(message).toMatchObject({ category: 'advertising', customerId: 'c-1', to: 'c-1@example.com', subject: 'Sale' });
  });

  it('go to every device for push, end an SMS with the STOP instruction in the member\'s language, and have opaque stable ids', () => {
    const push = campaignMessages({ ...campaign, channel: 'push' }, member('c-1', { channel: 'push' }), [
      { deviceId: 'd1', endpointArn: 'arn:1' },
      { deviceId: 'd2', endpointArn: 'arn:2' },
    ], () => '');
    expect(push.map((m) => m.to)).toEqual(['arn:1', 'arn:2']);
    expect(new Set(push.map((m) => m.messageId)).size).toBe(2);
    const [sms] = campaignMessages({ ...campaign, channel: 'sms' }, member('c-1', { channel: 'sms', address: '+79161234567', locale: 'ru' }), [], () => '');
    expect(sms?.text.endsWith('Отказ: ответьте STOP')).toBe(true);
    expect(campaignMessageId('camp-1', 'c-1', 'email')).toMatch(/^[0-9a-f]{32}$/);
    expect(campaignMessageId('camp-1', 'c-1', 'email')).not.toContain('c-1');
  });

  it('fan out a page, queue the next page, and produce the same ids when a page runs twice', async () => {
    const { store } = memoryCampaigns();
    await store.create({ ...campaign, status: 'QUEUED' });
    const queued: OutboundMessage[] = [];
    const next: FanOutTask[] = [];
    const ports = {
      campaigns: store,
      audiences: { eligiblePage: async (_c: string, _k: string, _s: number, cursor: string | undefined) => (cursor === undefined ? { members: [member('c-1'), member('c-2')], cursor: 'p2' } : { members: [member('c-3')], cursor: undefined }) },
      devices: { endpointsOf: async () => [] },
      messages: { enqueueAll: async (m: readonly OutboundMessage[]) => void queued.push(...m) },
      fanOut: { enqueue: async (t: readonly FanOutTask[]) => void next.push(...t) },
      signingKey: async () => 'key',
      apiBaseUrl: 'https://api.example',
      clock: () => now,
    };
    expect(await fanOutPage(ports as never, { campaignId: 'camp-1', shard: 0 })).toEqual({ messages: 2, next: true });
    expect(next).toEqual([{ campaignId: 'camp-1', shard: 0, cursor: 'p2' }]);
    await fanOutPage(ports as never, { campaignId: 'camp-1', shard: 0 });
    expect(queued.slice(0, 2).map((m) => m.messageId)).toEqual(queued.slice(2, 4).map((m) => m.messageId));
    expect(await fanOutPage(ports as never, { campaignId: 'missing', shard: 0 })).toEqual({ messages: 0, next: false });
  });
});

describe('the unsubscribe token', () => {
  const claims = { messageId: 'abc123', channel: 'email' as const, category: 'advertising' as const };

  it('verifies with its key until it expires, and names no one', () => {
    const token = issueUnsubscribeToken('key', claims, now);
    expect(checkUnsubscribeToken('key', token, now)).toMatchObject({ ok: true, claims });
    const later = new Date(now.getTime() + (unsubscribeTokenDays + 1) * 86_400_000);
    expect(checkUnsubscribeToken('key', token, later)).toEqual({ ok: false, why: 'expired' });
    expect(token).toMatch(/^[\w.-]+$/);
  });

  it('is refused when signed with another key, tampered with, or malformed', () => {
    const token = issueUnsubscribeToken('key', claims, now);
    expect(checkUnsubscribeToken('other', token, now)).toEqual({ ok: false, why: 'invalid' });
    const [tag, , sig] = token.split('.');
    const forged = `${tag}.${Buffer.from('abc123|sms|advertising|9999999999').toString('base64url')}.${sig}`;
    expect(checkUnsubscribeToken('key', forged, now)).toEqual({ ok: false, why: 'invalid' });
    for (const bad of ['', 'u1', 'u1.x', 'u2.a.b', `${token}.extra`]) expect(checkUnsubscribeToken('key', bad, now).ok).toBe(false);
  });
});
