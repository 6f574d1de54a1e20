/**
 * The frame every page shares: a skip link, the header with the navigation for who is signed
 * in, the language switch, the page, the footer and the cookie notice. The guard is here too:
 * a signed-out visitor asking for an account page is sent to sign in and brought back after.
 */
import { useEffect } from 'preact/hooks';
import { recordPageView } from './analytics';
import { CookieNotice } from './cookie-notice';
import { Flash } from './flash';
import { chooseLanguage, langs, useLang, useTexts } from './i18n';
import { Link, matchRoute, navigate, useLocation } from './router';
import { routes } from './routes';
import { session, signOut } from './session/session';
import { useStore } from './store';
import { Page } from './components/page';

const texts = {
  ru: {
    skip: 'Перейти к содержимому',
    main: 'Основное меню',
    catalogue: 'Каталог',
    basket: 'Корзина',
    favorites: 'Избранное',
    orders: 'Заказы',
    account: 'Личный кабинет',
    console: 'Консоль',
    signIn: 'Войти',
    signUp: 'Регистрация',
    signOut: 'Выйти',
    language: 'Язык',
    privacy: 'Политика конфиденциальности',
    operatorsOnly: 'Только для операторов',
    operatorsOnlyBody: 'Эта страница доступна сотрудникам магазина из группы операторов.',
    footer: 'folio — книжный магазин. Ваши права на персональные данные — в личном кабинете.',
  },
  en: {
    skip: 'Skip to content',
    main: 'Main menu',
    catalogue: 'Catalogue',
    basket: 'Basket',
    favorites: 'Favourites',
    orders: 'Orders',
    account: 'My account',
    console: 'Console',
    signIn: 'Sign in',
    signUp: 'Sign up',
    signOut: 'Sign out',
    language: 'Language',
    privacy: 'Privacy policy',
    operatorsOnly: 'Operators only',
    operatorsOnlyBody: "This page is for the shop's staff in the operators group.",
    footer: 'folio, a bookshop. Your rights over your personal data are in your account.',
  },
};

const languageNames = { ru: 'Русский', en: 'English' } as const;

const Header = () => {
  const t = useTexts(texts);
  const lang = useLang();
  const { signedIn, operator } = useStore(session);
  const { path } = useLocation();
  const current = (href: string) => (path === href || (href !== '/' && path.startsWith(`${href}/`)) ? 'page' : undefined);
  const links: [string, string][] = signedIn
    ? [
        ['/', t.catalogue],
        ['/basket', t.basket],
        ['/favorites', t.favorites],
        ['/orders', t.orders],
        ['/account', t.account],
        ...(operator ? ([['/console', t.console]] as [string, string][]) : []),
      ]
    : [
        ['/', t.catalogue],
        ['/sign-in', t.signIn],
        ['/sign-up', t.signUp],
      ];
  return (
    <header class="header">
      <a class="skip-link" href="#main">
        {t.skip}
      </a>
      <div class="header__inner">
        <Link href="/" class="brand">
          folio
        </Link>
        <nav aria-label={t.main}>
          <ul class="nav">
            {links.map(([href, label]) => (
              <li key={href}>
                <Link href={href} aria-current={current(href)}>
                  {label}
                </Link>
              </li>
            ))}
            {signedIn && (
              <li>
                <button
                  type="button"
                  class="link-button"
                  onClick={async () => {
                    await signOut().catch(() => undefined);
                    navigate('/sign-in', { replace: true });
                  }}
                >
                  {t.signOut}
                </button>
              </li>
            )}
          </ul>
        </nav>
        <div class="language" role="group" aria-label={t.language}>
          {langs.map((option) => (
            <button key={option} type="button" class="link-button" lang={option} aria-pressed={option === lang} onClick={() => chooseLanguage(option)}>
              {languageNames[option]}
            </button>
          ))}
        </div>
      </div>
    </header>
  );
};

const OperatorsOnly = () => {
  const t = useTexts(texts);
  return (
    <Page title={t.operatorsOnly}>
      <p>{t.operatorsOnlyBody}</p>
    </Page>
  );
};

const Outlet = () => {
  const { path, query } = useLocation();
  const { signedIn, operator } = useStore(session);
  const matched = matchRoute(routes, path);
  const access = matched?.route.access ?? 'public';
  const mustSignIn = (access === 'customer' || access === 'operator') && !signedIn;
  const signedInGuest = access === 'guest' && signedIn;
  useEffect(() => {
    if (mustSignIn) navigate(`/sign-in?next=${encodeURIComponent(path + (query.size > 0 ? `?${query}` : ''))}`, { replace: true });
    // A guest page (sign-in, sign-up) seen while signed in: unless the page has already moved
    // on by itself (sign-in goes to `?next=`), go to the account.
    else if (signedInGuest && window.location.pathname === path) navigate(operator ? '/console' : '/account', { replace: true });
  }, [mustSignIn, signedInGuest, path]);
  useEffect(() => {
    // Public pages by their path; account pages by their pattern (`/orders/:orderId`), so no
    // id that leads to a customer reaches the statistics; the console not at all.
    if (matched === undefined || access === 'operator') return;
    recordPageView(access === 'public' || access === 'guest' ? path : matched.route.path);
  }, [path]);
  if (matched === undefined || mustSignIn || signedInGuest) return null;
  if (access === 'operator' && !operator) return <OperatorsOnly />;
  const Component = matched.route.page;
  // The key remounts the page on every navigation, so each starts fresh and takes focus.
  return <Component key={path + query.toString()} params={matched.params} query={query} />;
};

export const App = () => {
  const t = useTexts(texts);
  return (
    <>
      <Header />
      <main id="main" class="main">
        <Flash />
        <Outlet />
      </main>
      <footer class="footer">
        <p>{t.footer}</p>
        <p>
          <Link href="/privacy">{t.privacy}</Link>
        </p>
      </footer>
      <CookieNotice />
    </>
  );
};
