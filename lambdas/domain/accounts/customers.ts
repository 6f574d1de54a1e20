/**
 * A customer's profile record and the port that keeps it, together with the consent ledger
 * (one store, because a consent change writes both in one transaction).
 */
import type { ConsentReceipt, ConsentStates } from '../consent/ledger';

export type CustomerStatus = 'PENDING' | 'ACTIVE' | 'CLOSED';

export interface Customer {
  readonly customerId: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly phone: string | null;
  readonly status: CustomerStatus;
  readonly registeredAt: string;
  /** When the email was confirmed and the account became usable. */
  readonly createdAt: string | null;
  readonly closedAt: string | null;
  readonly consents: ConsentStates;
  /** Bumped by every consent change: orders concurrent changes. */
  readonly consentSeq: number;
  readonly loyaltyTier: string | null;
  /**
   * Sum of the delivered orders' totals (kopecks) while `loyalty_program` was granted; absent
   * until the first such delivery. Only the order-status move writes it (lambdas/domain/shop/orders.ts).
   */
  readonly lifetimeSpendMinor?: number;
}

export interface ProfileChanges {
  readonly firstName?: string;
  readonly lastName?: string;
  readonly phone?: string | null;
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
}
