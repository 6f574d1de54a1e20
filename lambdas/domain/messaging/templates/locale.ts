/**
 * The languages service messages are written in, how a request names one, and how amounts and
 * counts read in each. A customer's `locale` (lambdas/domain/accounts/customers.ts) picks the
 * language; a record without one reads Russian, the store's language.
 */

export const locales = ['ru', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'ru';

const isLocale = (value: string): value is Locale => (locales as readonly string[]).includes(value);

/** The customer's language, or the default for a record that has none. */
export const localeOf = (holder: { readonly locale?: string | undefined } | undefined): Locale =>
  holder?.locale !== undefined && isLocale(holder.locale) ? holder.locale : defaultLocale;

/**
 * The first of ru/en in an `Accept-Language` header by the caller's preference (q-values, then
 * order); `undefined` when the header names neither. `ru-RU` counts as `ru`, `en-GB` as `en`.
 */
export const localeFromAcceptLanguage = (header: string | undefined): Locale | undefined => {
  if (header === undefined) return undefined;
  const ranked = header
    .split(',')
    .slice(0, 32)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
      return { language: tag.trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => Number.isFinite(entry.q) && entry.q > 0 && isLocale(entry.language))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.language as Locale | undefined;
};

const groupThousands = (whole: string, separator: string) => whole.replace(/\B(?=(\d{3})+(?!\d))/g, separator);

/**
 * An amount in kopecks as roubles: `1 234,50 ₽` in Russian, `RUB 1,234.50` in English (plain
 * characters, so an English SMS stays in the 160-character GSM alphabet). Whole roubles drop the
 * kopecks: `450 ₽`, `RUB 450`.
 */
export const formatRoubles = (minor: number, locale: Locale): string => {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(Math.round(minor));
  const whole = String(Math.floor(abs / 100));
  const kopecks = abs % 100;
  if (locale === 'ru') {
    const fraction = kopecks === 0 ? '' : `,${String(kopecks).padStart(2, '0')}`;
    return `${sign}${groupThousands(whole, ' ')}${fraction} ₽`;
  }
  const fraction = kopecks === 0 ? '' : `.${String(kopecks).padStart(2, '0')}`;
  return `${sign}RUB ${groupThousands(whole, ',')}${fraction}`;
};

/** Russian plural forms: one (1, 21), few (2–4, 22–24), many (5–20, 25…). */
export const russianPlural = (n: number, one: string, few: string, many: string): string => {
  const tens = Math.abs(n) % 100;
  const units = tens % 10;
  if (tens >= 11 && tens <= 14) return many;
  if (units === 1) return one;
  if (units >= 2 && units <= 4) return few;
  return many;
};

/** "3 books" / "3 книги". */
export const bookCount = (n: number, locale: Locale): string =>
  locale === 'ru' ? `${n} ${russianPlural(n, 'книга', 'книги', 'книг')}` : `${n} ${n === 1 ? 'book' : 'books'}`;
