/**
 * The customer's account: the profile (GET /v1/me) with its rectification (PATCH /v1/me, which
 * the API records in the account's audit trail — policy 1.2.1), the loyalty tier
 * (GET /v1/me/loyalty, shown only with the `loyalty_program` consent), and the way to every
 * other account page where the customer exercises the policy's rights.
 */
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { Notice, ProblemMessage } from '../components/feedback';
import { Field, Form, Select } from '../components/form';
import { DateText, Money } from '../components/format';
import { Loaded, useLoad } from '../components/load';
import { Page, Section } from '../components/page';
import { Refusal } from '../errors';
import { type Lang, useTexts } from '../i18n';
import { Link, type PageProps } from '../router';

export interface Profile {
  readonly customerId: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly phone: string | null;
  readonly loyalty: { readonly tier: string | null };
  readonly locale: Lang;
  readonly createdAt: string;
}

interface Loyalty {
  readonly tier: string;
  readonly lifetimeSpendMinor: number;
  readonly nextTier: string | null;
  readonly spendToNextTierMinor: number | null;
}

const texts = {
  ru: {
    title: 'Личный кабинет',
    profile: 'Ваши данные',
    name: 'Имя и фамилия',
    email: 'Электронная почта',
    phone: 'Телефон',
    noPhone: 'не указан',
    since: 'С нами с',
    language: 'Язык писем и SMS',
    langNames: { ru: 'Русский', en: 'English' } as Record<Lang, string>,
    correct: 'Исправить данные',
    correctIntro:
      'Если что-то неверно или устарело, исправьте здесь. Изменение вступает в силу сразу и записывается в историю вашего аккаунта. Адрес почты — ваше имя для входа, здесь его изменить нельзя.',
    firstName: 'Имя',
    lastName: 'Фамилия',
    phoneHint: 'В международном формате, например +79161234567. Оставьте пустым, чтобы удалить номер.',
    nameHint: 'До 100 символов.',
    save: 'Сохранить исправления',
    saved: 'Данные исправлены. Исправление записано в историю вашего аккаунта.',
    nothing: 'Вы ничего не изменили.',
    loyalty: 'Программа лояльности',
    tier: 'Ваш уровень',
    spent: 'Покупок на сумму',
    toNext: (tier: string) => `До уровня «${tier}»`,
    top: 'У вас высший уровень программы.',
    tiers: { bronze: 'Бронзовый', silver: 'Серебряный', gold: 'Золотой' } as Record<string, string>,
    noLoyalty:
      'Вы не участвуете в программе лояльности: для неё нужно ваше согласие на участие в программе. Если вы его давали, возможно, обработка данных для программы остановлена по вашему запросу.',
    giveConsent: 'Управлять согласиями',
    menu: 'Ваш аккаунт и ваши права',
    orders: 'Мои заказы',
    ordersHint: 'история и статусы заказов',
    recommendations: 'Рекомендации',
    recommendationsHint: 'книги, подобранные по вашим покупкам (с вашего согласия)',
    subscriptions: 'Рассылки',
    subscriptionsHint: 'реклама и новости по почте, SMS и push',
    consents: 'Согласия',
    consentsHint: 'дать или отозвать согласие на каждую цель обработки данных',
    privacy: 'Запросы о персональных данных',
    privacyHint: 'получить копию данных, заблокировать, уничтожить, прекратить обработку',
    password: 'Сменить пароль',
    passwordHint: 'пароль для входа в магазин',
    delete: 'Удалить аккаунт',
    deleteHint: 'закрыть аккаунт; согласия отзываются отдельно',
  },
  en: {
    title: 'My account',
    profile: 'Your details',
    name: 'Name',
    email: 'Email',
    phone: 'Phone',
    noPhone: 'not given',
    since: 'Customer since',
    language: 'Language of emails and SMS',
    langNames: { ru: 'Русский (Russian)', en: 'English' } as Record<Lang, string>,
    correct: 'Correct your details',
    correctIntro:
      'If anything is wrong or out of date, correct it here. The change takes effect at once and is recorded in your account’s history. Your email address is your sign-in name and cannot be changed here.',
    firstName: 'First name',
    lastName: 'Last name',
    phoneHint: 'In international format, e.g. +79161234567. Leave empty to remove the number.',
    nameHint: 'Up to 100 characters.',
    save: 'Save corrections',
    saved: 'Your details are corrected. The correction is recorded in your account’s history.',
    nothing: 'You have not changed anything.',
    loyalty: 'Loyalty programme',
    tier: 'Your tier',
    spent: 'Purchases so far',
    toNext: (tier: string) => `Still to spend for ${tier}`,
    top: 'You are at the programme’s highest tier.',
    tiers: { bronze: 'Bronze', silver: 'Silver', gold: 'Gold' } as Record<string, string>,
    noLoyalty:
      'You are not taking part in the loyalty programme: it needs your consent to the loyalty programme. If you gave it, processing for the programme may have been stopped at your request.',
    giveConsent: 'Manage consents',
    menu: 'Your account and your rights',
    orders: 'My orders',
    ordersHint: 'order history and status',
    recommendations: 'Recommendations',
    recommendationsHint: 'books picked from your purchases (with your consent)',
    subscriptions: 'Newsletters',
    subscriptionsHint: 'advertising and news by email, SMS and push',
    consents: 'Consents',
    consentsHint: 'grant or withdraw consent for each purpose of processing',
    privacy: 'Personal data requests',
    privacyHint: 'get a copy of your data, block, destroy, stop processing',
    password: 'Change password',
    passwordHint: 'the password you sign in with',
    delete: 'Delete account',
    deleteHint: 'close the account; consents are withdrawn separately',
  },
};

const Rectify = ({ profile, onSaved }: { profile: Profile; onSaved: (profile: Profile) => void }) => {
  const t = useTexts(texts);
  const [firstName, setFirstName] = useState(profile.firstName);
  const [lastName, setLastName] = useState(profile.lastName);
  const [phone, setPhone] = useState(profile.phone ?? '');
  const [locale, setLocale] = useState<Lang>(profile.locale);
  const [saved, setSaved] = useState(false);
  const submit = async () => {
    setSaved(false);
    const patch: Record<string, unknown> = {};
    if (firstName.trim() !== profile.firstName) patch['firstName'] = firstName.trim();
    if (lastName.trim() !== profile.lastName) patch['lastName'] = lastName.trim();
    const newPhone = phone.replace(/[\s()-]/g, '');
    if (newPhone !== (profile.phone ?? '')) patch['phone'] = newPhone === '' ? null : newPhone;
    if (locale !== profile.locale) patch['locale'] = locale;
    if (Object.keys(patch).length === 0) throw new Refusal(t.nothing);
    const answer = await api.patch<Profile>('/v1/me', patch);
    onSaved(answer);
    setSaved(true);
  };
  return (
    <Section title={t.correct} id="correct">
      <p>{t.correctIntro}</p>
      {saved && <Notice kind="success">{t.saved}</Notice>}
      <Form onSubmit={submit} submitLabel={t.save} labels={{ firstName: t.firstName, lastName: t.lastName, phone: t.phone, locale: t.language }} name={t.correct}>
        <Field name="firstName" label={t.firstName} value={firstName} onValue={setFirstName} autocomplete="given-name" hint={t.nameHint} required />
        <Field name="lastName" label={t.lastName} value={lastName} onValue={setLastName} autocomplete="family-name" hint={t.nameHint} required />
        <Field name="phone" label={t.phone} type="tel" value={phone} onValue={setPhone} autocomplete="tel" hint={t.phoneHint} />
        <Select
          name="locale"
          label={t.language}
          value={locale}
          options={(['ru', 'en'] as const).map((value) => ({ value, label: t.langNames[value] ?? value }))}
          onValue={(value) => setLocale(value === 'en' ? 'en' : 'ru')}
        />
      </Form>
    </Section>
  );
};

const LoyaltySection = () => {
  const t = useTexts(texts);
  const loyalty = useLoad(() => api.get<Loyalty>('/v1/me/loyalty'), []);
  const tierName = (tier: string) => t.tiers[tier] ?? tier;
  return (
    <Section title={t.loyalty} id="loyalty">
      {loyalty.error instanceof ApiError && loyalty.error.problem.status === 403 ? (
        <Notice>
          <p>{t.noLoyalty}</p>
          <p>
            <Link href="/account/consents">{t.giveConsent}</Link>
          </p>
        </Notice>
      ) : loyalty.error !== undefined ? (
        <ProblemMessage error={loyalty.error} onRetry={loyalty.reload} />
      ) : (
        <Loaded state={loyalty}>
          {(data) => (
            <dl class="facts">
              <dt>{t.tier}</dt>
              <dd>
                <span class="badge">{tierName(data.tier)}</span>
              </dd>
              <dt>{t.spent}</dt>
              <dd>
                <Money minor={data.lifetimeSpendMinor} />
              </dd>
              {data.nextTier !== null && data.spendToNextTierMinor !== null ? (
                <>
                  <dt>{t.toNext(tierName(data.nextTier))}</dt>
                  <dd>
                    <Money minor={data.spendToNextTierMinor} />
                  </dd>
                </>
              ) : (
                <>
                  <dt>{t.toNext('—')}</dt>
                  <dd>{t.top}</dd>
                </>
              )}
            </dl>
          )}
        </Loaded>
      )}
    </Section>
  );
};

export const Account = (_props: PageProps) => {
  const t = useTexts(texts);
  const profile = useLoad(() => api.get<Profile>('/v1/me'), []);
  const menu: [string, string, string][] = [
    ['/orders', t.orders, t.ordersHint],
    ['/recommendations', t.recommendations, t.recommendationsHint],
    ['/account/subscriptions', t.subscriptions, t.subscriptionsHint],
    ['/account/consents', t.consents, t.consentsHint],
    ['/account/privacy', t.privacy, t.privacyHint],
    ['/account/password', t.password, t.passwordHint],
    ['/account/delete', t.delete, t.deleteHint],
  ];
  return (
    <Page title={t.title}>
      <Loaded state={profile}>
        {(me) => (
          <>
            <Section title={t.profile} id="profile">
              <dl class="facts account-facts">
                <dt>{t.name}</dt>
                <dd>
                  {me.firstName} {me.lastName}
                </dd>
                <dt>{t.email}</dt>
                <dd>{me.email}</dd>
                <dt>{t.phone}</dt>
                <dd>{me.phone ?? <span class="account-none">{t.noPhone}</span>}</dd>
                <dt>{t.language}</dt>
                <dd>{t.langNames[me.locale] ?? me.locale}</dd>
                <dt>{t.since}</dt>
                <dd>
                  <DateText iso={me.createdAt} />
                </dd>
              </dl>
            </Section>
            <nav aria-labelledby="account-menu-title" class="section">
              <h2 id="account-menu-title">{t.menu}</h2>
              <ul class="account-menu">
                {menu.map(([href, label, hint]) => (
                  <li key={href}>
                    <Link href={href}>{label}</Link>
                    <span class="account-menu__hint">{hint}</span>
                  </li>
                ))}
              </ul>
            </nav>
            <LoyaltySection />
            <Rectify profile={me} onSaved={profile.replace} />
          </>
        )}
      </Loaded>
    </Page>
  );
};
