import { describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError } from '../../lambdas/domain/errors';
import { addFavorite, type Favorite, type FavoritesStore, favoritesView } from '../../lambdas/domain/shop/favorites';
import { loyaltyConsentMissing, loyaltyOf } from '../../lambdas/domain/shop/loyalty';

const favorite = (productId: string, addedAt: string): Favorite => ({ customerId: 'c1', productId, addedAt });

describe('favourites', () => {
  it('lists the newest first, same instants in product-id order, without the customer id', () => {
    expect(
      favoritesView([
        favorite('old', '2030-01-01T00:00:00.000Z'),
        favorite('b', '2030-01-02T00:00:00.000Z'),
        favorite('a', '2030-01-02T00:00:00.000Z'),
        favorite('new', '2030-01-03T00:00:00.000Z'),
      ]).items,
    ).toEqual([
      { productId: 'new', addedAt: '2030-01-03T00:00:00.000Z' },
      { productId: 'a', addedAt: '2030-01-02T00:00:00.000Z' },
      { productId: 'b', addedAt: '2030-01-02T00:00:00.000Z' },
      { productId: 'old', addedAt: '2030-01-01T00:00:00.000Z' },
    ]);
  });

  it('refuses a book the catalogue does not have, writing nothing', async () => {
    const written: Favorite[] = [];
    const favorites: FavoritesStore = { list: async () => written, add: async (f) => void written.push(f), remove: async () => undefined };
    const ports = { favorites, catalogue: { get: async () => undefined }, clock: () => new Date() };
    await expect(addFavorite(ports, 'c1', 'missing')).rejects.toBeInstanceOf(NotFoundError);
    expect(written).toEqual([]);
  });
});

describe('loyalty status', () => {
  const granted = { loyalty_program: { granted: true, documentVersion: '2025-09-01', receiptId: 'r', changedAt: '2030-01-01T00:00:00.000Z' } };

  it('is refused, naming the consent, to a customer who has not granted loyalty_program', () => {
    for (const consents of [{}, { loyalty_program: { ...granted.loyalty_program, granted: false } }]) {
      const refuse = () => loyaltyOf({ consents, loyaltyTier: null });
      expect(refuse).toThrow(ForbiddenError);
      try {
        refuse();
      } catch (error: unknown) {
        expect((error as ForbiddenError).detail).toBe(loyaltyConsentMissing);
        expect(loyaltyConsentMissing).toContain('loyalty_program');
      }
    }
  });

  it('starts at bronze with silver next', () => {
    expect(loyaltyOf({ consents: granted, loyaltyTier: null })).toEqual({
      tier: 'bronze',
      lifetimeSpendMinor: 0,
      nextTier: 'silver',
      spendToNextTierMinor: 1_500_000,
    });
  });

  it('follows the spend, and an assigned tier wins over it', () => {
    expect(loyaltyOf({ consents: granted, loyaltyTier: null, lifetimeSpendMinor: 2_000_000 })).toMatchObject({ tier: 'silver', nextTier: 'gold', spendToNextTierMinor: 3_000_000 });
    expect(loyaltyOf({ consents: granted, loyaltyTier: 'gold', lifetimeSpendMinor: 2_000_000 }).tier).toBe('gold');
  });
});
