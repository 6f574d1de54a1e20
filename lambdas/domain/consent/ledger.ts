/**
 * The consent ledger. Every grant and withdrawal appends a receipt (Kantara Consent Receipt /
 * ISO/IEC TS 27560 fields) pointing at the exact document version and its sha256; the current
 * state per purpose is written in the same transaction as the receipt, so the two never
 * disagree. A consent to a document that is not current is refused, naming the current one.
 */
import { ConflictError, RuleViolationError } from '../errors';
import { currentConsentDocument } from '../legal/documents';
import { type ConsentPurpose, consentPurposes, requiredPurpose } from '../legal/purposes';

export const jurisdiction = 'RU';

export type CollectionMethod = 'registration_form' | 'consent_settings' | 'account_closure' | 'privacy_request';

export interface ConsentReceipt {
  readonly receiptId: string;
  readonly customerId: string;
  readonly purpose: ConsentPurpose;
  readonly granted: boolean;
  readonly documentVersion: string;
  readonly documentSha256: string;
  readonly collectedAt: string;
  readonly collectionMethod: CollectionMethod;
  readonly jurisdiction: string;
}

export interface ConsentState {
  readonly granted: boolean;
  readonly documentVersion: string;
  readonly changedAt: string;
  readonly receiptId: string;
}

export type ConsentStates = Partial<Record<ConsentPurpose, ConsentState>>;

export interface ConsentChoice {
  readonly purpose: ConsentPurpose;
  readonly documentVersion: string;
  readonly granted: boolean;
}

export const receiptFor = (
  customerId: string,
  choice: ConsentChoice,
  method: CollectionMethod,
  now: Date,
  ids: () => string,
): ConsentReceipt => {
  const document = currentConsentDocument(choice.purpose);
  return {
    receiptId: ids(),
    customerId,
    purpose: choice.purpose,
    granted: choice.granted,
    documentVersion: document.version,
    documentSha256: document.sha256,
    collectedAt: now.toISOString(),
    collectionMethod: method,
    jurisdiction,
  };
};

export const stateOf = (receipt: ConsentReceipt): ConsentState => ({
  granted: receipt.granted,
  documentVersion: receipt.documentVersion,
  changedAt: receipt.collectedAt,
  receiptId: receipt.receiptId,
});

/** A grant must name the current version; a withdrawal may name any (it withdraws whatever was given). */
export const assertCurrentVersion = (choice: ConsentChoice, path: string): void => {
  const current = currentConsentDocument(choice.purpose).version;
  if (choice.granted && choice.documentVersion !== current) {
    throw new ConflictError(
      `outdated consent document`,
      `${path}: the current ${choice.purpose} document is version ${current}; show it and ask again.`,
    );
  }
};

/** Registration needs the required purpose granted at its current version. */
export const assertRegistrationConsents = (choices: readonly ConsentChoice[]): void => {
  const required = choices.find((c) => c.purpose === requiredPurpose);
  const current = currentConsentDocument(requiredPurpose).version;
  if (!required?.granted || required.documentVersion !== current) {
    throw new RuleViolationError('required consent missing', [
      { path: 'body.consents', message: `must grant ${requiredPurpose} at its current version ${current}` },
    ]);
  }
  choices.forEach((choice, i) => assertCurrentVersion(choice, `body.consents.${i}`));
};

/** Every purpose, granted or not, as the customer's consent page shows it. */
export const consentView = (states: ConsentStates) =>
  consentPurposes.map((purpose) => {
    const state = states[purpose];
    return {
      purpose,
      granted: state?.granted ?? false,
      documentVersion: state?.documentVersion ?? null,
      changedAt: state?.changedAt ?? null,
      receiptId: state?.receiptId ?? null,
    };
  });
