/**
 * The service-message templates in Russian and English: every SMS fits two parts with the
 * longest values it can be given, HTML escapes what it inserts, amounts read in roubles, and the
 * account and privacy notices keep the facts (and, in English, the wording) they had.
 */
import { describe, expect, it } from 'vitest';
import { notices } from '../../lambdas/domain/messaging/account-notices';
import { privacyNotices } from '../../lambdas/domain/messaging/privacy-notices';
import { escapeHtml } from '../../lambdas/domain/messaging/templates/html';
import { bookCount, formatRoubles, type Locale, localeFromAcceptLanguage, localeOf, locales } from '../../lambdas/domain/messaging/templates/locale';
import {
  announcedStatuses,
  basketReminder,
  loyaltyTierAssigned,
  orderPlaced,
  orderStatusChanged,
  priceDrop,
  type ServiceContent,
} from '../../lambdas/domain/messaging/templates/service';
import { maxSmsParts, smsLength } from '../../lambdas/domain/messaging/templates/sms';
import { loyaltyTiers } from '../../lambdas/domain/loyalty/tiers';

/** The longest order id the API accepts (system/schemas/shop.ts orderIdSchema: 64 characters). */
const longestOrderId = 'Z'.repeat(64);
/** The most a single order can plausibly total: 99,999,999.99 roubles. */
const largestTotal = 9_999_999_999;
const mostCopies = 99_999;

/** Every SMS text the templates can produce, with the worst-case values put in. */
const everySms = (locale: Locale): { name: string; text: string }[] => {
  const contents: { name: string; content: ServiceContent }[] = [
    { name: 'order placed', content: orderPlaced(locale, { orderId: longestOrderId, itemCount: mostCopies, totalMinor: largestTotal }) },
    // "1 книга", "2 книги", "5 книг" differ in length: try each form.
    ...[1, 2, 5, 11, 21, 99_991, 99_992].map((itemCount) => ({
      name: `order placed (${itemCount})`,
      content: orderPlaced(locale, { orderId: longestOrderId, itemCount, totalMinor: largestTotal - 1 }),
    })),
    ...announcedStatuses.map((to) => ({ name: `status ${to}`, content: orderStatusChanged(locale, { orderId: longestOrderId, to }) })),
    ...[...loyaltyTiers.map((t) => t.name), 'x'.repeat(20)].map((tier) => ({ name: `tier ${tier}`, content: loyaltyTierAssigned(locale, { tier }) })),
  ];
  return [
    ...contents.map(({ name, content }) => ({ name, text: content.sms ?? '' })),
    { name: 'password reset forced', text: notices.passwordResetForcedSms(locale).text },
  ];
};

describe('SMS length', () => {
  it('counts GSM-7 in 160 / 153 and UCS-2 in 70 / 67', () => {
    expect(smsLength('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, parts: 1 });
    expect(smsLength('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, parts: 2 });
    expect(smsLength('a'.repeat(306)).parts).toBe(2);
    expect(smsLength('a'.repeat(307)).parts).toBe(3);
    // Extension characters take two septets.
    expect(smsLength('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, parts: 1 });
    expect(smsLength(`${'a'.repeat(159)}€`).parts).toBe(2);
    // One character outside the alphabet makes the whole text UCS-2.
    expect(smsLength('я'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, parts: 1 });
    expect(smsLength('я'.repeat(71)).parts).toBe(2);
    expect(smsLength(`${'a'.repeat(134)}`).encoding).toBe('GSM-7');
    expect(smsLength(`${'a'.repeat(133)}₽`)).toEqual({ encoding: 'UCS-2', units: 134, parts: 2 });
    expect(smsLength(`${'a'.repeat(134)}₽`).parts).toBe(3);
  });

  for (const locale of locales) {
    it(`keeps every ${locale} SMS within ${maxSmsParts} parts with the longest values`, () => {
      for (const { name, text } of everySms(locale)) {
        expect(text.length, name).toBeGreaterThan(0);
        expect(smsLength(text).parts, `${name}: ${text}`).toBeLessThanOrEqual(maxSmsParts);
      }
    });
  }

  it('sends English SMS in the GSM alphabet and Russian ones in UCS-2', () => {
    for (const { name, text } of everySms('en')) expect(smsLength(text).encoding, name).toBe('GSM-7');
    for (const { name, text } of everySms('ru')) expect(smsLength(text).encoding, name).toBe('UCS-2');
  });
});

describe('email HTML', () => {
  it('escapes every inserted value: a title with a script stays text', () => {
    const title = '<script>alert("x")</script> & "Friends"';
    for (const locale of locales) {
      const { email, push } = priceDrop(locale, { title, oldPriceMinor: 50_000, newPriceMinor: 39_900 });
      expect(email.html).not.toContain('<script>');
      expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Friends&quot;');
      // The plain text and the push are not HTML: they keep the title as it is.
      expect(email.text).toContain(title);
      expect(push.body).toContain('<script>');
    }
    expect(escapeHtml(`<a href='x'>&</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('is a whole document in the right language, with the subject as title and heading', () => {
    const ru = orderPlaced('ru', { orderId: 'ord-1', itemCount: 3, totalMinor: 123_450 }).email;
    expect(ru.html).toMatch(/^<!DOCTYPE html>/);
    expect(ru.html).toContain('<html lang="ru">');
    expect(ru.html).toContain(`<title>${ru.subject}</title>`);
    expect(ru.html).toContain(`<h1 style="margin:0 0 16px 0;font-size:22px;line-height:1.3">${ru.subject}</h1>`);
    expect(orderPlaced('en', { orderId: 'ord-1', itemCount: 3, totalMinor: 123_450 }).email.html).toContain('<html lang="en">');
  });

  it('gives the account and privacy notices an HTML part with the same words', () => {
    for (const locale of locales) {
      const notice = notices.accountClosed(locale, true);
      const firstLine = notice.text.split('\n')[0] ?? '';
      expect(notice.html).toContain(escapeHtml(firstLine));
      const received = privacyNotices.received(locale, 'req-1', 'access', '2026-03-02T20:59:59.999Z');
      expect(received.html).toContain('req-1');
      expect(received.text).toContain('2026-03-02');
    }
  });
});

describe('the messages in Russian and English', () => {
  it('formats amounts in roubles', () => {
    expect(formatRoubles(123_450, 'ru')).toBe('1 234,50 ₽');
    expect(formatRoubles(45_000, 'ru')).toBe('450 ₽');
    expect(formatRoubles(123_450, 'en')).toBe('RUB 1,234.50');
    expect(formatRoubles(45_000, 'en')).toBe('RUB 450');
    expect(formatRoubles(9_999_999_999, 'ru')).toBe('99 999 999,99 ₽');
  });

  it('counts books with Russian plural forms', () => {
    expect([1, 2, 5, 11, 21, 22, 25, 111].map((n) => bookCount(n, 'ru'))).toEqual([
      '1 книга', '2 книги', '5 книг', '11 книг', '21 книга', '22 книги', '25 книг', '111 книг',
    ]);
    expect([1, 2].map((n) => bookCount(n, 'en'))).toEqual(['1 book', '2 books']);
  });

  it('says each order status in both languages', () => {
    const subjects = { ru: new Set<string>(), en: new Set<string>() };
    for (const to of announcedStatuses) {
      for (const locale of locales) {
        const content = orderStatusChanged(locale, { orderId: 'abcdefghXYZ', to });
        subjects[locale].add(content.email.subject);
        expect(content.email.text).toContain('abcdefghXYZ');
        expect(content.sms).toContain('abcdefgh');
        expect(content.push.body).toContain('abcdefgh');
        expect(content.push.title.length).toBeLessThanOrEqual(40);
      }
    }
    expect(subjects.ru.size).toBe(announcedStatuses.length);
    expect(subjects.en.size).toBe(announcedStatuses.length);
    expect(orderStatusChanged('en', { orderId: 'o', to: 'SHIPPED' }).email.subject).toMatch(/on its way/);
    expect(orderStatusChanged('ru', { orderId: 'o', to: 'SHIPPED' }).email.subject).toMatch(/отправлен/);
    expect(orderStatusChanged('ru', { orderId: 'o', to: 'CANCELLED' }).email.subject).toMatch(/отменён/);
  });

  it('writes Russian in Cyrillic and English without it', () => {
    const cyrillic = /[а-яё]/i;
    const all = (locale: Locale) => [
      orderPlaced(locale, { orderId: 'o', itemCount: 2, totalMinor: 100 }),
      basketReminder(locale, { itemCount: 2 }),
      priceDrop(locale, { title: 'Emma', oldPriceMinor: 200, newPriceMinor: 100 }),
      loyaltyTierAssigned(locale, { tier: 'gold' }),
      ...announcedStatuses.map((to) => orderStatusChanged(locale, { orderId: 'o', to })),
    ];
    for (const content of all('ru')) {
      expect(content.email.subject).toMatch(cyrillic);
      expect(content.push.title).toMatch(cyrillic);
    }
    for (const content of all('en')) {
      expect(`${content.email.subject} ${content.email.text} ${content.push.title} ${content.push.body} ${content.sms ?? ''}`).not.toMatch(cyrillic);
    }
  });

  it('tells the old and the new price of a favourite, and the tier by name', () => {
    const ru = priceDrop('ru', { title: 'Анна Каренина', oldPriceMinor: 59_000, newPriceMinor: 45_050 });
    expect(ru.email.text).toContain('450,50 ₽');
    expect(ru.email.text).toContain('590 ₽');
    const en = priceDrop('en', { title: 'Emma', oldPriceMinor: 59_000, newPriceMinor: 45_050 });
    expect(en.email.text).toContain('now costs RUB 450.50 instead of RUB 590');
    expect(loyaltyTierAssigned('ru', { tier: 'gold' }).email.subject).toContain('Золотой');
    expect(loyaltyTierAssigned('en', { tier: 'silver' }).sms).toContain('Silver');
  });

  it('keeps the English wording of the account notices and puts them in Russian too', () => {
    expect(notices.registrationAttempt('en').subject).toBe('Someone tried to register with your email at imobook.ru');
    expect(notices.passwordChanged('en').subject).toBe('Your imobook.ru password was changed');
    expect(notices.passwordResetForced('en').text).toMatch(/Forgot password/);
    expect(notices.passwordResetForcedSms('en').text).toMatch(/Forgot password/);
    expect(notices.accountClosed('en', true).text).toMatch(/destroyed/);
    expect(notices.accountClosed('en', false).text).toMatch(/does not withdraw your consent/);
    expect(notices.registrationAttempt('ru').subject).toMatch(/зарегистрироваться/);
    expect(notices.passwordResetForced('ru').text).toMatch(/Забыли пароль/);
    expect(notices.accountClosed('ru', true).text).toMatch(/уничтожены/);
    expect(notices.accountClosed('ru', false).text).toMatch(/не отзывает согласие/);
    expect(privacyNotices.rejected('ru', 'r-1', 'block', 'причина').text).toMatch(/Роскомнадзор/);
    expect(privacyNotices.extended('en', 'r-1', 'access', '2026-03-02T20:59:59.999Z', 'why').text).toMatch(/one extension/);
  });

  it('never carries a password, code or token', () => {
    const texts = locales.flatMap((locale) => [
      ...Object.values(notices).map((make) => {
        const notice = (make as (l: Locale, b: boolean) => { subject?: string; text: string })(locale, true);
        return `${notice.subject ?? ''}\n${notice.text}`;
      }),
    ]);
    for (const text of texts) expect(text).not.toMatch(/\b\d{6}\b|token|Bearer/i);
  });
});

describe('locale', () => {
  it('takes the first of ru and en from Accept-Language by preference', () => {
    expect(localeFromAcceptLanguage(undefined)).toBeUndefined();
    expect(localeFromAcceptLanguage('de-DE, fr')).toBeUndefined();
    expect(localeFromAcceptLanguage('en')).toBe('en');
    expect(localeFromAcceptLanguage('en-GB,en;q=0.9,ru;q=0.8')).toBe('en');
    expect(localeFromAcceptLanguage('ru-RU,ru;q=0.9,en-US;q=0.8')).toBe('ru');
    expect(localeFromAcceptLanguage('de, en;q=0.5, ru;q=0.7')).toBe('ru');
    expect(localeFromAcceptLanguage('ru;q=0, en')).toBe('en');
    expect(localeFromAcceptLanguage('*')).toBeUndefined();
  });

  it('reads a record without a locale as Russian', () => {
    expect(localeOf({})).toBe('ru');
    expect(localeOf({ locale: 'en' })).toBe('en');
    expect(localeOf(undefined)).toBe('ru');
  });
});
