/**
 * Subscription settings, devices, unsubscribe and campaigns as the API sees them.
 */
import * as z from '../zod';

export const messageChannels = ['email', 'sms', 'push'] as const;
// Each definition is a pure IIFE so that esbuild leaves out of a function's bundle whatever it does
// not use: see system/zod.ts.
export const messageChannelSchema = /* @__PURE__ */ (() => z.enum(messageChannels))();
/** The categories a customer may turn off; service messages are not among them (policy 1.3.2). */
export const optionalCategories = ['advertising', 'informational'] as const;
export const optionalCategorySchema = /* @__PURE__ */ (() => z.enum(optionalCategories))();

const channelSettings = /* @__PURE__ */ (() => z.strictObject({ advertising: z.boolean(), informational: z.boolean() }))();

export const subscriptionsSchema = /* @__PURE__ */ (() =>
  z
    .strictObject({ email: channelSettings, sms: channelSettings, push: channelSettings })
    .register(z.globalRegistry, { id: 'Subscriptions', description: 'Advertising and informational messages, per channel. Service messages cannot be turned off.' }))();

export const subscriptionsPatchSchema = /* @__PURE__ */ (() =>
  z
    .strictObject({
      email: z.optional(z.partial(channelSettings)),
      sms: z.optional(z.partial(channelSettings)),
      push: z.optional(z.partial(channelSettings)),
    })
    .register(z.globalRegistry, { id: 'SubscriptionsPatch', description: 'Any subset of the subscription settings' }))();

export const subscriptionsAnswerSchema = /* @__PURE__ */ (() =>
  z
    .object({
      subscriptions: subscriptionsSchema,
      /** When folio's own sends follow the new settings: at once. */
      effectiveAt: z.string(),
      /** When the contractors' mailing systems will have the change, by the sync schedule (the policy allows 3 days). */
      contractorsSyncedBy: z.string(),
    })
    .register(z.globalRegistry, { id: 'SubscriptionsAnswer' }))();

export const devicePlatformSchema = /* @__PURE__ */ (() => z.enum(['fcm', 'apns']))();

export const deviceRegistrationSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    platform: devicePlatformSchema,
    // FCM registration tokens and APNs device tokens: printable, no spaces.
    token: z.string().check(z.minLength(8), z.maxLength(4096), z.regex(/^[\x21-\x7e]+$/, 'must be a device token')),
  }))();

export const deviceIdSchema = /* @__PURE__ */ (() => z.string().check(z.regex(/^[0-9a-f]{32}$/, 'must be a device id')))();

export const deviceSchema = /* @__PURE__ */ (() => z.object({ deviceId: z.string(), platform: devicePlatformSchema, createdAt: z.string() }).register(z.globalRegistry, { id: 'Device' }))();

export const unsubscribeQuerySchema = /* @__PURE__ */ (() => z.object({ token: z.string().check(z.minLength(16), z.maxLength(512), z.regex(/^[\w.-]+$/, 'must be an unsubscribe token')) }))();

/** RFC 8058: the one-click POST body is exactly `List-Unsubscribe=One-Click`, form-encoded. */
export const oneClickBodySchema = /* @__PURE__ */ (() => z.strictObject({ 'List-Unsubscribe': z.literal('One-Click') }))();

export const unsubscribeAnswerSchema = /* @__PURE__ */ (() =>
  z
    .object({ status: z.literal('UNSUBSCRIBED'), channel: messageChannelSchema, category: optionalCategorySchema })
    .register(z.globalRegistry, { id: 'Unsubscribed' }))();

const campaignText = /* @__PURE__ */ (() =>
  z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'must not be empty'),
      z.maxLength(20_000),
      z.regex(/^[^\p{Cc}]*(?:[\n\r\t][^\p{Cc}]*)*$/u, 'must not contain control characters other than line breaks and tabs'),
    ))();

export const campaignSchema = /* @__PURE__ */ (() =>
  z
    .strictObject({
      channel: messageChannelSchema,
      category: optionalCategorySchema,
      subject: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200), z.regex(/^[^\p{Cc}]+$/u, 'must not contain control characters'))),
      body: campaignText,
    })
    .check(
      z.superRefine((campaign, ctx) => {
        if (campaign.channel === 'email' && campaign.subject === undefined) ctx.addIssue({ code: 'custom', path: ['subject'], message: 'is required for an email campaign' });
        if (campaign.channel === 'sms' && campaign.subject !== undefined) ctx.addIssue({ code: 'custom', path: ['subject'], message: 'an SMS has no subject' });
        // An SMS of more than 6 parts is refused by most carriers; a push is shown in a line or two.
        if (campaign.channel === 'sms' && campaign.body.length > 800) ctx.addIssue({ code: 'custom', path: ['body'], message: 'must be at most 800 characters for an SMS' });
        if (campaign.channel === 'push' && campaign.body.length > 500) ctx.addIssue({ code: 'custom', path: ['body'], message: 'must be at most 500 characters for a push' });
      }),
    ))();

export const campaignAnswerSchema = /* @__PURE__ */ (() =>
  z
    .object({
      campaignId: z.string(),
      /** Customers the campaign is queued for: advertising consent granted, subscribed, not restricted. */
      recipients: z.int(),
      /** Customers subscribed on the channel and category but left out: no advertising consent, restricted, or no address on the channel. */
      suppressed: z.int(),
    })
    .register(z.globalRegistry, { id: 'CampaignAccepted' }))();
