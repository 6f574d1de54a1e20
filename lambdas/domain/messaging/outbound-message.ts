/**
 * A message on its way out: what the outbound queue carries and the deliverer sends.
 */
import * as z from 'zod';

export const channels = ['email', 'sms', 'push'] as const;
export type Channel = (typeof channels)[number];

export const categories = ['service', 'advertising', 'informational', 'auth'] as const;
export type Category = (typeof categories)[number];

export const outboundMessageSchema = z.object({
  /** Chosen by the producer; the same id is never sent twice. */
  messageId: z.string().min(1).max(128),
  customerId: z.string().max(128).optional(),
  channel: z.enum(channels),
  category: z.enum(categories),
  /** Email address, E.164 phone, or push endpoint ARN. */
  to: z.string().min(1).max(2048),
  subject: z.string().max(998).optional(),
  text: z.string().min(1).max(100_000),
  html: z.string().max(200_000).optional(),
  headers: z.record(z.string(), z.string()).optional(),
});

export type OutboundMessage = z.infer<typeof outboundMessageSchema>;
