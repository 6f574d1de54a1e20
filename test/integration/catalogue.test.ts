import { describe, expect, it } from 'vitest';
import { call, problemContentType } from '../support/api';

interface Product {
  productId: string;
  title: string;
  author: string;
  priceMinor: number;
  currency: string;
}
interface Page {
  items: Product[];
  nextCursor: string | null;
}

describe('the catalogue', () => {
  it('lists at least 50 books in title order, page by page, each once', async () => {
    const seen: Product[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=7&cursor=${encodeURIComponent(cursor)}` : '?limit=7';
      const page = await call<Page>('GET', `/v1/products${query}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(7);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 50);
    expect(seen.length).toBeGreaterThanOrEqual(50);
    expect(new Set(seen.map((p) => p.productId)).size).toBe(seen.length);
    const titles = seen.map((p) => p.title.toLowerCase().replace(/[^\p{L}\p{N} ]/gu, ''));
    expect(titles).toEqual([...titles].sort());
    for (const p of seen) {
      expect(p.currency).toBe('RUB');
      expect(Number.isInteger(p.priceMinor)).toBe(true);
      expect(Object.keys(p).sort()).toEqual(['author', 'currency', 'priceMinor', 'productId', 'title']);
    }
  });

  it('pages 20 books by default and at most 100', async () => {
    expect((await call<Page>('GET', '/v1/products')).body.items).toHaveLength(20);
    expect((await call<Page>('GET', '/v1/products?limit=100')).body.items.length).toBeGreaterThanOrEqual(50);
  });

  it('answers 422 naming the parameter for a bad limit or a forged cursor', async () => {
    for (const query of ['limit=0', 'limit=101', 'limit=abc', 'cursor=bm90LWEtY3Vyc29y']) {
      const response = await call<{ errors: { path: string }[] }>('GET', `/v1/products?${query}`);
      expect(response.status, query).toBe(422);
      expect(response.headers.get('content-type')).toMatch(problemContentType);
      expect(response.body.errors.map((e) => e.path)).toEqual([`query.${query.split('=')[0]}`]);
    }
  });

  it('shows one book, and a 404 problem for an unknown one', async () => {
    const book = await call<Product>('GET', '/v1/products/tolstoy-war-and-peace');
    expect(book.status).toBe(200);
    expect(book.body).toMatchObject({ productId: 'tolstoy-war-and-peace', author: 'Leo Tolstoy', currency: 'RUB' });
    const missing = await call<{ status: number; title: string }>('GET', '/v1/products/no-such-book');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(problemContentType);
    expect(missing.body).toMatchObject({ status: 404, title: 'Not Found' });
  });

  it('refuses a malformed product id with 422, injection and traversal strings included', async () => {
    for (const id of ['UPPER', '%2e%2e%2fetc', "x'%20OR%201=1", 'a'.repeat(100)]) {
      const response = await call<{ errors: { path: string }[] }>('GET', `/v1/products/${id}`);
      expect(response.status, id).toBe(422);
      expect(response.body.errors[0]?.path).toBe('path.productId');
    }
  });
});
