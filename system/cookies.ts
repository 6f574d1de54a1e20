/**
 * The cookies folio may set (privacy policy 1.3.1 and 2.5): the registry every response is held
 * to. The API sets none: it is called with bearer tokens in the Authorization header, and a
 * cookie a client sends is neither read nor sent back (test/integration/cookies.test.ts calls
 * every route and checks). The web pages (web/) set the two below from script, only when the
 * visitor makes the choice they remember, and the cookie notice lists them from here.
 *
 * The rule for an entry: a cookie carries no personal or confidential data. Its value is random
 * (a CSRF nonce) or one of fixed choices (a language), never an email, a name, a customer id, a
 * token or anything derived from them; `valuePattern` states the whole of what it may hold, and
 * `maxAgeSeconds` how long a browser keeps it. A cookie that is not strictly necessary for a
 * service the visitor asked for would need consent first, and has no place here until it does.
 */

export interface CookieDefinition {
  /** The cookie's name as sent in Set-Cookie. */
  readonly name: string;
  /** Why folio sets it, in words a visitor understands, in both of the pages' languages. */
  readonly purpose: { readonly ru: string; readonly en: string };
  /** How long a browser keeps it; 0 for a session cookie. */
  readonly maxAgeSeconds: number;
  /** Everything the value may be: random, or one of fixed choices; never personal data. */
  readonly valuePattern: RegExp;
}

const year = 365 * 24 * 60 * 60;

/**
 * Both are strictly necessary for something the visitor asked for: the language they chose,
 * and not showing again the notice they closed. Neither identifies anyone; neither is sent
 * anywhere but folio's own pages, and the API ignores them. No analytics or advertising cookie
 * exists: site statistics are kept without cookies (system/schemas/analytics.ts).
 */
export const cookies: readonly CookieDefinition[] = [
  {
    name: 'folio_lang',
    purpose: { ru: 'Запоминает выбранный вами язык страниц.', en: 'Remembers the language you chose for the pages.' },
    maxAgeSeconds: year,
    valuePattern: /^(ru|en)$/,
  },
  {
    name: 'folio_notice',
    purpose: { ru: 'Запоминает, что вы закрыли это уведомление.', en: 'Remembers that you closed this notice.' },
    maxAgeSeconds: year,
    valuePattern: /^seen$/,
  },
];

export const cookieNames: readonly string[] = cookies.map((cookie) => cookie.name);

/** Whether a Set-Cookie header value sets a registered cookie with a value the registry allows. */
export const isRegisteredCookie = (setCookie: string): boolean => {
  const [pair = ''] = setCookie.split(';');
  const at = pair.indexOf('=');
  if (at <= 0) return false;
  const name = pair.slice(0, at).trim();
  const value = pair.slice(at + 1).trim();
  const definition = cookies.find((cookie) => cookie.name === name);
  return definition !== undefined && definition.valuePattern.test(value);
};
