/**
 * Advertising and informational campaigns (policy 1.3.1, 1.3.2; 38-FZ Art. 18).
 *
 * Who a campaign reaches is read from the `audiences` table, kept current from the customers
 * stream by the one rule of permissions.ts: only customers who granted `advertising`, are
 * subscribed on the channel and category, are not blocked or stopped, and have an address there.
 * The campaign reads the eligible partitions only — its cost grows with its recipients, not with
 * all customers — and counts the suppressed ones (subscribed but left out) for the operator.
 *
 * Creating a campaign records it and queues one fan-out message per audience shard; the fan-out
 * worker turns a page of a shard into outbound messages and queues the next page. Message ids are
 * derived from the campaign and the recipient, so a page processed twice sends nothing twice (the
 * deliverer's ledger), and the deliverer checks the rule again at the moment of sending: an
 * opt-out between queueing and sending stops the message.
 */
import { createHash, randomUUID } from 'node:crypto';
import { ConflictError } from '../errors';
import { canonicalJson } from '../shop/orders';
import type { OutboundMessage } from './outbound-message';
import { type AudienceMembership, audienceShards, type OptionalCategory, type SubscriptionChannel } from './permissions';
import { emailHtml } from './templates/html';
import { issueUnsubscribeToken } from './unsubscribe';

export interface CampaignInput {
  readonly channel: SubscriptionChannel;
  readonly category: OptionalCategory;
  readonly subject?: string | undefined;
  readonly body: string;
}

export interface Campaign extends CampaignInput {
  readonly campaignId: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly recipients: number;
  readonly suppressed: number;
  /** CREATED until every shard's fan-out is queued, then QUEUED. */
  readonly status: 'CREATED' | 'QUEUED';
  readonly requestHash: string;
}

export interface CampaignStore {
  get(campaignId: string): Promise<Campaign | undefined>;
  /** Puts the campaign unless one with its id exists; false if it does. */
  create(campaign: Campaign): Promise<boolean>;
  markQueued(campaignId: string): Promise<void>;
}

export interface AudiencePage {
  readonly members: readonly AudienceMembership[];
  readonly cursor: string | undefined;
}

export interface AudienceReader {
  /** How many customers stand eligible and suppressed for the channel and category. */
  count(channel: SubscriptionChannel, category: OptionalCategory): Promise<{ eligible: number; suppressed: number }>;
  eligiblePage(channel: SubscriptionChannel, category: OptionalCategory, shard: number, cursor: string | undefined, limit: number): Promise<AudiencePage>;
}

/** One unit of fan-out work: a page of one shard of a campaign's audience. */
export interface FanOutTask {
  readonly campaignId: string;
  readonly shard: number;
  readonly cursor?: string;
}

export interface CampaignPorts {
  readonly campaigns: CampaignStore;
  readonly audiences: AudienceReader;
  readonly fanOut: { enqueue(tasks: readonly FanOutTask[]): Promise<void> };
  readonly clock: () => Date;
}

export interface CampaignAnswer {
  readonly campaignId: string;
  readonly recipients: number;
  readonly suppressed: number;
}

const answerOf = (campaign: Campaign): CampaignAnswer => ({ campaignId: campaign.campaignId, recipients: campaign.recipients, suppressed: campaign.suppressed });

const keyedCampaignId = (operatorId: string, key: string) => createHash('sha256').update(`${operatorId}\n${key}`, 'utf8').digest('base64url').slice(0, 32);

const queueFanOut = async (ports: CampaignPorts, campaign: Campaign): Promise<void> => {
  await ports.fanOut.enqueue(Array.from({ length: audienceShards }, (_, shard) => ({ campaignId: campaign.campaignId, shard })));
  await ports.campaigns.markQueued(campaign.campaignId);
};

/**
 * Records and queues a campaign. With an Idempotency-Key, a retry with the same body answers the
 * first campaign (and finishes queueing it if the first attempt stopped halfway); the same key
 * with another body is a conflict.
 */
export const createCampaign = async (ports: CampaignPorts, operatorId: string, input: CampaignInput, idempotencyKey: string | undefined): Promise<CampaignAnswer> => {
  const requestHash = createHash('sha256').update(canonicalJson(input), 'utf8').digest('hex');
  const campaignId = idempotencyKey === undefined ? randomUUID() : keyedCampaignId(operatorId, idempotencyKey);
  const settle = async (existing: Campaign): Promise<CampaignAnswer> => {
    if (existing.requestHash !== requestHash) throw new ConflictError('idempotency key reused', 'This Idempotency-Key was used with another request.');
    if (existing.status === 'CREATED') await queueFanOut(ports, existing);
    return answerOf(existing);
  };
  if (idempotencyKey !== undefined) {
    const existing = await ports.campaigns.get(campaignId);
    if (existing !== undefined) return settle(existing);
  }
  const counts = await ports.audiences.count(input.channel, input.category);
  const campaign: Campaign = {
    campaignId,
    channel: input.channel,
    category: input.category,
    ...(input.subject !== undefined && { subject: input.subject }),
    body: input.body,
    createdBy: operatorId,
    createdAt: ports.clock().toISOString(),
    recipients: counts.eligible,
    suppressed: counts.suppressed,
    status: 'CREATED',
    requestHash,
  };
  if (!(await ports.campaigns.create(campaign))) {
    const existing = await ports.campaigns.get(campaignId);
    if (existing === undefined) throw new ConflictError('campaign vanished', 'Try again.');
    return settle(existing);
  }
  await queueFanOut(ports, campaign);
  return answerOf(campaign);
};

// ---------------------------------------------------------------------------------------------
// Fan-out: a page of a shard becomes outbound messages.

export interface FanOutPorts {
  readonly campaigns: Pick<CampaignStore, 'get'>;
  readonly audiences: Pick<AudienceReader, 'eligiblePage'>;
  readonly devices: { endpointsOf(customerId: string): Promise<readonly { deviceId: string; endpointArn: string }[]> };
  readonly messages: { enqueueAll(messages: readonly OutboundMessage[]): Promise<void> };
  readonly fanOut: { enqueue(tasks: readonly FanOutTask[]): Promise<void> };
  readonly signingKey: () => Promise<string>;
  /** The API's base URL, without a trailing slash: the unsubscribe link points at it. */
  readonly apiBaseUrl: string;
  readonly clock: () => Date;
}

/** Members per page: a page's messages are queued well within the worker's time limit. */
export const fanOutPageSize = 200;

/** An opaque, stable message id: the campaign and recipient can be checked against it, not read from it. */
export const campaignMessageId = (campaignId: string, customerId: string, channel: SubscriptionChannel, deviceId = ''): string =>
  createHash('sha256').update(`${campaignId}\n${customerId}\n${channel}\n${deviceId}`, 'utf8').digest('hex').slice(0, 32);

const footers = {
  ru: {
    why: (category: OptionalCategory) =>
      `Вы получили это ${category === 'advertising' ? 'рекламное' : 'информационное'} письмо, потому что дали согласие на рассылки imobook.ru.`,
    link: 'Отписаться',
    sms: 'Отказ: ответьте STOP',
  },
  en: {
    why: (category: OptionalCategory) => `You receive this ${category} email because you agreed to imobook.ru newsletters.`,
    link: 'Unsubscribe',
    sms: 'Reply STOP to opt out',
  },
} as const;

/** The messages of one member (pure but for the token, which the caller signs). */
export const campaignMessages = (
  campaign: Campaign,
  member: AudienceMembership,
  devices: readonly { deviceId: string; endpointArn: string }[],
  unsubscribeUrl: (messageId: string) => string,
): OutboundMessage[] => {
  const locale = member.locale === 'en' ? 'en' : 'ru';
  const footer = footers[locale];
  const base = { customerId: member.customerId, channel: campaign.channel, category: campaign.category } as const;
  if (campaign.channel === 'email' && member.address !== undefined) {
    const messageId = campaignMessageId(campaign.campaignId, member.customerId, 'email');
    const url = unsubscribeUrl(messageId);
    const subject = campaign.subject ?? '';
    return [
      {
        ...base,
        messageId,
        to: member.address,
        subject,
        text: `${campaign.body}\n\n--\n${footer.why(campaign.category)}\n${footer.link}: ${url}\n`,
        // The layout of every folio email (escaped paragraphs), with the unsubscribe link in its footer.
        html: emailHtml(locale, subject, campaign.body.split(/\n{2,}/), { text: footer.why(campaign.category), link: { label: footer.link, href: url } }),
        headers: { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      },
    ];
  }
  if (campaign.channel === 'sms' && member.address !== undefined) {
    return [{ ...base, messageId: campaignMessageId(campaign.campaignId, member.customerId, 'sms'), to: member.address, text: `${campaign.body}\n${footer.sms}` }];
  }
  if (campaign.channel === 'push') {
    return devices.map((device) => ({
      ...base,
      messageId: campaignMessageId(campaign.campaignId, member.customerId, 'push', device.deviceId),
      to: device.endpointArn,
      ...(campaign.subject !== undefined && { subject: campaign.subject }),
      text: campaign.body,
    }));
  }
  return [];
};

/** Turns one page of a shard into messages and queues the next page; safe to run twice. */
export const fanOutPage = async (ports: FanOutPorts, task: FanOutTask): Promise<{ messages: number; next: boolean }> => {
  const campaign = await ports.campaigns.get(task.campaignId);
  if (campaign === undefined) return { messages: 0, next: false };
  const page = await ports.audiences.eligiblePage(campaign.channel, campaign.category, task.shard, task.cursor, fanOutPageSize);
  const key = await ports.signingKey();
  const now = ports.clock();
  const unsubscribeUrl = (messageId: string) =>
    `${ports.apiBaseUrl}/v1/unsubscribe?token=${issueUnsubscribeToken(key, { messageId, channel: campaign.channel, category: campaign.category }, now)}`;
  const messages: OutboundMessage[] = [];
  for (const member of page.members) {
    const devices = campaign.channel === 'push' ? await ports.devices.endpointsOf(member.customerId) : [];
    messages.push(...campaignMessages(campaign, member, devices, unsubscribeUrl));
  }
  await ports.messages.enqueueAll(messages);
  if (page.cursor !== undefined) await ports.fanOut.enqueue([{ campaignId: task.campaignId, shard: task.shard, cursor: page.cursor }]);
  return { messages: messages.length, next: page.cursor !== undefined };
};
