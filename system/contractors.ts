/**
 * Contractors' mailing systems (policy 1.3.2): they send advertising and informational
 * newsletters for the seller and must learn of every opt-out and opt-in. The stage
 * configuration lists them (CDK context `contractors`, lib/config.ts); the sync job gets the list
 * as `CONTRACTORS` (JSON) and reads each one's signing secret from Secrets Manager. Locally one
 * contractor, `mailer`, is a recording endpoint of the local stack (`/_local/contractors/mailer`).
 */
import * as z from './zod';

export const contractorSchema = z.strictObject({
  /** Names the contractor in metrics, alarms and the sync state: letters, digits, dashes. */
  name: z.string().check(z.regex(/^[a-z][a-z0-9-]{0,31}$/)),
  /** HTTPS endpoint that takes signed batches (locally http on 127.0.0.1). */
  endpoint: z.url(),
  /** Secrets Manager secret id (ARN or name) holding the HMAC key shared with the contractor. */
  secretId: z.string().check(z.minLength(1)),
});

export type Contractor = z.infer<typeof contractorSchema>;

export const contractorsSchema = z.array(contractorSchema).check(z.maxLength(20));

export const contractorsEnv = 'CONTRACTORS';

/** The policy's bound: an opt-out reaches every contractor within 3 days. */
export const contractorSyncPolicyHours = 72;

/** How long a recorded change waits before a sync may pass it (clock skew and in-flight writes). */
export const changeSettleSeconds = 120;

/** How the batches are signed: `X-Folio-Signature: v1=<hex HMAC-SHA256(key, "<timestamp>.<body>")>`. */
export const signatureHeader = 'x-folio-signature';
export const timestampHeader = 'x-folio-timestamp';
/** A receiver refuses a batch whose timestamp is further than this from its clock (replay). */
export const signatureToleranceSeconds = 300;
