/**
 * Campaigns (POST /v1/admin/campaigns): an advertising or informational message on one channel.
 * The answer counts who it is queued for and who is left out; one Idempotency-Key per campaign,
 * kept across retries of the same text so a lost answer never sends it twice.
 */
import { useRef, useState } from 'preact/hooks';
import { api, newIdempotencyKey } from '../api';
import { Field, Form, Select } from '../components/form';
import { Page, Section } from '../components/page';
import { useTexts } from '../i18n';
import type { PageProps } from '../router';
import { ConsoleNav } from './console-nav';

interface CampaignAccepted {
  readonly campaignId: string;
  readonly recipients: number;
  readonly suppressed: number;
}

type Channel = 'email' | 'sms' | 'push';
type Category = 'advertising' | 'informational';

const texts = {
  ru: {
    title: 'Рассылки',
    intro: 'Рекламное или информационное сообщение по одному каналу. Служебные сообщения (о заказах, корзине, избранном) отправляются сами и здесь не создаются.',
    who: 'Кто получит',
    whoText: 'Только клиенты, которые дали согласие на рекламу и подписаны на эту категорию по этому каналу. В каждом письме есть ссылка для отписки в один клик.',
    channel: 'Канал',
    channels: { email: 'Электронная почта', sms: 'SMS', push: 'Push-уведомление' },
    category: 'Категория',
    categories: { advertising: 'Реклама', informational: 'Информационное' },
    subject: 'Тема письма',
    body: 'Текст',
    bodyHint: { email: 'До 20 000 символов.', sms: 'До 800 символов (длинные SMS делятся на части).', push: 'До 500 символов: показываются одна-две строки.' },
    send: 'Отправить рассылку',
    result: 'Рассылка принята',
    recipients: 'Получат',
    suppressed: 'Исключены',
    suppressedText:
      'Исключены клиенты, подписанные на эту категорию и канал, но которым отправлять нельзя: нет согласия на рекламу, данные заблокированы или обработка остановлена по их запросу, либо нет адреса для этого канала (телефона, устройства). Они ничего не получат.',
    another: 'Новая рассылка',
    sentTitle: 'Что отправлено',
  },
  en: {
    title: 'Campaigns',
    intro: 'An advertising or informational message on one channel. Service messages (orders, basket, favourites) go on their own and are not made here.',
    who: 'Who receives it',
    whoText: 'Only customers who granted advertising consent and are subscribed to this category on this channel. Every email carries a one-click unsubscribe link.',
    channel: 'Channel',
    channels: { email: 'Email', sms: 'SMS', push: 'Push notification' },
    category: 'Category',
    categories: { advertising: 'Advertising', informational: 'Informational' },
    subject: 'Subject',
    body: 'Text',
    bodyHint: { email: 'Up to 20,000 characters.', sms: 'Up to 800 characters (a long SMS goes in parts).', push: 'Up to 500 characters: a line or two is shown.' },
    send: 'Send the campaign',
    result: 'Campaign accepted',
    recipients: 'Recipients',
    suppressed: 'Suppressed',
    suppressedText:
      'Suppressed are customers subscribed to this category and channel who must not be sent it: no advertising consent, their data blocked or its processing stopped at their request, or no address on this channel (phone, device). They receive nothing.',
    another: 'New campaign',
    sentTitle: 'What was sent',
  },
};

export const ConsoleCampaigns = (_props: PageProps) => {
  const t = useTexts(texts);
  const [channel, setChannel] = useState<Channel>('email');
  const [category, setCategory] = useState<Category>('informational');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [accepted, setAccepted] = useState<(CampaignAccepted & { readonly sent: { channel: Channel; category: Category; subject: string; body: string } }) | undefined>(undefined);
  // One key per campaign: a retry of the same text reuses it; a changed text is a new campaign.
  const attempt = useRef<{ text: string; key: string } | undefined>(undefined);
  const send = async () => {
    const request = { channel, category, ...(channel === 'email' ? { subject } : {}), body };
    const text = JSON.stringify(request);
    if (attempt.current?.text !== text) attempt.current = { text, key: newIdempotencyKey() };
    const answer = await api.post<CampaignAccepted>('/v1/admin/campaigns', request, { idempotencyKey: attempt.current.key });
    setAccepted({ ...answer, sent: { channel, category, subject: channel === 'email' ? subject : '', body } });
  };
  return (
    <Page title={t.title} wide>
      <ConsoleNav />
      <p>{t.intro}</p>
      <div class="notice">
        <p class="notice__title">{t.who}</p>
        <p>{t.whoText}</p>
      </div>
      {accepted === undefined ? (
        <Form onSubmit={send} submitLabel={t.send} labels={{ channel: t.channel, category: t.category, subject: t.subject, body: t.body }} name={t.title}>
          <Select
            name="channel"
            label={t.channel}
            value={channel}
            options={(['email', 'sms', 'push'] as const).map((value) => ({ value, label: t.channels[value] }))}
            onValue={(value) => setChannel(value as Channel)}
          />
          <Select
            name="category"
            label={t.category}
            value={category}
            options={(['informational', 'advertising'] as const).map((value) => ({ value, label: t.categories[value] }))}
            onValue={(value) => setCategory(value as Category)}
          />
          {channel === 'email' && <Field name="subject" label={t.subject} value={subject} onValue={setSubject} maxLength={200} required />}
          <Field name="body" label={t.body} hint={t.bodyHint[channel]} value={body} onValue={setBody} multiline required />
        </Form>
      ) : (
        <Section title={t.result} id="campaign-result">
          <dl class="console-counts">
            <div class="console-count">
              <dt>{t.recipients}</dt>
              <dd data-testid="recipients">{accepted.recipients}</dd>
            </div>
            <div class="console-count">
              <dt>{t.suppressed}</dt>
              <dd data-testid="suppressed">{accepted.suppressed}</dd>
            </div>
          </dl>
          <p>{t.suppressedText}</p>
          <h3>{t.sentTitle}</h3>
          <dl class="facts">
            <dt>{t.channel}</dt>
            <dd>{t.channels[accepted.sent.channel]}</dd>
            <dt>{t.category}</dt>
            <dd>{t.categories[accepted.sent.category]}</dd>
            {accepted.sent.subject !== '' && (
              <>
                <dt>{t.subject}</dt>
                <dd>{accepted.sent.subject}</dd>
              </>
            )}
            <dt>{t.body}</dt>
            <dd class="console-quote">{accepted.sent.body}</dd>
          </dl>
          <button
            type="button"
            class="button button--secondary"
            onClick={() => {
              attempt.current = undefined;
              setAccepted(undefined);
              setSubject('');
              setBody('');
            }}
          >
            {t.another}
          </button>
        </Section>
      )}
    </Page>
  );
};
