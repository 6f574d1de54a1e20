/**
 * The basket (GET /v1/me/basket): each book with its title, a quantity the customer may change
 * (1–99, PUT) or remove (DELETE), the total, and the way to checkout. The basket answers product
 * ids and today's prices only, so titles come from the catalogue (GET /v1/products/{id}).
 *
 * Also the helpers the book, favourites and checkout pages share: the basket with titles, and
 * "add one more of this book".
 */
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { Notice, ProblemMessage } from '../components/feedback';
import { Money } from '../components/format';
import { Loaded, useLoad } from '../components/load';
import { Total } from '../components/order';
import { Page } from '../components/page';
import { EmptyShelf, type Product } from '../components/product';
import { Table } from '../components/table';
import { useTexts } from '../i18n';
import { Link, type PageProps } from '../router';

export interface BasketAnswer {
  readonly items: readonly { readonly productId: string; readonly quantity: number; readonly priceMinor: number }[];
  readonly totalMinor: number;
  readonly currency: string;
}

export interface BasketLine {
  readonly productId: string;
  readonly quantity: number;
  readonly priceMinor: number;
  /** The catalogue's title; undefined when the book could not be read. */
  readonly title: string | undefined;
  readonly author: string | undefined;
}

export interface TitledBasket {
  readonly lines: readonly BasketLine[];
  readonly totalMinor: number;
  readonly currency: string;
}

export const maxQuantity = 99;

/** One book of the catalogue, or undefined when it is gone (404) — other errors are thrown. */
export const productOrNothing = async (productId: string): Promise<Product | undefined> => {
  try {
    return await api.get<Product>(`/v1/products/${encodeURIComponent(productId)}`, { anonymous: true });
  } catch (error) {
    if (error instanceof ApiError && error.problem.status === 404) return undefined;
    throw error;
  }
};

/** The books named, read at once; titles already known are not read again. */
export const productsOf = async (productIds: readonly string[], known: ReadonlyMap<string, Product> = new Map()): Promise<Map<string, Product>> => {
  const found = new Map(known);
  const missing = [...new Set(productIds)].filter((id) => !found.has(id));
  const read = await Promise.all(missing.map(async (id) => [id, await productOrNothing(id)] as const));
  for (const [id, product] of read) if (product !== undefined) found.set(id, product);
  return found;
};

const withTitles = (basket: BasketAnswer, products: ReadonlyMap<string, Product>): TitledBasket => ({
  lines: basket.items.map((item) => ({ ...item, title: products.get(item.productId)?.title, author: products.get(item.productId)?.author })),
  totalMinor: basket.totalMinor,
  currency: basket.currency,
});

/** The basket with each book's title. */
export const loadTitledBasket = async (known?: ReadonlyMap<string, Product>): Promise<TitledBasket> => {
  const basket = await api.get<BasketAnswer>('/v1/me/basket');
  return withTitles(basket, await productsOf(basket.items.map((item) => item.productId), known));
};

/** Puts one more copy of the book in the basket (at most 99); answers the new quantity. */
export const addOneToBasket = async (productId: string): Promise<number> => {
  const basket = await api.get<BasketAnswer>('/v1/me/basket');
  const now = basket.items.find((item) => item.productId === productId)?.quantity ?? 0;
  const quantity = Math.min(maxQuantity, now + 1);
  await api.put<BasketAnswer>(`/v1/me/basket/items/${encodeURIComponent(productId)}`, { quantity });
  return quantity;
};

const texts = {
  ru: {
    title: 'Корзина',
    empty: 'Корзина пуста.',
    emptyHint: 'Выберите книги в каталоге: кнопка «В корзину» есть на странице каждой книги.',
    toCatalogue: 'Перейти в каталог',
    book: 'Книга',
    price: 'Цена',
    quantity: 'Количество',
    quantityOf: (title: string) => `Количество: ${title}`,
    lineTotal: 'Сумма',
    actions: 'Действия',
    update: 'Изменить',
    updateOf: (title: string) => `Изменить количество: ${title}`,
    remove: 'Убрать',
    removeOf: (title: string) => `Убрать из корзины: ${title}`,
    checkout: 'Оформить заказ',
    unknownBook: 'Книга из каталога',
    badQuantity: `Введите целое число от 1 до ${maxQuantity}.`,
    updated: (title: string, quantity: number) => `Количество изменено: «${title}» — ${quantity} шт.`,
    removed: (title: string) => `«${title}» убрана из корзины.`,
    prices: 'Цены — сегодняшние цены каталога; в заказе они фиксируются в момент оформления.',
    reminder: 'Если книги долго лежат в корзине, мы напомним о них служебным сообщением.',
    caption: 'Книги в корзине',
  },
  en: {
    title: 'Basket',
    empty: 'Your basket is empty.',
    emptyHint: 'Choose books in the catalogue: every book’s page has an “Add to basket” button.',
    toCatalogue: 'Go to the catalogue',
    book: 'Book',
    price: 'Price',
    quantity: 'Quantity',
    quantityOf: (title: string) => `Quantity of ${title}`,
    lineTotal: 'Subtotal',
    actions: 'Actions',
    update: 'Update',
    updateOf: (title: string) => `Update the quantity of ${title}`,
    remove: 'Remove',
    removeOf: (title: string) => `Remove ${title} from the basket`,
    checkout: 'Checkout',
    unknownBook: 'A book from the catalogue',
    badQuantity: `Enter a whole number from 1 to ${maxQuantity}.`,
    updated: (title: string, quantity: number) => `Quantity changed: “${title}”, ${quantity}.`,
    removed: (title: string) => `“${title}” was removed from the basket.`,
    prices: 'Prices are today’s catalogue prices; an order keeps the prices of the moment it is placed.',
    reminder: 'If books stay in the basket for a long time, we send you a service message to remind you.',
    caption: 'Books in the basket',
  },
};

const QuantityCell = ({ line, label, busy, onSet }: { line: BasketLine; label: string; busy: boolean; onSet: (quantity: number) => Promise<void> }) => {
  const t = useTexts(texts);
  const [value, setValue] = useState(String(line.quantity));
  const [error, setError] = useState<string | undefined>(undefined);
  const id = `quantity-${line.productId}`;
  const submit = async (event: Event) => {
    event.preventDefault();
    const quantity = Number(value.trim());
    if (!/^\d+$/.test(value.trim()) || quantity < 1 || quantity > maxQuantity) {
      setError(t.badQuantity);
      return;
    }
    setError(undefined);
    await onSet(quantity);
  };
  return (
    <form class="quantity" onSubmit={submit} noValidate>
      <label for={id} class="visually-hidden">
        {t.quantityOf(label)}
      </label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={1}
        max={maxQuantity}
        step={1}
        value={value}
        aria-invalid={error === undefined ? undefined : true}
        aria-describedby={error === undefined ? undefined : `${id}-error`}
        onInput={(event) => setValue((event.currentTarget as HTMLInputElement).value)}
      />
      <button type="submit" class="button button--secondary button--small" disabled={busy} aria-label={t.updateOf(label)}>
        {t.update}
      </button>
      {error !== undefined && (
        <p id={`${id}-error`} class="field__error quantity__error">
          {error}
        </p>
      )}
    </form>
  );
};

export const Basket = (_props: PageProps) => {
  const t = useTexts(texts);
  const basket = useLoad(() => loadTitledBasket(), []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [done, setDone] = useState<string | undefined>(undefined);

  const change = async (line: BasketLine, quantity: number | 'remove') => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    const label = line.title ?? t.unknownBook;
    try {
      const path = `/v1/me/basket/items/${encodeURIComponent(line.productId)}`;
      const answer = quantity === 'remove' ? await api.delete<BasketAnswer>(path) : await api.put<BasketAnswer>(path, { quantity });
      const known = new Map<string, Product>();
      for (const l of basket.data?.lines ?? []) {
        if (l.title !== undefined) known.set(l.productId, { productId: l.productId, title: l.title, author: l.author ?? '', priceMinor: l.priceMinor, currency: 'RUB' });
      }
      basket.replace(withTitles(answer, await productsOf(answer.items.map((item) => item.productId), known)));
      setDone(quantity === 'remove' ? t.removed(label) : t.updated(label, quantity));
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t.title} wide>
      <div aria-live="polite">{done !== undefined && <Notice kind="success">{done}</Notice>}</div>
      {error !== undefined && <ProblemMessage error={error} />}
      <Loaded state={basket}>
        {(data) =>
          data.lines.length === 0 ? (
            <EmptyShelf text={t.empty} hint={t.emptyHint} />
          ) : (
            <>
              <Table caption={t.caption} class="basket" columns={[t.book, t.price, t.quantity, t.lineTotal, { label: t.actions, hidden: true }]}>
                {data.lines.map((line) => {
                  const label = line.title ?? t.unknownBook;
                  return (
                    <tr key={line.productId}>
                      <td data-label={t.book}>
                        <Link href={`/books/${encodeURIComponent(line.productId)}`}>{label}</Link>
                        {line.author !== undefined && <div class="muted">{line.author}</div>}
                      </td>
                      <td data-label={t.price}>
                        <Money minor={line.priceMinor} currency={data.currency} />
                      </td>
                      <td data-label={t.quantity}>
                        <QuantityCell key={`${line.productId}-${line.quantity}`} line={line} label={label} busy={busy} onSet={(quantity) => change(line, quantity)} />
                      </td>
                      <td data-label={t.lineTotal}>
                        <Money minor={line.priceMinor * line.quantity} currency={data.currency} />
                      </td>
                      <td>
                        <button type="button" class="button button--secondary button--small" disabled={busy} aria-label={t.removeOf(label)} onClick={() => change(line, 'remove')}>
                          {t.remove}
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </Table>
              <Total minor={data.totalMinor} currency={data.currency} />
              <p class="muted">{t.prices}</p>
              <p class="muted">{t.reminder}</p>
              <div class="actions">
                <Link href="/checkout" class="button">
                  {t.checkout}
                </Link>
                <Link href="/">{t.toCatalogue}</Link>
              </div>
            </>
          )
        }
      </Loaded>
    </Page>
  );
};
