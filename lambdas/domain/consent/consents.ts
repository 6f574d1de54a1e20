/**
 * Changing one consent from the customer's settings: refused for an outdated document, a no-op
 * (the existing receipt) when nothing changes, otherwise a new receipt.
 */
import { auditEntry } from '../audit/audit';
import type { AccountPorts } from '../accounts/ports';
import { activeCustomer, closeOnRequiredWithdrawal } from '../accounts/profile';
import { ConflictError } from '../errors';
import { type ConsentPurpose, requiredPurpose } from '../legal/purposes';
import { assertCurrentVersion, type ConsentReceipt, receiptFor } from './ledger';

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
      if (purpose === requiredPurpose && !receipt.granted) await closeOnRequiredWithdrawal(ports, customer, now);
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
    if (purpose === requiredPurpose && !receipt.granted) await closeOnRequiredWithdrawal(ports, customer, now);
    return receipt;
  }
  throw new ConflictError('consent contended', 'Please retry.');
};
