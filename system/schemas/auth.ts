/**
 * Accounts, sessions and consents as the API sees them.
 */
import * as z from 'zod';
import { passwordRulesBroken } from '../password-policy';
import { consentPurposeSchema } from './legal';

/** Matched case-insensitively: stored and compared in lower case. */
export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'must be an email address' }))
  .transform((email) => email.toLowerCase());

export const phoneSchema = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number such as +79161234567');

// Names are free text, but never control characters or markup-breaking angle brackets.
export const personNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100)
  .regex(/^[^\p{Cc}<>]+$/u, 'must not contain control characters or angle brackets');

/** The one password rule (system/password-policy.ts): each broken rule is named. */
export const newPasswordSchema = z.string().superRefine((password, ctx) => {
  for (const broken of passwordRulesBroken(password)) ctx.addIssue({ code: 'custom', message: broken.message, params: { rule: broken.rule } });
});

export const currentPasswordSchema = z.string().min(1).max(256);

export const consentChoiceSchema = z.strictObject({
  purpose: consentPurposeSchema,
  documentVersion: z.string().min(1).max(32),
  granted: z.boolean(),
});

export const registerSchema = z.strictObject({
  email: emailSchema,
  password: newPasswordSchema,
  firstName: personNameSchema,
  lastName: personNameSchema,
  consents: z
    .array(consentChoiceSchema)
    .min(1)
    .max(4)
    .refine((list) => new Set(list.map((c) => c.purpose)).size === list.length, 'must name each purpose once'),
});

export const confirmSchema = z.strictObject({ email: emailSchema, code: z.string().trim().min(1).max(16) });
export const loginSchema = z.strictObject({ email: emailSchema, password: currentPasswordSchema });
export const refreshSchema = z.strictObject({ refreshToken: z.string().min(1).max(8192) });
export const forgotSchema = z.strictObject({ email: emailSchema });
export const resetSchema = z.strictObject({ email: emailSchema, code: z.string().trim().min(1).max(16), newPassword: newPasswordSchema });
export const changePasswordSchema = z.strictObject({ currentPassword: currentPasswordSchema, newPassword: newPasswordSchema });

export const statusSchema = z.object({ status: z.string() });

export const tokensSchema = z
  .object({ accessToken: z.string(), idToken: z.string(), refreshToken: z.string(), expiresIn: z.int() })
  .meta({ id: 'Tokens' });
export const refreshedTokensSchema = z.object({ accessToken: z.string(), idToken: z.string(), expiresIn: z.int() });

export const profileSchema = z
  .object({
    customerId: z.string(),
    email: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    phone: z.string().nullable(),
    loyalty: z.object({ tier: z.string().nullable() }),
    /** The language of the customer's service messages. */
    locale: z.enum(['ru', 'en']),
    createdAt: z.string(),
  })
  .meta({ id: 'Profile' });

export const profilePatchSchema = z
  .strictObject({ firstName: personNameSchema.optional(), lastName: personNameSchema.optional(), phone: phoneSchema.nullable().optional(), locale: z.enum(['ru', 'en']).optional() })
  .refine((patch) => Object.keys(patch).length > 0, 'must change at least one field');

export const deleteAccountSchema = z.strictObject({ withdrawConsents: z.boolean().optional() }).optional();

export const consentStateSchema = z.object({
  purpose: consentPurposeSchema,
  granted: z.boolean(),
  documentVersion: z.string().nullable(),
  changedAt: z.string().nullable(),
  receiptId: z.string().nullable(),
});

export const consentUpdateSchema = z.strictObject({ granted: z.boolean(), documentVersion: z.string().min(1).max(32) });

export const receiptSchema = z
  .object({
    receiptId: z.string(),
    customerId: z.string(),
    purpose: consentPurposeSchema,
    granted: z.boolean(),
    documentVersion: z.string(),
    documentSha256: z.string(),
    collectedAt: z.string(),
    collectionMethod: z.string(),
    jurisdiction: z.string(),
  })
  .meta({ id: 'ConsentReceipt' });

export const auditEntrySchema = z
  .object({
    entryId: z.string(),
    customerId: z.string(),
    at: z.string(),
    actor: z.object({ type: z.enum(['customer', 'operator', 'job', 'system']), id: z.string() }),
    action: z.string(),
    reason: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEntry' });

export const reasonSchema = z.strictObject({ reason: z.string().trim().min(3).max(1000) });

export const watchEntrySchema = z.object({
  customerId: z.string(),
  status: z.string(),
  since: z.string(),
  reason: z.string(),
  signals: z.record(z.string(), z.unknown()),
});
