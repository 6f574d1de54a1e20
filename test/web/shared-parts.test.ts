/**
 * The parts the web pages share (web/src/components, web/src/privacy.ts): the words and rules
 * several pages and the console now take from one place.
 */
import { describe, expect, it } from 'vitest';

// The modules read `window` and `document` when loaded; a minimal stand-in is enough here.
Object.assign(globalThis, {
  window: { location: { pathname: '/', search: '', origin: 'http://127.0.0.1' }, addEventListener: () => undefined },
  location: { protocol: 'https:' },
  navigator: { language: 'en-GB', languages: ['en-GB'] },
  document: { cookie: '' },
});

const { addressLine, countryName, orderStatuses, orderStatusWords } = await import('../../web/src/components/order');
const { codeAsSent, passwordProblem } = await import('../../web/src/components/account-fields');
const { isPurpose, purposes, purposeWords, requestStatuses, requestStatusWords } = await import('../../web/src/privacy');

describe('orders', () => {
  it('writes an address on one line, postal code first, the country by name, empty parts left out', () => {
    const delivery = { country: 'RU', region: '', city: 'Moscow', street: 'Tverskaya', building: '7', postalCode: '125009' };
    expect(addressLine(delivery, 'en')).toBe(`125009, ${countryName('RU', 'en')}, Moscow, Tverskaya, 7`);
    expect(countryName('RU', 'en')).not.toBe('RU');
  });

  it('names every order status in both languages', () => {
    for (const lang of ['ru', 'en'] as const) for (const status of orderStatuses) expect(orderStatusWords[lang][status]).toMatch(/\S/);
  });
});

describe('privacy words', () => {
  it('names every purpose and request status in both languages, and knows a purpose from anything else', () => {
    for (const lang of ['ru', 'en'] as const) {
      for (const purpose of purposes) expect(purposeWords[lang][purpose]).toMatch(/\S/);
      for (const status of requestStatuses) expect(requestStatusWords[lang][status]).toMatch(/\S/);
    }
    expect(isPurpose('advertising')).toBe(true);
    expect(isPurpose('toString')).toBe(false);
    expect(isPurpose(undefined)).toBe(false);
  });
});

describe('account fields', () => {
  it('sends the emailed code without the spaces people type', () => {
    expect(codeAsSent(' 123 456 ')).toBe('123456');
  });

  it('says what a weak new password lacks, in either language, and nothing for a strong one', () => {
    expect(passwordProblem('Str0ng!Passw0rd', 'en')).toBeUndefined();
    expect(passwordProblem('weakpassword', 'en')).toMatch(/^The password .*upper-case/);
    expect(passwordProblem('weakpassword', 'ru')).toMatch(/^Пароль: /);
  });
});
