/**
 * The loyalty programme's tiers (policy 1.3.1): a tier follows from the lifetime spend on
 * delivered orders of a customer who granted `loyalty_program`. Thresholds are configuration.
 */

export interface LoyaltyTier {
  readonly name: string;
  /** Lifetime spend (kopecks) from which the tier applies. */
  readonly fromMinor: number;
}

export const loyaltyTiers: readonly LoyaltyTier[] = [
  { name: 'bronze', fromMinor: 0 },
  { name: 'silver', fromMinor: 1_500_000 },
  { name: 'gold', fromMinor: 5_000_000 },
];

export const tierFor = (lifetimeSpendMinor: number): string =>
  [...loyaltyTiers].reverse().find((t) => lifetimeSpendMinor >= t.fromMinor)?.name ?? loyaltyTiers[0]?.name ?? 'bronze';

export const loyaltyStatus = (lifetimeSpendMinor: number) => {
  const next = loyaltyTiers.find((t) => t.fromMinor > lifetimeSpendMinor);
  return {
    tier: tierFor(lifetimeSpendMinor),
    lifetimeSpendMinor,
    nextTier: next?.name ?? null,
    spendToNextTierMinor: next === undefined ? null : next.fromMinor - lifetimeSpendMinor,
  };
};
