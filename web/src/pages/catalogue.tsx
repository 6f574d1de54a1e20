/** The catalogue: every book, a page at a time (GET /v1/products). */
import { api, type Page as ApiPage } from '../api';
import { Loaded, useLoad } from '../components/load';
import { Page } from '../components/page';
import { type Product, ProductCard } from '../components/product';
import { useTexts } from '../i18n';
import { Link, navigate, type PageProps } from '../router';

const texts = {
  ru: { title: 'Каталог', empty: 'В каталоге пока нет книг.', next: 'Следующая страница', first: 'В начало' },
  en: { title: 'Catalogue', empty: 'There are no books in the catalogue yet.', next: 'Next page', first: 'Back to the start' },
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
                  <ProductCard key={product.productId} product={product} />
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
