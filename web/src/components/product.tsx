/** Books as cards (catalogue, recommendations, favourites), and what an empty shelf says. */
import type { ComponentChildren } from 'preact';
import { useTexts } from '../i18n';
import { Link } from '../router';
import { Money } from './format';

/** One book of the catalogue (GET /v1/products/{id}). */
export interface Product {
  readonly productId: string;
  readonly title: string;
  readonly author: string;
  readonly priceMinor: number;
  readonly currency: string;
}

const texts = {
  ru: { by: 'Автор', toCatalogue: 'Перейти в каталог' },
  en: { by: 'Author', toCatalogue: 'Go to the catalogue' },
};

/**
 * A book as a card in a `<ul class="cards">`: its title linking to its page, author and price,
 * then the children (a date, buttons). A book gone from the catalogue (`product` undefined)
 * shows only `goneTitle`, unlinked.
 */
export const ProductCard = ({ product, goneTitle, children }: { product: Product | undefined; goneTitle?: string; children?: ComponentChildren }) => {
  const t = useTexts(texts);
  return (
    <li class="card">
      <h2 class="card__title">{product === undefined ? goneTitle : <Link href={`/books/${encodeURIComponent(product.productId)}`}>{product.title}</Link>}</h2>
      {product !== undefined && (
        <>
          <p class="card__meta">
            <span class="visually-hidden">{t.by}: </span>
            {product.author}
          </p>
          <p class="card__price">
            <Money minor={product.priceMinor} currency={product.currency} />
          </p>
        </>
      )}
      {children}
    </li>
  );
};

/** An empty list explained: what is missing, what to do, and the way to the catalogue. */
export const EmptyShelf = ({ text, hint }: { text: string; hint?: string }) => {
  const t = useTexts(texts);
  return (
    <>
      <p>{text}</p>
      {hint !== undefined && <p>{hint}</p>}
      <p>
        <Link href="/" class="button">
          {t.toCatalogue}
        </Link>
      </p>
    </>
  );
};
