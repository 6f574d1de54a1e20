// The purposes a customer consents to one by one: since 1 Sep 2025 (152-FZ Art. 9 part 1 as
// amended by 156-FZ) each purpose has its own separate consent document, so the list is closed.
export const consentPurposes = ['personal_data_processing', 'advertising', 'personalization', 'loyalty_program'] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];
/** The purpose without which the account cannot exist (registration, orders, service messages). */
export const requiredPurpose: ConsentPurpose = 'personal_data_processing';
