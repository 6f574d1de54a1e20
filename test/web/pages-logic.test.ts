/**
 * The web pages' logic that needs no browser: field messages in Russian, which page a path
 * shows, where sign-in may send a visitor, and the cookie registry's hold on `setCookie`.
 */
import { beforeEach, describe, expect, it } from 'vitest';

// The modules read `window` and `document` when loaded; a minimal stand-in is enough here.
const cookieJar: string[] = [];
Object.assign(globalThis, {
  window: { location: { pathname: '/', search: '', origin: 'http://127.0.0.1' }, addEventListener: () => undefined },
  location: { protocol: 'https:' },
  document: {
    get cookie() {
      return cookieJar.map((c) => c.split(';')[0]).join('; ');
    },
    set cookie(value: string) {
      cookieJar.push(value);
    },
  },
});

const { fieldMessage } = await import('../../web/src/errors');
const { matchRoute } = await import('../../web/src/router');
const { routes } = await import('../../web/src/routes');
const { safeNext } = await import('../../web/src/pages/sign-in');
const { setCookie, readCookie } = await import('../../web/src/cookies');

describe('field messages', () => {
  it('words the API messages in Russian, the specific before the general', () => {
    expect(fieldMessage('must be six digits (a Russian postal code)', 'ru')).toBe('введите почтовый индекс из шести цифр');
    expect(fieldMessage('must contain a digit', 'ru')).toBe('нужна цифра');
    expect(fieldMessage('must be at least 12 characters long', 'ru')).toBe('не короче 12 символов');
    expect(fieldMessage('at most 100 characters; please shorten it', 'ru')).toBe('не длиннее 100 символов');
    expect(fieldMessage('must not be empty', 'ru')).toBe('заполните это поле');
    expect(fieldMessage('is not the current password', 'ru')).toBe('это не ваш текущий пароль');
    expect(fieldMessage('must be a phone number in E.164 form', 'ru')).toContain('+79161234567');
  });

  it('keeps English as the API wrote it, and an unknown Russian case as it is', () => {
    expect(fieldMessage('must contain a digit', 'en')).toBe('must contain a digit');
    expect(fieldMessage('something new', 'ru')).toBe('something new');
  });
});

describe('pages by path', () => {
  it('matches parameters, decodes them, and sends every other path to the not-found page', () => {
    const book = matchRoute(routes, '/books/war%20and%20peace');
    expect(book?.route.path).toBe('/books/:productId');
    expect(book?.params).toEqual({ productId: 'war and peace' });
    expect(matchRoute(routes, '/account/privacy/r-1')?.params).toEqual({ requestId: 'r-1' });
    expect(matchRoute(routes, '/console')?.route.access).toBe('operator');
    expect(matchRoute(routes, '/orders/')?.route.path).toBe('/orders');
    expect(matchRoute(routes, '/no/such/page')?.route.path).toBe('*');
  });

  it('guards every account and console page', () => {
    for (const route of routes) {
      if (route.path.startsWith('/account') || route.path.startsWith('/orders') || ['/basket', '/favorites', '/checkout', '/recommendations'].includes(route.path)) {
        expect(route.access, route.path).toBe('customer');
      }
      if (route.path.startsWith('/console')) expect(route.access, route.path).toBe('operator');
    }
  });
});

describe('where sign-in may send a visitor', () => {
  it('goes only to a path of this site', () => {
    expect(safeNext('/orders?cursor=x')).toBe('/orders?cursor=x');
    expect(safeNext('//evil.example/')).toBe('/account');
    expect(safeNext('https://evil.example/')).toBe('/account');
    expect(safeNext('/\\evil.example')).toBe('/account');
    expect(safeNext('/a\\b')).toBe('/account');
    expect(safeNext(null)).toBe('/account');
  });
});

describe('cookies', () => {
  beforeEach(() => cookieJar.splice(0));

  it('sets a registered cookie with its lifetime, SameSite and Secure on https', () => {
    setCookie('folio_lang', 'en');
    expect(cookieJar).toEqual(['folio_lang=en; Path=/; Max-Age=31536000; SameSite=Lax; Secure']);
    expect(readCookie('folio_lang')).toBe('en');
  });

  it('refuses a cookie the registry does not hold, or a value it does not allow', () => {
    expect(() => setCookie('session', 'abc')).toThrow(/not in the registry/);
    expect(() => setCookie('folio_lang', 'anna@example.com')).toThrow(/not in the registry/);
    expect(cookieJar).toEqual([]);
  });
});
