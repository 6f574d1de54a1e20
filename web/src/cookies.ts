/**
 * The only cookies the pages set, each registered in system/cookies.ts with what it may hold.
 * `setCookie` refuses a name or value the registry does not allow, so a page cannot set a
 * cookie nobody reviewed (test/web/pages-logic.test.ts).
 */
import { cookies } from '../../system/cookies';

export const readCookie = (name: string): string | undefined =>
  document.cookie
    .split(';')
    .map((pair) => pair.trim().split('='))
    .find(([key]) => key === name)?.[1];

export const setCookie = (name: string, value: string): void => {
  const definition = cookies.find((cookie) => cookie.name === name);
  if (definition === undefined || !definition.valuePattern.test(value)) throw new Error(`cookie ${name} is not in the registry`);
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = `${name}=${value}; Path=/; Max-Age=${definition.maxAgeSeconds}; SameSite=Lax${secure}`;
};
