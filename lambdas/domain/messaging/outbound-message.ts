/**
 * A message on its way out: what the outbound queue carries and the deliverer sends.
 */
import * as z from '#system/zod';

export const channels = ['email', 'sms', 'push'] as const;
export type Channel = (typeof channels)[number];

export const categories = ['service', 'advertising', 'informational', 'auth'] as const;
export type Category = (typeof categories)[number];

export const outboundMessageSchema = z.object({
  /** Chosen by the producer; the same id is never sent twice. */
  messageId: z.string().check(z.minLength(1), z.maxLength(128)),
  customerId: z.optional(z.string().check(z.maxLength(128))),
  channel: z.enum(channels),
  category: z.enum(categories),
  /** Email address, E.164 phone, or push endpoint ARN. */
  to: z.string().check(z.minLength(1), z.maxLength(2048)),
  subject: z.optional(z.string().check(z.maxLength(998))),
  text: z.string().check(z.minLength(1), z.maxLength(100_000)),
  html: z.optional(z.string().check(z.maxLength(200_000))),
  headers: z.optional(z.record(z.string(), z.string())),
});

export type OutboundMessage = z.infer<typeof outboundMessageSchema>;
