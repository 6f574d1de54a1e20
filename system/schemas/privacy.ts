/**
 * Privacy requests (policy 1.2.1, 152-FZ Art. 14, 20, 21) as the API sees them.
 */
import * as z from '../zod';
import { personNameSchema, phoneSchema } from './auth';
import { pageQuerySchema } from './common';
import { consentPurposeSchema } from './legal';

// Each definition is a pure IIFE so that esbuild leaves out of a function's bundle whatever it does
// not use: see system/zod.ts.
export const privacyRequestTypeSchema = /* @__PURE__ */ (() => z.enum(['access', 'rectify', 'block', 'destroy', 'stop_processing', 'withdraw_consent']))();
export const privacyRequestStatusSchema = /* @__PURE__ */ (() => z.enum(['RECEIVED', 'IN_PROGRESS', 'EXTENDED', 'COMPLETED', 'REJECTED']))();

/** A rectify request's corrected values: the fields PATCH /v1/me changes. */
export const correctionsSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    firstName: z.optional(personNameSchema),
    lastName: z.optional(personNameSchema),
    phone: z.optional(z.nullable(phoneSchema)),
  }))();

export const privacyRequestCreateSchema = /* @__PURE__ */ (() =>
  z
    .strictObject({
      type: privacyRequestTypeSchema,
      /** Free text: what is wrong, which data, why. */
      details: z.optional(z.string().check(z.trim(), z.maxLength(4000))),
      /** For withdraw_consent and stop_processing: which purposes. */
      purposes: z.optional(z.array(consentPurposeSchema).check(z.minLength(1), z.maxLength(4))),
      /** For rectify (required there, refused elsewhere): the corrected values. */
      corrections: z.optional(correctionsSchema),
    })
    .check(
      z.superRefine((body, ctx) => {
        const named = body.corrections === undefined ? 0 : Object.values(body.corrections).filter((v) => v !== undefined).length;
        if (body.type === 'rectify' && named === 0) {
          ctx.addIssue({ code: 'custom', path: ['corrections'], message: 'a rectify request must name at least one corrected value' });
        }
        if (body.type !== 'rectify' && body.corrections !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['corrections'], message: 'only a rectify request names corrected values' });
        }
      }),
    ))();

export const privacyRequestIdSchema = /* @__PURE__ */ (() => z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be a request id')))();

export const historyEntrySchema = /* @__PURE__ */ (() =>
  z.object({
    status: privacyRequestStatusSchema,
    at: z.string(),
    actor: z.object({ type: z.string() }),
    note: z.nullable(z.string()),
  }))();

export const privacyRequestSchema = /* @__PURE__ */ (() =>
  z
    .object({
      requestId: z.string(),
      type: privacyRequestTypeSchema,
      status: privacyRequestStatusSchema,
      receivedAt: z.string(),
      dueBy: z.string(),
      overdue: z.boolean(),
      extended: z.boolean(),
      details: z.nullable(z.string()),
      purposes: z.nullable(z.array(consentPurposeSchema)),
      history: z.optional(z.array(historyEntrySchema)),
      result: z.optional(z.unknown()),
    })
    .register(z.globalRegistry, { id: 'PrivacyRequest' }))();

export const adminQueueQuerySchema = /* @__PURE__ */ (() =>
  z.object({
    status: z.optional(privacyRequestStatusSchema),
    overdue: z.optional(z.enum(['true', 'false'])),
    limit: pageQuerySchema.shape.limit,
    cursor: pageQuerySchema.shape.cursor,
  }))();

export const resolutionSchema = /* @__PURE__ */ (() => z.strictObject({ resolution: z.string().check(z.trim(), z.minLength(3), z.maxLength(4000)) }))();
