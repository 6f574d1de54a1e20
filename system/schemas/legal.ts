import * as z from '../zod';

export const consentPurposeSchema = z.enum([
  'personal_data_processing',
  'advertising',
  'personalization',
  'loyalty_program',
]);

export const legalDocumentSchema = z
  .object({
    purpose: z.optional(consentPurposeSchema),
    version: z.string(),
    title: z.string(),
    text: z.string(),
    sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  })
  .register(z.globalRegistry, { id: 'LegalDocument' });

export const legalDocumentsSchema = z.object({
  privacyPolicy: legalDocumentSchema,
  consents: z.array(legalDocumentSchema),
});
