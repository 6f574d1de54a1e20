/**
 * Accounts, sessions and consents as the API sees them.
 */
import * as z from '../zod';
import { passwordRulesBroken } from '../password-policy';
import { consentPurposeSchema } from './legal';

/** Matched case-insensitively: stored and compared in lower case. */
export const emailSchema = z.pipe(
  z.pipe(z.string().check(z.trim(), z.maxLength(254)), z.email({ message: 'must be an email address' })),
  z.transform((email: string) => email.toLowerCase()),
);

export const phoneSchema = z.string().check(z.regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number such as +79161234567'));

// Names are free text, but never control characters or markup-breaking angle brackets.
export const personNameSchema = z
  .string()
  .check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(100), z.regex(/^[^\p{Cc}<>]+$/u, 'must not contain control characters or angle brackets'));

/** The one password rule (system/password-policy.ts): each broken rule is named. */
export const newPasswordSchema = z.string().check(
  z.superRefine((password: string, ctx) => {
    for (const broken of passwordRulesBroken(password)) ctx.addIssue({ code: 'custom', message: broken.message, params: { rule: broken.rule } });
  }),
);

export const currentPasswordSchema = z.string().check(z.minLength(1), z.maxLength(256));

export const consentChoiceSchema = z.strictObject({
  purpose: consentPurposeSchema,
  documentVersion: z.string().check(z.minLength(1), z.maxLength(32)),
  granted: z.boolean(),
});

export const registerSchema = z.strictObject({
  email: emailSchema,
  password: newPasswordSchema,
  firstName: personNameSchema,
  lastName: personNameSchema,
  consents: z
    .array(consentChoiceSchema)
    .check(
      z.minLength(1),
      z.maxLength(4),
      z.refine((list) => new Set(list.map((c) => c.purpose)).size === list.length, 'must name each purpose once'),
    ),
});

const codeSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(16));

export const confirmSchema = z.strictObject({ email: emailSchema, code: codeSchema });
export const loginSchema = z.strictObject({ email: emailSchema, password: currentPasswordSchema });
export const refreshSchema = z.strictObject({ refreshToken: z.string().check(z.minLength(1), z.maxLength(8192)) });
export const forgotSchema = z.strictObject({ email: emailSchema });
export const resetSchema = z.strictObject({ email: emailSchema, code: codeSchema, newPassword: newPasswordSchema });
export const changePasswordSchema = z.strictObject({ currentPassword: currentPasswordSchema, newPassword: newPasswordSchema });

export const statusSchema = z.object({ status: z.string() });

export const tokensSchema = z
  .object({ accessToken: z.string(), idToken: z.string(), refreshToken: z.string(), expiresIn: z.int() })
  .register(z.globalRegistry, { id: 'Tokens' });
export const refreshedTokensSchema = z.object({ accessToken: z.string(), idToken: z.string(), expiresIn: z.int() });

export const profileSchema = z
  .object({
    customerId: z.string(),
    email: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    phone: z.nullable(z.string()),
    loyalty: z.object({ tier: z.nullable(z.string()) }),
    /** The language of the customer's service messages. */
    locale: z.enum(['ru', 'en']),
    createdAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'Profile' });

export const profilePatchSchema = z
  .strictObject({
    firstName: z.optional(personNameSchema),
    lastName: z.optional(personNameSchema),
    phone: z.optional(z.nullable(phoneSchema)),
    locale: z.optional(z.enum(['ru', 'en'])),
  })
  .check(z.refine((patch) => Object.keys(patch).length > 0, 'must change at least one field'));

export const deleteAccountSchema = z.optional(z.strictObject({ withdrawConsents: z.optional(z.boolean()) }));

export const consentStateSchema = z.object({
  purpose: consentPurposeSchema,
  granted: z.boolean(),
  documentVersion: z.nullable(z.string()),
  changedAt: z.nullable(z.string()),
  receiptId: z.nullable(z.string()),
});

export const consentUpdateSchema = z.strictObject({ granted: z.boolean(), documentVersion: z.string().check(z.minLength(1), z.maxLength(32)) });

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
  .register(z.globalRegistry, { id: 'ConsentReceipt' });

export const auditEntrySchema = z
  .object({
    entryId: z.string(),
    customerId: z.string(),
    at: z.string(),
    actor: z.object({ type: z.enum(['customer', 'operator', 'job', 'system']), id: z.string() }),
    action: z.string(),
    reason: z.nullable(z.string()),
    details: z.record(z.string(), z.unknown()),
  })
  .register(z.globalRegistry, { id: 'AuditEntry' });

export const reasonSchema = z.strictObject({ reason: z.string().check(z.trim(), z.minLength(3), z.maxLength(1000)) });

export const watchEntrySchema = z.object({
  customerId: z.string(),
  status: z.string(),
  since: z.string(),
  reason: z.string(),
  signals: z.record(z.string(), z.unknown()),
});
