/**
 * The processing gate (issue 5 point 6; policy 1.2.1; 152-FZ Art. 20, 21): the one check every
 * consumer of a customer's data asks before using it, so that a `block` or `stop_processing`
 * request takes effect everywhere at once, not feature by feature.
 *
 * The customer record (lambdas/domain/accounts/customers.ts `Customer`) carries `restriction`:
 *
 *   - `blocked`: a blocked customer's data is used for nothing but storage — `mayProcess` is
 *     false for every use but 'storage'. The service messages the law requires still go out (the
 *     status of an existing order, the answers to privacy requests, security notices): they are
 *     not a use this gate governs. Basket reminders and favourites' price drops are not required,
 *     so they ask the gate ('service_reminders') and stop.
 *   - `stoppedPurposes`: a `stop_processing` request stops just the uses of its purposes:
 *
 *       purpose stopped      uses refused
 *       advertising          'advertising'
 *       personalization      'personalization', 'analytics_export'
 *       loyalty_program      'loyalty'
 *       personal_data_processing  (nothing by itself here: its withdrawal is destruction, point 7)
 *
 *     'service_reminders' and 'storage' are refused by no stopped purpose; only a block refuses
 *     the reminders.
 *
 * The gate is about restrictions only: a consumer still needs the purpose's consent where the
 * purpose has one (loyalty computation also checks `loyalty_program`, and so on).
 *
 * How the restriction changes (lambdas/domain/privacy/requests.ts):
 *   - creating a `block` request blocks at once and records the request's id in `requestIds`
 *     (which holds the ids of the block requests that hold the block, and nothing else);
 *   - creating a `stop_processing` request adds its purposes to `stoppedPurposes` at once;
 *   - completing or rejecting a `block` request lifts that request's block: its id is removed,
 *     and `blocked` stays true while other block requests remain. The operator's resolution text
 *     does not decide this: a closed block request no longer holds a block;
 *   - `stop_processing` restrictions stay when the request closes: the purposes' consents are the
 *     customer's to grant again (their consent page), which is when processing may resume.
 *   - `since` is when the current restriction began; a restriction with nothing left (unblocked,
 *     no stopped purpose) is removed.
 *
 * Consumers that ask today: loyalty computation on delivery (lambdas/domain/shop/orders.ts,
 * 'loyalty') and the basket reminder job (lambdas/domain/shop/basket-reminders.ts,
 * 'service_reminders'). Consumers to come MUST ask it too: advertising and informational
 * campaigns and favourites' price-drop notices (messaging issue: 'advertising' or
 * 'service_reminders'), recommendations ('personalization'), and analytics exports (analytics
 * issue: 'analytics_export').
 */

export const processingUses = ['loyalty', 'service_reminders', 'advertising', 'personalization', 'analytics_export', 'storage'] as const;
export type ProcessingUse = (typeof processingUses)[number];

export interface Restriction {
  readonly blocked: boolean;
  readonly stoppedPurposes: readonly string[];
  /** When the current restriction began. */
  readonly since: string;
  /** The open `block` requests holding the block. */
  readonly requestIds: readonly string[];
}

/** The purposes a `stop_processing` request may name, and the uses each stops. */
export const usesStoppedBy: Readonly<Record<string, readonly ProcessingUse[]>> = {
  advertising: ['advertising'],
  personalization: ['personalization', 'analytics_export'],
  loyalty_program: ['loyalty'],
};

/** Whether the customer's data may be put to `use` (pure). */
export const mayProcess = (customer: { readonly restriction?: Restriction | undefined }, use: ProcessingUse): boolean => {
  if (use === 'storage') return true;
  const restriction = customer.restriction;
  if (restriction === undefined) return true;
  if (restriction.blocked) return false;
  return !restriction.stoppedPurposes.some((purpose) => usesStoppedBy[purpose]?.includes(use) ?? false);
};

const tidy = (restriction: Restriction): Restriction | undefined =>
  !restriction.blocked && restriction.stoppedPurposes.length === 0 && restriction.requestIds.length === 0 ? undefined : restriction;

/** The restriction once a block request `requestId` is received at `at` (pure; idempotent). */
export const blockedBy = (current: Restriction | undefined, requestId: string, at: string): Restriction => ({
  blocked: true,
  stoppedPurposes: current?.stoppedPurposes ?? [],
  since: current?.since ?? at,
  requestIds: current?.requestIds.includes(requestId) === true ? current.requestIds : [...(current?.requestIds ?? []), requestId],
});

/** The restriction once processing for `purposes` is stopped at `at` (pure; idempotent). */
export const stoppedFor = (current: Restriction | undefined, purposes: readonly string[], at: string): Restriction => ({
  blocked: current?.blocked ?? false,
  stoppedPurposes: [...new Set([...(current?.stoppedPurposes ?? []), ...purposes])].sort(),
  since: current?.since ?? at,
  requestIds: current?.requestIds ?? [],
});

/** The restriction once block request `requestId` is closed (pure): blocked while other block requests remain. */
export const blockLifted = (current: Restriction | undefined, requestId: string): Restriction | undefined => {
  if (current === undefined) return undefined;
  const requestIds = current.requestIds.filter((id) => id !== requestId);
  return tidy({ ...current, requestIds, blocked: requestIds.length > 0 });
};
