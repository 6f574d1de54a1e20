/**
 * One book (GET /v1/products/{id}): title, author and price; a signed-in customer may put it in
 * the basket (PUT /v1/me/basket/items/{id}, one more copy each time) and in favourites
 * (PUT /v1/me/favorites/{id}); a visitor is offered to sign in and come back here.
 */
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { Notice, ProblemMessage } from '../components/feedback';
import { Money } from '../components/format';
import { Loaded, useLoad } from '../components/load';
import { Page } from '../components/page';
import { useTexts } from '../i18n';
import { Link, type PageProps } from '../router';
import { session } from '../session/session';
import { useStore } from '../store';
import { addOneToBasket, maxQuantity, productOrNothing, type BasketAnswer } from './basket';

const texts = {
  ru: {
    loadingTitle: 'Книга',
    missingTitle: 'Такой книги нет',
    missing: 'В каталоге нет такой книги. Возможно, её убрали из продажи или ссылка устарела.',
    toCatalogue: 'Вернуться в каталог',
    author: 'Автор',
    price: 'Цена',
    addToBasket: 'В корзину',
    addToFavorites: 'В избранное',
    addOneMore: 'Добавить ещё один экземпляр',
    removeFromFavorites: 'Убрать из избранного',
    unfavorited: 'Книга убрана из избранного.',
    inBasket: (quantity: number) => `Книга в корзине: ${quantity} шт.`,
    toBasket: 'Перейти в корзину',
    inFavorites: 'Книга в избранном. Если цена снизится, мы сообщим.',
    toFavorites: 'Перейти в избранное',
    signIn: 'Войдите',
    signInRest: ', чтобы положить книгу в корзину или в избранное.',
    actions: 'Что сделать с книгой',
  },
  en: {
    loadingTitle: 'Book',
    missingTitle: 'No such book',
    missing: 'There is no such book in the catalogue. It may have been withdrawn from sale, or the link is out of date.',
    toCatalogue: 'Back to the catalogue',
    author: 'Author',
    price: 'Price',
    addToBasket: 'Add to basket',
    addToFavorites: 'Add to favourites',
    addOneMore: 'Add one more copy',
    removeFromFavorites: 'Remove from favourites',
    unfavorited: 'The book was removed from your favourites.',
    inBasket: (quantity: number) => `In your basket: ${quantity}.`,
    toBasket: 'Go to the basket',
    inFavorites: 'In your favourites. We will tell you if its price drops.',
    toFavorites: 'Go to favourites',
    signIn: 'Sign in',
    signInRest: ' to put this book in your basket or favourites.',
    actions: 'What to do with this book',
  },
};

interface Standing {
  /** Copies of this book in the basket (0: none). */
  readonly quantity: number;
  readonly favorite: boolean;
}

/** Whether the book is already in the customer's basket and favourites. */
const standingOf = async (productId: string): Promise<Standing> => {
  const [basket, favorites] = await Promise.all([
    api.get<BasketAnswer>('/v1/me/basket'),
    api.get<{ items: readonly { productId: string }[] }>('/v1/me/favorites'),
  ]);
  return {
    quantity: basket.items.find((item) => item.productId === productId)?.quantity ?? 0,
    favorite: favorites.items.some((item) => item.productId === productId),
  };
};

const Actions = ({ productId }: { productId: string }) => {
  const t = useTexts(texts);
  const standing = useLoad(() => standingOf(productId), [productId]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [said, setSaid] = useState<'basket' | 'favorite' | 'unfavorite' | undefined>(undefined);
  const quantity = standing.data?.quantity ?? 0;
  const favorite = standing.data?.favorite ?? false;
  const act = async (action: () => Promise<Standing>, then: 'basket' | 'favorite' | 'unfavorite') => {
    setBusy(true);
    setError(undefined);
    setSaid(undefined);
    try {
      standing.replace(await action());
      setSaid(then);
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  };
  const path = `/v1/me/favorites/${encodeURIComponent(productId)}`;
  return (
    <div>
      <div class="actions" role="group" aria-label={t.actions}>
        <button
          type="button"
          class="button"
          disabled={busy || quantity >= maxQuantity}
          onClick={() => act(async () => ({ quantity: await addOneToBasket(productId), favorite }), 'basket')}
        >
          {quantity > 0 ? t.addOneMore : t.addToBasket}
        </button>
        {favorite ? (
          <button type="button" class="button button--secondary" disabled={busy} onClick={() => act(async () => {
                  await api.delete(path);
                  return { quantity, favorite: false };
                }, 'unfavorite')}>
            {t.removeFromFavorites}
          </button>
        ) : (
          <button type="button" class="button button--secondary" disabled={busy} onClick={() => act(async () => {
                  await api.put(path);
                  return { quantity, favorite: true };
                }, 'favorite')}>
            {t.addToFavorites}
          </button>
        )}
      </div>
      <div aria-live="polite">
        {quantity > 0 && (
          <Notice kind={said === 'basket' ? 'success' : 'info'}>
            <p>
              {t.inBasket(quantity)} <Link href="/basket">{t.toBasket}</Link>
            </p>
          </Notice>
        )}
        {favorite && (
          <Notice kind={said === 'favorite' ? 'success' : 'info'}>
            <p>
              {t.inFavorites} <Link href="/favorites">{t.toFavorites}</Link>
            </p>
          </Notice>
        )}
        {said === 'unfavorite' && <Notice kind="success">{t.unfavorited}</Notice>}
      </div>
      {standing.error !== undefined && <ProblemMessage error={standing.error} onRetry={standing.reload} />}
      {error !== undefined && <ProblemMessage error={error} />}
    </div>
  );
};

export const Book = ({ params }: PageProps) => {
  const t = useTexts(texts);
  const productId = params['productId'] ?? '';
  const { signedIn } = useStore(session);
  const book = useLoad(() => productOrNothing(productId), [productId]);
  // A product id the API refuses (422: not even a well-formed id) is no book either.
  const malformed = book.error instanceof ApiError && (book.error.problem.status === 422 || book.error.problem.status === 404);
  if ((book.data === undefined && !book.loading && book.error === undefined) || malformed) {
    return (
      <Page title={t.missingTitle}>
        <p>{t.missing}</p>
        <p>
          <Link href="/">{t.toCatalogue}</Link>
        </p>
      </Page>
    );
  }
  if (book.data === undefined) {
    return (
      <Page title={t.loadingTitle}>
        <Loaded state={book}>{() => null}</Loaded>
      </Page>
    );
  }
  const product = book.data;
  return (
    <Page title={product.title}>
      <dl class="facts">
        <dt>{t.author}</dt>
        <dd>{product.author}</dd>
        <dt>{t.price}</dt>
        <dd class="price">
          <Money minor={product.priceMinor} currency={product.currency} />
        </dd>
      </dl>
      {signedIn ? (
        <Actions productId={product.productId} />
      ) : (
        <p class="notice">
          <Link href={`/sign-in?next=${encodeURIComponent(`/books/${product.productId}`)}`}>{t.signIn}</Link>
          {t.signInRest}
        </p>
      )}
      <p>
        <Link href="/">{t.toCatalogue}</Link>
      </p>
    </Page>
  );
};
