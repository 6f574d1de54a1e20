/**
 * A customer's profile record and the port that keeps it, together with the consent ledger
 * (one store, because a consent change writes both in one transaction).
 */
import type { ConsentReceipt, ConsentStates } from '../consent/ledger';
import type { Locale } from '../messaging/templates/locale';
import type { Restriction } from '../privacy/processing-gate';

export type CustomerStatus = 'PENDING' | 'ACTIVE' | 'CLOSED';

export interface Customer {
  readonly customerId: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  /**
   * Absent (never null in the table) while the customer has none: the `byPhone` index is sparse,
   * and DynamoDB refuses a NULL index key.
   */
  readonly phone?: string | null;
  readonly status: CustomerStatus;
  readonly registeredAt: string;
  /** When the email was confirmed and the account became usable. */
  readonly createdAt: string | null;
  readonly closedAt: string | null;
  readonly consents: ConsentStates;
  /** Bumped by every consent change: orders concurrent changes. */
  readonly consentSeq: number;
  readonly loyaltyTier: string | null;
  /** The language of the customer's service messages; absent on records made before it existed (read as 'ru'). */
  readonly locale?: Locale;
  /**
   * Sum of the delivered orders' totals (kopecks) while `loyalty_program` was granted; absent
   * until the first such delivery. Only the order-status move writes it (lambdas/domain/shop/orders.ts).
   */
  readonly lifetimeSpendMinor?: number;
  /**
   * Blocking and stopped purposes by privacy requests; absent when nothing is restricted. Every
   * consumer of the customer's data asks lambdas/domain/privacy/processing-gate.ts about it.
   */
  readonly restriction?: {
    blocked: boolean;
    stoppedPurposes: string[];
    since: string;
    requestIds: string[];
  };
  /** Bumped by every restriction change: orders concurrent changes (absent before the first). */
  readonly restrictionSeq?: number;
}

export interface ProfileChanges {
  readonly firstName?: string;
  readonly lastName?: string;
  readonly phone?: string | null;
  readonly locale?: Locale;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly next: string | undefined;
}

export interface CustomerStore {
  /** Creates the pending record and appends the registration's receipts, all or nothing. */
  createPending(customer: Customer, receipts: readonly ConsentReceipt[]): Promise<void>;
  /** PENDING → ACTIVE; false when already active (a repeated confirmation creates nothing). */
  activate(customerId: string, now: string): Promise<boolean>;
  get(customerId: string): Promise<Customer | undefined>;
  updateProfile(customerId: string, changes: ProfileChanges, now: string): Promise<Customer>;
  close(customerId: string, now: string): Promise<void>;
  /** Appends receipts and sets the state, if nobody changed consents since `expectedSeq`. */
  recordConsents(customerId: string, receipts: readonly ConsentReceipt[], expectedSeq: number): Promise<void>;
  receipts(customerId: string, limit: number, cursor: string | undefined): Promise<Page<ConsentReceipt>>;
  /**
   * Sets (or, when `next` is undefined, removes) the restriction, if the customer exists and
   * nobody changed it since `expectedSeq` (undefined: never changed); false otherwise.
   */
  restrict(customerId: string, next: Restriction | undefined, expectedSeq: number | undefined): Promise<boolean>;
}
