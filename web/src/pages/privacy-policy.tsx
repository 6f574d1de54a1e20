/**
 * The privacy policy, open to everyone at /privacy: the customer's rights in plain words with
 * links to the account pages that exercise them, the cookies (system/cookies.ts), the policy's
 * text and every consent document in full (GET /v1/legal/documents), each under a heading
 * `consent-<purpose>` that the sign-up page links to.
 */
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { cookies } from '../../../system/cookies';
import { Loaded, useLoad } from '../components/load';
import { Page } from '../components/page';
import { type Lang, useLang, useTexts } from '../i18n';
import { Link, type PageProps } from '../router';
import { isPurpose, loadLegalDocuments, requiredPurpose } from '../privacy';
import { purposeTexts } from './sign-up';

const bullet = /^\s*[-•*]\s+/;

/**
 * A legal text as paragraphs and lists: each line its own paragraph, runs of lines starting
 * with "-", "•" or "*" a list. The first line is dropped when it repeats the heading.
 */
export const LegalText = ({ text, title }: { text: string; title?: string }) => {
  const lines = text.split('\n').map((line) => line.trim());
  if (title !== undefined && lines[0] === title.trim()) lines.shift();
  const blocks: ComponentChildren[] = [];
  let items: string[] = [];
  const flush = () => {
    if (items.length === 0) return;
    blocks.push(
      <ul key={`list-${blocks.length}`}>
        {items.map((item, index) => (
          <li key={index}>{item}</li>
        ))}
      </ul>,
    );
    items = [];
  };
  for (const line of lines) {
    if (line === '') continue;
    if (bullet.test(line)) {
      items.push(line.replace(bullet, ''));
      continue;
    }
    flush();
    blocks.push(<p key={`p-${blocks.length}`}>{line}</p>);
  }
  flush();
  return (
    <div class="legal-text" lang="en">
      {blocks}
    </div>
  );
};

const quoted = (title: string, lang: Lang) => (lang === 'ru' ? `«${title}»` : `“${title}”`);

const keptFor = (seconds: number, lang: Lang): string => {
  if (seconds === 0) return lang === 'ru' ? 'до закрытия браузера' : 'until you close the browser';
  const days = Math.round(seconds / 86_400);
  if (days % 365 === 0) {
    const years = days / 365;
    if (lang === 'en') return years === 1 ? '1 year' : `${years} years`;
    return years === 1 ? '1 год' : years < 5 ? `${years} года` : `${years} лет`;
  }
  return lang === 'ru' ? `${days} дн.` : `${days} days`;
};

const texts = {
  ru: {
    title: 'Политика конфиденциальности',
    intro: 'Здесь коротко о ваших правах, о файлах cookie и полные тексты политики и каждого согласия.',
    contents: 'На этой странице',
    rights: 'Ваши права — коротко',
    rightsIntro: 'Ваши данные — ваши. В личном кабинете (после входа) вы можете:',
    rightAccess: 'узнать, какие данные о вас мы храним, и получить их копию, исправить их, заблокировать или уничтожить, попросить прекратить обработку —',
    rightAccessLink: 'запросы о персональных данных',
    rightConsents: 'отозвать любое согласие так же просто, как вы его дали, —',
    rightConsentsLink: 'мои согласия',
    rightSubscriptions: 'отказаться от рекламных рассылок по каждому каналу (почта, SMS, push) — мы прекращаем сразу, подрядчики — не позже чем через 3 дня, —',
    rightSubscriptionsLink: 'подписки',
    rightDelete: 'закрыть аккаунт —',
    rightDeleteLink: 'удаление аккаунта',
    rightsDeadline: 'На каждый запрос мы отвечаем в срок, установленный законом; дата ответа видна на странице запроса. Служебные сообщения о ваших заказах приходят, пока у вас есть аккаунт.',
    rightsContact: 'Вопросы можно задать и по почте — адрес указан в тексте политики и каждого согласия.',
    cookies: 'Файлы cookie',
    cookiesIntro: 'Мы ставим только эти необходимые файлы cookie. В них нет персональных данных; рекламных и аналитических cookie нет.',
    cookieName: 'Название',
    cookiePurpose: 'Зачем',
    cookieKept: 'Сколько хранится',
    policy: 'Текст политики',
    consents: 'Согласия',
    consentsIntro: 'Каждое согласие — отдельный документ. Для аккаунта нужно только первое; остальные вы даёте по желанию и можете отозвать в любой момент.',
    inEnglish: 'Юридические тексты приведены на английском языке — именно эти версии вы принимаете при регистрации.',
    document: 'Документ',
    version: 'версия',
    required: 'Обязательное для аккаунта',
    optional: 'Необязательное',
  },
  en: {
    title: 'Privacy policy',
    intro: 'Your rights in short, the cookies we use, and the full text of the policy and of each consent.',
    contents: 'On this page',
    rights: 'Your rights in short',
    rightsIntro: 'Your data is yours. In your account (after signing in) you can:',
    rightAccess: 'see what data we hold about you and get a copy, have it corrected, blocked or destroyed, or ask us to stop processing it:',
    rightAccessLink: 'privacy requests',
    rightConsents: 'withdraw any consent as easily as you gave it:',
    rightConsentsLink: 'my consents',
    rightSubscriptions: 'stop advertising messages on each channel (email, SMS, push); we stop at once, our contractors within 3 days at most:',
    rightSubscriptionsLink: 'subscriptions',
    rightDelete: 'close your account:',
    rightDeleteLink: 'delete account',
    rightsDeadline: 'We answer each request within the time the law sets; the request page shows the date. Service messages about your orders continue while you have an account.',
    rightsContact: 'You can also write to us: the address is in the policy and in each consent.',
    cookies: 'Cookies',
    cookiesIntro: 'We set only these strictly necessary cookies. They hold no personal data; there are no advertising or analytics cookies.',
    cookieName: 'Name',
    cookiePurpose: 'Why',
    cookieKept: 'Kept for',
    policy: 'The policy',
    consents: 'Consents',
    consentsIntro: 'Each consent is a separate document. An account needs only the first; the others are your choice and you can withdraw them at any time.',
    inEnglish: '',
    document: 'Document',
    version: 'version',
    required: 'Required for an account',
    optional: 'Optional',
  },
};

/** Brings the heading the address names (`#consent-advertising`) into view once the texts are there. */
const useScrollToHash = (ready: boolean) => {
  useEffect(() => {
    if (!ready) return;
    const id = decodeURIComponent(window.location.hash.slice(1));
    if (id === '') return;
    const target = document.getElementById(id);
    if (target === null) return;
    target.scrollIntoView();
    target.focus({ preventScroll: true });
  }, [ready]);
};

const Part = ({ id, title, children }: { id: string; title: string; children?: ComponentChildren }) => (
  <section class="section" id={id} aria-labelledby={`${id}-title`}>
    <h2 id={`${id}-title`}>{title}</h2>
    {children}
  </section>
);

export const PrivacyPolicy = (_props: PageProps) => {
  const t = useTexts(texts);
  const lang = useLang();
  const documents = useLoad(loadLegalDocuments, []);
  useScrollToHash(documents.data !== undefined);
  return (
    <Page title={t.title}>
      <p>{t.intro}</p>
      <nav aria-label={t.contents} class="contents">
        <p class="contents__title">{t.contents}</p>
        <ul>
          <li>
            <a href="#rights">{t.rights}</a>
          </li>
          <li>
            <a href="#cookies">{t.cookies}</a>
          </li>
          <li>
            <a href="#policy">{t.policy}</a>
          </li>
          <li>
            <a href="#consents">{t.consents}</a>
          </li>
        </ul>
      </nav>

      <Part id="rights" title={t.rights}>
        <p>{t.rightsIntro}</p>
        <ul>
          <li>
            {t.rightAccess} <Link href="/account/privacy">{t.rightAccessLink}</Link>
          </li>
          <li>
            {t.rightConsents} <Link href="/account/consents">{t.rightConsentsLink}</Link>
          </li>
          <li>
            {t.rightSubscriptions} <Link href="/account/subscriptions">{t.rightSubscriptionsLink}</Link>
          </li>
          <li>
            {t.rightDelete} <Link href="/account/delete">{t.rightDeleteLink}</Link>
          </li>
        </ul>
        <p>{t.rightsDeadline}</p>
        <p>{t.rightsContact}</p>
      </Part>

      <Part id="cookies" title={t.cookies}>
        <p>{t.cookiesIntro}</p>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.cookieName}</th>
                <th scope="col">{t.cookiePurpose}</th>
                <th scope="col">{t.cookieKept}</th>
              </tr>
            </thead>
            <tbody>
              {cookies.map((cookie) => (
                <tr key={cookie.name}>
                  <td data-label={t.cookieName}>
                    <code>{cookie.name}</code>
                  </td>
                  <td data-label={t.cookiePurpose}>{cookie.purpose[lang]}</td>
                  <td data-label={t.cookieKept}>{keptFor(cookie.maxAgeSeconds, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Part>

      <Loaded state={documents}>
        {(legal) => (
          <>
            {t.inEnglish !== '' && <p class="notice">{t.inEnglish}</p>}
            <Part id="policy" title={t.policy}>
              <p class="legal-meta">
                {t.document} <span lang="en">{quoted(legal.privacyPolicy.title, lang)}</span>, {t.version} {legal.privacyPolicy.version}
              </p>
              <LegalText text={legal.privacyPolicy.text} title={legal.privacyPolicy.title} />
            </Part>
            <Part id="consents" title={t.consents}>
              <p>{t.consentsIntro}</p>
              {legal.consents.map((document) => {
                const purpose = isPurpose(document.purpose) ? document.purpose : undefined;
                const heading = purpose === undefined ? document.title : purposeTexts[lang][purpose].name;
                return (
                  <article key={document.purpose ?? document.title} class="legal-document">
                    <h3 id={`consent-${document.purpose ?? ''}`} tabIndex={-1}>
                      {heading}
                    </h3>
                    <p class="legal-meta">
                      <span class="badge">{purpose === requiredPurpose ? t.required : t.optional}</span>{' '}
                      {t.document} <span lang="en">{quoted(document.title, lang)}</span>, {t.version} {document.version}
                    </p>
                    <LegalText text={document.text} title={document.title} />
                  </article>
                );
              })}
            </Part>
          </>
        )}
      </Loaded>
    </Page>
  );
};
