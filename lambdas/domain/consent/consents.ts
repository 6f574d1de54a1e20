/**
 * Changing one consent from the customer's settings: refused for an outdated document, a no-op
 * (the existing receipt) when nothing changes, otherwise a new receipt.
 *
 * Withdrawing personal_data_processing closes the account and files a `withdraw_consent` privacy
 * request for that purpose, so the destruction job (lambdas/domain/privacy/destruction.ts) finds
 * it and destroys the data within the legal term. The request's id is derived from the customer,
 * so a repeated withdrawal (a retry of one whose closing failed) files it once.
 */
import { auditEntry } from '../audit/audit';
import type { AccountPorts } from '../accounts/ports';
import { activeCustomer, closeOnRequiredWithdrawal } from '../accounts/profile';
import { ConflictError } from '../errors';
import { type ConsentPurpose, requiredPurpose } from '../legal/purposes';
import { keyedRequestId, newRequest, type PrivacyRequestBody, requestHashOf } from '../privacy/requests';
import { assertCurrentVersion, type ConsentReceipt, receiptFor } from './ledger';

/**
 * Files the withdraw_consent request for personal_data_processing, so the destruction job finds
 * it (idempotent: one per customer, whichever way the consent was withdrawn).
 */
export const fileRequiredWithdrawal = async (ports: AccountPorts, customerId: string, now: Date, note: string): Promise<void> => {
  const body: PrivacyRequestBody = { type: 'withdraw_consent', purposes: [requiredPurpose] };
  const request = newRequest(keyedRequestId(customerId, 'consent-settings-withdrawal'), customerId, body, now, requestHashOf(body));
  const filed = { ...request, history: request.history.map((entry) => ({ ...entry, note })) };
  if (await ports.privacyRequests.create(filed)) {
    await ports.audit.append(
      auditEntry(ports.ids, now, customerId, { type: 'customer', id: customerId }, 'privacy_request.received', {
        requestId: filed.requestId,
        type: filed.type,
        dueBy: filed.dueBy,
      }),
    );
  }
};

/** Files the withdrawal's destruction request, then closes the account. */
const withdrawRequired = async (ports: AccountPorts, customer: Parameters<typeof closeOnRequiredWithdrawal>[1], now: Date) => {
  await fileRequiredWithdrawal(ports, customer.customerId, now, 'withdrawn in consent settings');
  await closeOnRequiredWithdrawal(ports, customer, now);
};

export const changeConsent = async (
  ports: AccountPorts,
  customerId: string,
  purpose: ConsentPurpose,
  choice: { granted: boolean; documentVersion: string },
): Promise<ConsentReceipt> => {
  assertCurrentVersion({ purpose, ...choice }, 'body.documentVersion');
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const customer = await activeCustomer(ports, customerId);
    const now = ports.clock();
    const receipt = receiptFor(customerId, { purpose, ...choice }, 'consent_settings', now, ports.ids);
    const current = customer.consents[purpose];
    if (current && current.granted === receipt.granted && current.documentVersion === receipt.documentVersion) {
      // A repeat of a withdrawal whose closing step failed finishes the closing now.
      if (purpose === requiredPurpose && !receipt.granted) await withdrawRequired(ports, customer, now);
      return { ...receipt, receiptId: current.receiptId, collectedAt: current.changedAt };
    }
    try {
      await ports.customers.recordConsents(customerId, [receipt], customer.consentSeq);
    } catch (error: unknown) {
      if (error instanceof ConflictError && attempt < 2) continue;
      throw error;
    }
    await ports.audit.append(
      auditEntry(ports.ids, now, customerId, { type: 'customer', id: customerId }, receipt.granted ? 'consent.granted' : 'consent.withdrawn', {
        purpose,
        receiptId: receipt.receiptId,
      }),
    );
    if (purpose === requiredPurpose && !receipt.granted) await withdrawRequired(ports, customer, now);
    return receipt;
  }
  throw new ConflictError('consent contended', 'Please retry.');
};
