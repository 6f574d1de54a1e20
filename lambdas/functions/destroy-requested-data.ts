/**
 * Hourly job: destroys the personal data of customers with an open `destroy` request, or an open
 * `withdraw_consent` request naming personal_data_processing, writes the destruction act and
 * completes the request (lambdas/domain/privacy/destruction.ts).
 */
import { randomUUID } from 'node:crypto';
import { auditTrail } from '#adapters/audit-trail';
import { cognitoIdentity } from '#adapters/cognito-identity';
import { destructionStore } from '#adapters/destruction-store';
import { privacyRequestStore } from '#adapters/privacy-request-store';
import { jobHandler } from '#commons/job';
import { destroyRequestedData } from '#domain/privacy/destruction';

export const handler = jobHandler(async (now) =>
  destroyRequestedData(
    {
      identity: cognitoIdentity,
      store: destructionStore,
      requests: privacyRequestStore,
      audit: auditTrail,
      clock: () => new Date(),
      ids: () => randomUUID(),
    },
    now,
  ),
);
