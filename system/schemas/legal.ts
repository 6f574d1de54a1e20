import * as z from 'zod';

export const consentPurposeSchema = z.enum([
  'personal_data_processing',
  'advertising',
  'personalization',
  'loyalty_program',
]);

export const legalDocumentSchema = z
  .object({
    purpose: consentPurposeSchema.optional(),
    version: z.string(),
    title: z.string(),
    text: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .meta({ id: 'LegalDocument' });

export const legalDocumentsSchema = z.object({
  privacyPolicy: legalDocumentSchema,
  consents: z.array(legalDocumentSchema),
});
