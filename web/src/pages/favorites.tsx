/**
 * Favourites (GET /v1/me/favorites): each book with its title and today's price, to remove
 * (DELETE) or put in the basket. The answer names product ids only; titles and prices come from
 * the catalogue. A lower price of a favourite is a service message to the customer (policy 1.3.2).
 */
import { useState } from 'preact/hooks';
import { api } from '../api';
import { Notice, ProblemMessage } from '../components/feedback';
import { DateText } from '../components/format';
import { Loaded, useLoad } from '../components/load';
import { Page } from '../components/page';
import { EmptyShelf, type Product, ProductCard } from '../components/product';
import { useTexts } from '../i18n';
import { Link, type PageProps } from '../router';
import { addOneToBasket, productsOf } from './basket';

interface FavoritesAnswer {
  readonly items: readonly { readonly productId: string; readonly addedAt: string }[];
}

interface Favorite {
  readonly productId: string;
  readonly addedAt: string;
  /** Undefined when the book has left the catalogue. */
  readonly product: Product | undefined;
}

const withProducts = async (answer: FavoritesAnswer, known?: ReadonlyMap<string, Product>): Promise<Favorite[]> => {
  const products = await productsOf(
    answer.items.map((item) => item.productId),
    known,
  );
  return answer.items.map((item) => ({ ...item, product: products.get(item.productId) }));
};

const texts = {
  ru: {
    title: 'Избранное',
    about:
      'Когда цена книги из избранного снижается, мы присылаем вам об этом служебное письмо (и push-уведомление на устройства, где вы их включили). Такие сообщения — часть работы магазина, поэтому они приходят и без подписки на рассылки; чтобы их не получать о какой-то книге, уберите её из избранного.',
    empty: 'В избранном пока ничего нет.',
    emptyHint: 'Нажмите «В избранное» на странице книги, и она появится здесь.',
    gone: 'Этой книги больше нет в каталоге',
    added: 'Добавлена',
    addToBasket: 'В корзину',
    addToBasketOf: (title: string) => `В корзину: ${title}`,
    remove: 'Убрать',
    removeOf: (title: string) => `Убрать из избранного: ${title}`,
    inBasket: (title: string, quantity: number) => `«${title}» в корзине: ${quantity} шт.`,
    toBasket: 'Перейти в корзину',
    removed: (title: string) => `«${title}» убрана из избранного.`,
  },
  en: {
    title: 'Favourites',
    about:
      'When the price of a book in your favourites drops, we send you a service email about it (and a push notification on devices where you have turned them on). Such messages are part of the shop’s service, so they come even without a newsletter subscription; to stop them for a book, remove it from favourites.',
    empty: 'There is nothing in your favourites yet.',
    emptyHint: 'Press “Add to favourites” on a book’s page and it will appear here.',
    gone: 'This book is no longer in the catalogue',
    added: 'Added',
    addToBasket: 'Add to basket',
    addToBasketOf: (title: string) => `Add ${title} to the basket`,
    remove: 'Remove',
    removeOf: (title: string) => `Remove ${title} from favourites`,
    inBasket: (title: string, quantity: number) => `“${title}” is in your basket: ${quantity}.`,
    toBasket: 'Go to the basket',
    removed: (title: string) => `“${title}” was removed from favourites.`,
  },
};

export const Favorites = (_props: PageProps) => {
  const t = useTexts(texts);
  const favorites = useLoad(async () => withProducts(await api.get<FavoritesAnswer>('/v1/me/favorites')), []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [done, setDone] = useState<{ text: string; basket: boolean } | undefined>(undefined);

  const act = async (action: () => Promise<{ text: string; basket: boolean }>) => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      setDone(await action());
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  };

  const remove = (favorite: Favorite, label: string) =>
    act(async () => {
      const answer = await api.delete<FavoritesAnswer>(`/v1/me/favorites/${encodeURIComponent(favorite.productId)}`);
      const known = new Map((favorites.data ?? []).flatMap((f) => (f.product === undefined ? [] : [[f.productId, f.product] as const])));
      favorites.replace(await withProducts(answer, known));
      return { text: t.removed(label), basket: false };
    });

  const toBasket = (favorite: Favorite, label: string) =>
    act(async () => ({ text: t.inBasket(label, await addOneToBasket(favorite.productId)), basket: true }));

  return (
    <Page title={t.title} wide>
      <p class="lead">{t.about}</p>
      <div aria-live="polite">
        {done !== undefined && (
          <Notice kind="success">
            <p>
              {done.text} {done.basket && <Link href="/basket">{t.toBasket}</Link>}
            </p>
          </Notice>
        )}
      </div>
      {error !== undefined && <ProblemMessage error={error} />}
      <Loaded state={favorites}>
        {(items) =>
          items.length === 0 ? (
            <EmptyShelf text={t.empty} hint={t.emptyHint} />
          ) : (
            <ul class="cards" aria-label={t.title}>
              {items.map((favorite) => {
                const label = favorite.product?.title ?? t.gone;
                return (
                  <ProductCard key={favorite.productId} product={favorite.product} goneTitle={t.gone}>
                    <p class="card__meta">
                      {t.added}: <DateText iso={favorite.addedAt} />
                    </p>
                    <div class="card__actions">
                      {favorite.product !== undefined && (
                        <button type="button" class="button button--small" disabled={busy} aria-label={t.addToBasketOf(label)} onClick={() => toBasket(favorite, label)}>
                          {t.addToBasket}
                        </button>
                      )}
                      <button type="button" class="button button--secondary button--small" disabled={busy} aria-label={t.removeOf(label)} onClick={() => remove(favorite, label)}>
                        {t.remove}
                      </button>
                    </div>
                  </ProductCard>
                );
              })}
            </ul>
          )
        }
      </Loaded>
    </Page>
  );
};
