/**
 * Russian and English. Every page keeps its own words beside its markup:
 *
 *   const texts = { ru: { title: 'Заказы' }, en: { title: 'Orders' } } satisfies Texts;
 *   const t = useTexts(texts);   // t.title
 *
 * The language is the visitor's choice (the switch in the header, kept in the `folio_lang`
 * cookie of system/cookies.ts), else the browser's, else Russian.
 */
import { setCookie, readCookie } from './cookies';
import { createStore, useStore } from './store';

export type Lang = 'ru' | 'en';
export const langs: readonly Lang[] = ['ru', 'en'];

/** A page's words: the same keys in both languages (the type checks it). */
export type Texts<T = Record<string, unknown>> = { readonly ru: T; readonly en: T };

const initialLang = (): Lang => {
  const chosen = readCookie('folio_lang');
  if (chosen === 'ru' || chosen === 'en') return chosen;
  return navigator.languages.some((l) => l.toLowerCase().startsWith('ru')) || !navigator.language.toLowerCase().startsWith('en') ? 'ru' : 'en';
};

export const language = createStore<Lang>('ru');

export const startLanguage = (): void => {
  language.set(initialLang());
  document.documentElement.lang = language.get();
  language.subscribe((lang) => {
    document.documentElement.lang = lang;
  });
};

export const chooseLanguage = (lang: Lang): void => {
  setCookie('folio_lang', lang);
  language.set(lang);
};

export const useLang = (): Lang => useStore(language);

export const useTexts = <T>(texts: Texts<T>): T => texts[useLang()];

const locales: Record<Lang, string> = { ru: 'ru-RU', en: 'en-GB' };

/** Money in minor units (kopecks) as the visitor reads it. */
export const formatMoney = (minor: number, currency: string, lang: Lang): string =>
  new Intl.NumberFormat(locales[lang], { style: 'currency', currency }).format(minor / 100);

/** An ISO time as a date (and time) in the visitor's time zone. */
export const formatDate = (iso: string, lang: Lang, withTime = false): string =>
  new Intl.DateTimeFormat(locales[lang], withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'long' }).format(new Date(iso));
