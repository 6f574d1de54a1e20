/**
 * The cookie notice. folio sets only the strictly necessary cookies of system/cookies.ts, so
 * there is nothing to consent to: the notice says which there are and why, and that a Global
 * Privacy Control signal (`navigator.globalPrivacyControl`, sent as `Sec-GPC: 1`) is respected.
 * With GPC on, the pages send no page-view events at all (analytics.ts), and the API records
 * none from a request that carries the header. Closing the notice sets `folio_notice`.
 */
import { useState } from 'preact/hooks';
import { cookies } from '../../system/cookies';
import { readCookie, setCookie } from './cookies';
import { useLang, useTexts } from './i18n';
import { Link } from './router';
import { globalPrivacyControl } from './analytics';

const texts = {
  ru: {
    title: 'О файлах cookie',
    body: 'Мы используем только необходимые файлы cookie. В них нет ваших персональных данных, и мы не используем cookie для рекламы или аналитики.',
    gpc: 'Ваш браузер передаёт сигнал Global Privacy Control: мы его соблюдаем и не собираем даже обезличенную статистику посещений.',
    list: 'Какие cookie и зачем',
    policy: 'Политика конфиденциальности',
    close: 'Понятно',
  },
  en: {
    title: 'About cookies',
    body: 'We use strictly necessary cookies only. They hold no personal data, and we use no cookies for advertising or analytics.',
    gpc: 'Your browser sends a Global Privacy Control signal: we respect it and do not collect even impersonal visit statistics.',
    list: 'Which cookies and why',
    policy: 'Privacy policy',
    close: 'Got it',
  },
};

export const CookieNotice = () => {
  const t = useTexts(texts);
  const lang = useLang();
  const [open, setOpen] = useState(readCookie('folio_notice') !== 'seen');
  if (!open) return null;
  return (
    <aside class="cookie-notice" aria-labelledby="cookie-notice-title">
      <h2 id="cookie-notice-title">{t.title}</h2>
      <p>{t.body}</p>
      {globalPrivacyControl() && <p class="cookie-notice__gpc">{t.gpc}</p>}
      <details>
        <summary>{t.list}</summary>
        <ul>
          {cookies.map((cookie) => (
            <li key={cookie.name}>
              <code>{cookie.name}</code>: {cookie.purpose[lang]}
            </li>
          ))}
        </ul>
      </details>
      <p class="cookie-notice__actions">
        <Link href="/privacy">{t.policy}</Link>
        <button
          type="button"
          class="button"
          onClick={() => {
            setCookie('folio_notice', 'seen');
            setOpen(false);
          }}
        >
          {t.close}
        </button>
      </p>
    </aside>
  );
};
