/** The catalogue: every book, a page at a time (GET /v1/products). */
import { api, type Page as ApiPage } from '../api';
import { Money } from '../components/format';
import { Loaded, useLoad } from '../components/load';
import { Page } from '../components/page';
import { useTexts } from '../i18n';
import { Link, navigate, type PageProps } from '../router';

export interface Product {
  readonly productId: string;
  readonly title: string;
  readonly author: string;
  readonly priceMinor: number;
  readonly currency: string;
}

const texts = {
  ru: { title: 'Каталог', empty: 'В каталоге пока нет книг.', next: 'Следующая страница', first: 'В начало', by: 'Автор' },
  en: { title: 'Catalogue', empty: 'There are no books in the catalogue yet.', next: 'Next page', first: 'Back to the start', by: 'Author' },
};

export const Catalogue = ({ query }: PageProps) => {
  const t = useTexts(texts);
  const cursor = query.get('cursor');
  const products = useLoad(
    () => api.get<ApiPage<Product>>(`/v1/products?limit=24${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`, { anonymous: true }),
    [cursor],
  );
  return (
    <Page title={t.title} wide>
      <Loaded state={products}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t.empty}</p>
          ) : (
            <>
              <ul class="cards" aria-label={t.title}>
                {page.items.map((product) => (
                  <li key={product.productId} class="card">
                    <h2 class="card__title">
                      <Link href={`/books/${encodeURIComponent(product.productId)}`}>{product.title}</Link>
                    </h2>
                    <p class="card__meta">
                      <span class="visually-hidden">{t.by}: </span>
                      {product.author}
                    </p>
                    <p class="card__price">
                      <Money minor={product.priceMinor} currency={product.currency} />
                    </p>
                  </li>
                ))}
              </ul>
              <nav class="pager" aria-label={t.title}>
                {cursor !== null && <Link href="/">{t.first}</Link>}
                {page.nextCursor !== null && (
                  <button type="button" class="button button--secondary" onClick={() => navigate(`/?cursor=${encodeURIComponent(page.nextCursor ?? '')}`)}>
                    {t.next}
                  </button>
                )}
              </nav>
            </>
          )
        }
      </Loaded>
    </Page>
  );
};
