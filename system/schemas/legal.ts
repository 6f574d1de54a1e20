import * as z from '../zod';

// Each definition is a pure IIFE so that esbuild leaves out of a function's bundle whatever it does
// not use: see system/zod.ts.
export const consentPurposeSchema = /* @__PURE__ */ (() =>
  z.enum([
    'personal_data_processing',
    'advertising',
    'personalization',
    'loyalty_program',
  ]))();

export const legalDocumentSchema = /* @__PURE__ */ (() =>
  z
    .object({
      purpose: z.optional(consentPurposeSchema),
      version: z.string(),
      title: z.string(),
      text: z.string(),
      sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
    })
    .register(z.globalRegistry, { id: 'LegalDocument' }))();

export const legalDocumentsSchema = /* @__PURE__ */ (() =>
  z.object({
    privacyPolicy: legalDocumentSchema,
    consents: z.array(legalDocumentSchema),
  }))();
