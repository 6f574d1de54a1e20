/**
 * Privacy requests (policy 1.2.1, 152-FZ Art. 14, 20, 21) as the API sees them.
 */
import * as z from 'zod';
import { consentPurposeSchema } from './legal';

export const privacyRequestTypeSchema = z.enum(['access', 'rectify', 'block', 'destroy', 'stop_processing', 'withdraw_consent']);
export const privacyRequestStatusSchema = z.enum(['RECEIVED', 'IN_PROGRESS', 'EXTENDED', 'COMPLETED', 'REJECTED']);

export const privacyRequestCreateSchema = z.strictObject({
  type: privacyRequestTypeSchema,
  /** Free text: what is wrong, which data, why (rectify: the corrected values). */
  details: z.string().trim().max(4000).optional(),
  /** For withdraw_consent and stop_processing: which purposes. */
  purposes: z.array(consentPurposeSchema).min(1).max(4).optional(),
});

export const privacyRequestIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be a request id');

export const historyEntrySchema = z.object({
  status: privacyRequestStatusSchema,
  at: z.string(),
  actor: z.object({ type: z.string() }),
  note: z.string().nullable(),
});

export const privacyRequestSchema = z
  .object({
    requestId: z.string(),
    type: privacyRequestTypeSchema,
    status: privacyRequestStatusSchema,
    receivedAt: z.string(),
    dueBy: z.string(),
    overdue: z.boolean(),
    extended: z.boolean(),
    details: z.string().nullable(),
    purposes: z.array(consentPurposeSchema).nullable(),
    history: z.array(historyEntrySchema).optional(),
    result: z.unknown().optional(),
  })
  .meta({ id: 'PrivacyRequest' });

export const adminQueueQuerySchema = z.object({
  status: privacyRequestStatusSchema.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(1024).optional(),
});

export const resolutionSchema = z.strictObject({ resolution: z.string().trim().min(3).max(4000) });
