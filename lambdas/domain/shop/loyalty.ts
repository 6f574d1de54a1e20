/**
 * A customer's place in the loyalty programme (policy 1.3.1): shown only to a customer who granted
 * the `loyalty_program` consent. Spend and tier are kept on the customer's record when an order is
 * delivered; a tier assigned there wins over the one the spend alone would give.
 */
import type { Customer } from '../accounts/customers';
import type { AccountPorts } from '../accounts/ports';
import { activeCustomer } from '../accounts/profile';
import { ForbiddenError } from '../errors';
import { loyaltyStatus, tierFor } from '../loyalty/tiers';

export type LoyaltyRecord = Pick<Customer, 'consents' | 'loyaltyTier'> & { readonly lifetimeSpendMinor?: number | null };

export const loyaltyConsentMissing = 'Grant the loyalty_program consent to take part in the loyalty programme.';

export const loyaltyOf = (customer: LoyaltyRecord) => {
  if (customer.consents.loyalty_program?.granted !== true) throw new ForbiddenError('loyalty_program consent not granted', loyaltyConsentMissing);
  const spend = customer.lifetimeSpendMinor ?? 0;
  return { ...loyaltyStatus(spend), tier: customer.loyaltyTier ?? tierFor(spend) };
};

export const customerLoyalty = async (ports: Pick<AccountPorts, 'customers'>, customerId: string) =>
  loyaltyOf(await activeCustomer(ports, customerId));
