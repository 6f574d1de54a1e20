/**
 * Accounts, sessions and consents as the API sees them.
 */
import * as z from '../zod';
import { passwordRulesBroken } from '../password-policy';
import { consentPurposeSchema } from './legal';

/** Matched case-insensitively: stored and compared in lower case. */
// Each definition is a pure IIFE so that esbuild leaves out of a function's bundle whatever it does
// not use: see system/zod.ts.
export const emailSchema = /* @__PURE__ */ (() =>
  z.pipe(
    z.pipe(z.string().check(z.trim(), z.maxLength(254)), z.email({ message: 'must be an email address' })),
    z.transform((email: string) => email.toLowerCase()),
  ))();

export const phoneSchema = /* @__PURE__ */ (() => z.string().check(z.regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number such as +79161234567')))();

// Names are free text, but never control characters or markup-breaking angle brackets.
export const personNameSchema = /* @__PURE__ */ (() =>
  z
    .string()
    .check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(100), z.regex(/^[^\p{Cc}<>]+$/u, 'must not contain control characters or angle brackets')))();

/** The one password rule (system/password-policy.ts): each broken rule is named. */
export const newPasswordSchema = /* @__PURE__ */ (() =>
  z.string().check(
    z.superRefine((password: string, ctx) => {
      for (const broken of passwordRulesBroken(password)) ctx.addIssue({ code: 'custom', message: broken.message, params: { rule: broken.rule } });
    }),
  ))();

export const currentPasswordSchema = /* @__PURE__ */ (() => z.string().check(z.minLength(1), z.maxLength(256)))();

export const consentChoiceSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    purpose: consentPurposeSchema,
    documentVersion: z.string().check(z.minLength(1), z.maxLength(32)),
    granted: z.boolean(),
  }))();

export const registerSchema = /* @__PURE__ */ (() =>
  z.strictObject({
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
  }))();

const codeSchema = /* @__PURE__ */ (() => z.string().check(z.trim(), z.minLength(1), z.maxLength(16)))();

export const confirmSchema = /* @__PURE__ */ (() => z.strictObject({ email: emailSchema, code: codeSchema }))();
export const loginSchema = /* @__PURE__ */ (() => z.strictObject({ email: emailSchema, password: currentPasswordSchema }))();
export const refreshSchema = /* @__PURE__ */ (() => z.strictObject({ refreshToken: z.string().check(z.minLength(1), z.maxLength(8192)) }))();
export const forgotSchema = /* @__PURE__ */ (() => z.strictObject({ email: emailSchema }))();
export const resetSchema = /* @__PURE__ */ (() => z.strictObject({ email: emailSchema, code: codeSchema, newPassword: newPasswordSchema }))();
export const changePasswordSchema = /* @__PURE__ */ (() => z.strictObject({ currentPassword: currentPasswordSchema, newPassword: newPasswordSchema }))();

export const statusSchema = /* @__PURE__ */ (() => z.object({ status: z.string() }))();

export const tokensSchema = /* @__PURE__ */ (() =>
  z
    .object({ accessToken: z.string(), idToken: z.string(), refreshToken: z.string(), expiresIn: z.int() })
    .register(z.globalRegistry, { id: 'Tokens' }))();
export const refreshedTokensSchema = /* @__PURE__ */ (() => z.object({ accessToken: z.string(), idToken: z.string(), expiresIn: z.int() }))();

export const profileSchema = /* @__PURE__ */ (() =>
  z
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
    .register(z.globalRegistry, { id: 'Profile' }))();

export const profilePatchSchema = /* @__PURE__ */ (() =>
  z
    .strictObject({
      firstName: z.optional(personNameSchema),
      lastName: z.optional(personNameSchema),
      phone: z.optional(z.nullable(phoneSchema)),
      locale: z.optional(z.enum(['ru', 'en'])),
    })
    .check(z.refine((patch) => Object.keys(patch).length > 0, 'must change at least one field')))();

export const deleteAccountSchema = /* @__PURE__ */ (() => z.optional(z.strictObject({ withdrawConsents: z.optional(z.boolean()) })))();

export const consentStateSchema = /* @__PURE__ */ (() =>
  z.object({
    purpose: consentPurposeSchema,
    granted: z.boolean(),
    documentVersion: z.nullable(z.string()),
    changedAt: z.nullable(z.string()),
    receiptId: z.nullable(z.string()),
  }))();

export const consentUpdateSchema = /* @__PURE__ */ (() => z.strictObject({ granted: z.boolean(), documentVersion: z.string().check(z.minLength(1), z.maxLength(32)) }))();

export const receiptSchema = /* @__PURE__ */ (() =>
  z
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
    .register(z.globalRegistry, { id: 'ConsentReceipt' }))();

export const auditEntrySchema = /* @__PURE__ */ (() =>
  z
    .object({
      entryId: z.string(),
      customerId: z.string(),
      at: z.string(),
      actor: z.object({ type: z.enum(['customer', 'operator', 'job', 'system']), id: z.string() }),
      action: z.string(),
      reason: z.nullable(z.string()),
      details: z.record(z.string(), z.unknown()),
    })
    .register(z.globalRegistry, { id: 'AuditEntry' }))();

export const reasonSchema = /* @__PURE__ */ (() => z.strictObject({ reason: z.string().check(z.trim(), z.minLength(3), z.maxLength(1000)) }))();

export const watchEntrySchema = /* @__PURE__ */ (() =>
  z.object({
    customerId: z.string(),
    status: z.string(),
    since: z.string(),
    reason: z.string(),
    signals: z.record(z.string(), z.unknown()),
  }))();
