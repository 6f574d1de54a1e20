/**
 * Newsletters (policy 1.3.2): advertising and informational messages per channel, turned on or
 * off (GET/PUT /v1/me/subscriptions). folio's own sends follow the change at once; the
 * contractors who send newsletters for folio have it by `contractorsSyncedBy`, inside the
 * policy's 3 days. Service messages cannot be turned off. Advertising and informational
 * messages also need the `advertising` consent (lambdas/domain/messaging/permissions.ts).
 */
import { useState } from 'preact/hooks';
import { api } from '../api';
import { Notice } from '../components/feedback';
import { Checkbox, Form } from '../components/form';
import { DateText } from '../components/format';
import { Loaded, useLoad } from '../components/load';
import { Page, Section } from '../components/page';
import { useTexts } from '../i18n';
import { Link, type PageProps } from '../router';

const channels = ['email', 'sms', 'push'] as const;
const categories = ['advertising', 'informational'] as const;
type Channel = (typeof channels)[number];
type Category = (typeof categories)[number];
type Subscriptions = Record<Channel, Record<Category, boolean>>;

interface SavedAnswer {
  readonly subscriptions: Subscriptions;
  readonly effectiveAt: string;
  readonly contractorsSyncedBy: string;
}

interface ConsentState {
  readonly purpose: string;
  readonly granted: boolean;
}

const texts = {
  ru: {
    title: 'Рассылки',
    intro: 'Выберите, какие рекламные и информационные сообщения вы хотите получать и как. Снимите галочку — и мы перестанем их присылать.',
    channel: { email: 'Электронная почта', sms: 'SMS', push: 'Push-уведомления в приложении' } as Record<Channel, string>,
    category: { advertising: 'Реклама: акции, скидки и специальные предложения', informational: 'Информационные: новинки и новости магазина' } as Record<Category, string>,
    save: 'Сохранить',
    serviceTitle: 'Служебные сообщения отключить нельзя',
    service:
      'Сообщения о ваших заказах, о товарах в корзине, о ценах на книги в избранном и о вашем уровне в программе лояльности — служебные. Они приходят на почту, по SMS и push независимо от этих настроек: отказаться от них нельзя по техническим причинам (пункт 1.3.2 политики).',
    consentTitle: 'Реклама нужна ещё и ваше согласие',
    consentGranted: 'Вы дали согласие на получение рекламы. Сообщения приходят только по каналам и темам, отмеченным ниже.',
    consentMissing:
      'Вы не давали согласия на получение рекламы, поэтому рекламных и информационных сообщений мы не присылаем, даже если галочки ниже стоят. Настройки начнут действовать, когда вы дадите согласие.',
    consentLink: 'Согласие на рекламу — на странице согласий',
    alsoTitle: 'Кроме того:',
    alsoSms: 'SMS-рассылки приходят, только если в личном кабинете указан телефон.',
    alsoRestricted: 'Если вы попросили заблокировать ваши данные или прекратить их обработку для рекламы, рекламы не будет, что бы ни было отмечено здесь.',
    savedNow: 'Сохранено. Наши собственные рассылки учитывают изменение сразу — с',
    contractors: 'Подрядчики, которые делают рассылки по нашему поручению, получат изменение не позднее',
    contractorsLimit: 'Политика даёт на это не более 3 дней.',
    back: 'Вернуться в личный кабинет',
  },
  en: {
    title: 'Newsletters',
    intro: 'Choose which advertising and informational messages you want, and how. Untick a box and we stop sending them.',
    channel: { email: 'Email', sms: 'SMS', push: 'Push notifications in the app' } as Record<Channel, string>,
    category: { advertising: 'Advertising: promotions, discounts and special offers', informational: 'Informational: new books and shop news' } as Record<Category, string>,
    save: 'Save',
    serviceTitle: 'Service messages cannot be turned off',
    service:
      'Messages about your orders, the books in your basket, price changes of your favourites and your loyalty programme status are service messages. They come by email, SMS and push whatever you choose here: for technical reasons they cannot be refused (policy, clause 1.3.2).',
    consentTitle: 'Advertising also needs your consent',
    consentGranted: 'You have consented to receive advertising. Messages come only on the channels and topics ticked below.',
    consentMissing:
      'You have not consented to receive advertising, so we send you no advertising or informational messages, even where a box below is ticked. These settings apply once you give that consent.',
    consentLink: 'Advertising consent is on the consents page',
    alsoTitle: 'Also:',
    alsoSms: 'SMS newsletters come only when your account has a phone number.',
    alsoRestricted: 'If you asked us to block your data or to stop processing it for advertising, no advertising comes, whatever is ticked here.',
    savedNow: 'Saved. Our own newsletters follow the change at once, from',
    contractors: 'The contractors who send newsletters for us will have the change by',
    contractorsLimit: 'The policy allows at most 3 days for this.',
    back: 'Back to my account',
  },
};

const Settings = ({ initial }: { initial: Subscriptions }) => {
  const t = useTexts(texts);
  const [settings, setSettings] = useState<Subscriptions>(initial);
  const [saved, setSaved] = useState<SavedAnswer | undefined>(undefined);
  const set = (channel: Channel, category: Category, on: boolean) => {
    setSaved(undefined);
    setSettings((current) => ({ ...current, [channel]: { ...current[channel], [category]: on } }));
  };
  const submit = async () => {
    setSaved(undefined);
    const answer = await api.put<SavedAnswer>('/v1/me/subscriptions', settings);
    setSettings(answer.subscriptions);
    setSaved(answer);
  };
  return (
    <Form onSubmit={submit} submitLabel={t.save} name={t.title}>
      {channels.map((channel) => (
        <fieldset key={channel}>
          <legend>{t.channel[channel]}</legend>
          {categories.map((category) => (
            <Checkbox
              key={category}
              name={`${channel}.${category}`}
              label={t.category[category]}
              checked={settings[channel][category]}
              onChecked={(on) => set(channel, category, on)}
            />
          ))}
        </fieldset>
      ))}
      {saved !== undefined && (
        <Notice kind="success">
          <p>
            {t.savedNow} <DateText iso={saved.effectiveAt} withTime />.
          </p>
          <p>
            {t.contractors} <DateText iso={saved.contractorsSyncedBy} withTime />. {t.contractorsLimit}
          </p>
        </Notice>
      )}
    </Form>
  );
};

export const Subscriptions = (_props: PageProps) => {
  const t = useTexts(texts);
  const settings = useLoad(() => api.get<Subscriptions>('/v1/me/subscriptions'), []);
  const consents = useLoad(() => api.get<ConsentState[]>('/v1/me/consents'), []);
  const advertising = consents.data?.find((c) => c.purpose === 'advertising')?.granted;
  return (
    <Page title={t.title}>
      <p>{t.intro}</p>
      <Notice kind="warning">
        <p class="notice__title">{t.serviceTitle}</p>
        <p>{t.service}</p>
      </Notice>
      <Section title={t.consentTitle} id="consent">
        {advertising !== undefined && <p>{advertising ? t.consentGranted : t.consentMissing}</p>}
        <p>{t.alsoTitle}</p>
        <ul>
          <li>{t.alsoSms}</li>
          <li>{t.alsoRestricted}</li>
        </ul>
        <p>
          <Link href="/account/consents">{t.consentLink}</Link>
        </p>
      </Section>
      <Loaded state={settings}>{(initial) => <Settings initial={initial} />}</Loaded>
      <p>
        <Link href="/account">{t.back}</Link>
      </p>
    </Page>
  );
};
