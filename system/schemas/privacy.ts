/**
 * Privacy requests (policy 1.2.1, 152-FZ Art. 14, 20, 21) as the API sees them.
 */
import * as z from 'zod';
import { personNameSchema, phoneSchema } from './auth';
import { consentPurposeSchema } from './legal';

export const privacyRequestTypeSchema = z.enum(['access', 'rectify', 'block', 'destroy', 'stop_processing', 'withdraw_consent']);
export const privacyRequestStatusSchema = z.enum(['RECEIVED', 'IN_PROGRESS', 'EXTENDED', 'COMPLETED', 'REJECTED']);

/** A rectify request's corrected values: the fields PATCH /v1/me changes. */
export const correctionsSchema = z.strictObject({
  firstName: personNameSchema.optional(),
  lastName: personNameSchema.optional(),
  phone: phoneSchema.nullable().optional(),
});

export const privacyRequestCreateSchema = z
  .strictObject({
    type: privacyRequestTypeSchema,
    /** Free text: what is wrong, which data, why. */
    details: z.string().trim().max(4000).optional(),
    /** For withdraw_consent and stop_processing: which purposes. */
    purposes: z.array(consentPurposeSchema).min(1).max(4).optional(),
    /** For rectify (required there, refused elsewhere): the corrected values. */
    corrections: correctionsSchema.optional(),
  })
  .superRefine((body, ctx) => {
    const named = body.corrections === undefined ? 0 : Object.values(body.corrections).filter((v) => v !== undefined).length;
    if (body.type === 'rectify' && named === 0) {
      ctx.addIssue({ code: 'custom', path: ['corrections'], message: 'a rectify request must name at least one corrected value' });
    }
    if (body.type !== 'rectify' && body.corrections !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['corrections'], message: 'only a rectify request names corrected values' });
    }
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
