/**
 * One personal data request (GET /v1/me/privacy-requests/{requestId}): its status, dates and
 * history, with the operators' reasons when they extended or refused it; for a completed
 * `access` request, the export of everything folio holds about the customer
 * (lambdas/domain/privacy/access-export.ts), summarised in words and downloadable as JSON.
 */
import { api } from '../api';
import { Notice } from '../components/feedback';
import { DateText } from '../components/format';
import { Loaded, useLoad } from '../components/load';
import { Page, Section } from '../components/page';
import { useTexts } from '../i18n';
import { Link, type PageProps } from '../router';
import { type PrivacyRequestView, requestWords, StatusBadge } from './privacy-requests';

interface AccessExport {
  readonly generatedAt?: string;
  readonly sections?: Readonly<Record<string, readonly unknown[]>>;
  readonly notes?: readonly string[];
}

const texts = {
  ru: {
    title: 'Запрос о персональных данных',
    status: 'Состояние',
    received: 'Получен',
    due: 'Ответ до',
    extendedNote: 'Срок продлён один раз, как позволяет закон; причина — в истории ниже.',
    purposes: 'Цели',
    details: 'Что вы написали',
    history: 'История',
    actors: { customer: 'Вы', operator: 'Сотрудник', job: 'Автоматически', system: 'Автоматически' } as Record<string, string>,
    reason: 'Пояснение',
    open: 'Мы работаем над запросом и сообщим по почте, когда ответим. Эта страница тоже покажет ответ.',
    refresh: 'Проверить снова',
    rejected: 'Запрос отклонён. Причина — в истории ниже. Вы можете отправить новый запрос или обратиться в Роскомнадзор.',
    export: 'Ваши данные',
    exportIntro: 'Копия всех данных, которые мы храним о вас, на момент',
    download: 'Скачать мои данные (JSON)',
    downloadHint: 'Файл в формате JSON: его можно открыть в текстовом редакторе или передать другой службе.',
    sections: 'Что в копии',
    records: (n: number) => `${n} ${plural(n, 'запись', 'записи', 'записей')}`,
    sectionNames: {
      profile: 'Профиль',
      consentReceipts: 'Записи о согласиях',
      audit: 'История действий с аккаунтом',
      sessions: 'Сеансы входа',
      watchList: 'Проверки безопасности аккаунта',
      basket: 'Корзина',
      favorites: 'Избранное',
      orders: 'Заказы',
      events: 'События на сайте',
      messages: 'Отправленные вам сообщения',
      privacyRequests: 'Запросы о персональных данных',
      devices: 'Устройства для push-уведомлений',
      recommendations: 'Рекомендации',
      disclosures: 'Передача данных по требованию закона',
      campaignAudiences: 'Списки рассылок',
      subscriptionChangesForContractors: 'Изменения подписок для подрядчиков',
    } as Record<string, string>,
    notes: 'Что хранится в другом месте и почему',
    back: 'Все запросы',
  },
  en: {
    title: 'Personal data request',
    status: 'Status',
    received: 'Received',
    due: 'Answer due by',
    extendedNote: 'The deadline was extended once, as the law allows; the reason is in the history below.',
    purposes: 'Purposes',
    details: 'What you wrote',
    history: 'History',
    actors: { customer: 'You', operator: 'Staff', job: 'Automatically', system: 'Automatically' } as Record<string, string>,
    reason: 'Note',
    open: 'We are working on the request and will email you when we answer. This page shows the answer too.',
    refresh: 'Check again',
    rejected: 'The request was refused. The reason is in the history below. You may make a new request or complain to Roskomnadzor.',
    export: 'Your data',
    exportIntro: 'A copy of all the data we hold about you, as of',
    download: 'Download my data (JSON)',
    downloadHint: 'A JSON file: open it in a text editor or hand it to another service.',
    sections: 'What the copy holds',
    records: (n: number) => `${n} ${n === 1 ? 'record' : 'records'}`,
    sectionNames: {
      profile: 'Profile',
      consentReceipts: 'Consent records',
      audit: 'History of actions on the account',
      sessions: 'Sign-in sessions',
      watchList: 'Account security checks',
      basket: 'Basket',
      favorites: 'Favourites',
      orders: 'Orders',
      events: 'Events on the site',
      messages: 'Messages sent to you',
      privacyRequests: 'Personal data requests',
      devices: 'Devices for push notifications',
      recommendations: 'Recommendations',
      disclosures: 'Disclosures required by law',
      campaignAudiences: 'Newsletter lists',
      subscriptionChangesForContractors: 'Subscription changes for contractors',
    } as Record<string, string>,
    notes: 'What is held elsewhere, and why',
    back: 'All requests',
  },
};

function plural(n: number, one: string, few: string, many: string): string {
  const ten = n % 10;
  const hundred = n % 100;
  if (ten === 1 && hundred !== 11) return one;
  if (ten >= 2 && ten <= 4 && (hundred < 12 || hundred > 14)) return few;
  return many;
}

const isOpen = (request: PrivacyRequestView) => request.status !== 'COMPLETED' && request.status !== 'REJECTED';

/** Saves the export as a file: a Blob behind an object URL, clicked through an `<a download>`. */
const download = (result: unknown, at: string) => {
  const blob = new Blob([JSON.stringify(result, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `folio-data-${at.slice(0, 10)}.json`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};

const ExportSection = ({ result }: { result: unknown }) => {
  const t = useTexts(texts);
  const data = (typeof result === 'object' && result !== null ? result : {}) as AccessExport;
  const generatedAt = data.generatedAt ?? new Date().toISOString();
  const sections = Object.entries(data.sections ?? {});
  return (
    <Section title={t.export} id="export">
      <p>
        {t.exportIntro} <DateText iso={generatedAt} withTime />.
      </p>
      <div class="actions">
        <button type="button" class="button" onClick={() => download(result, generatedAt)}>
          {t.download}
        </button>
      </div>
      <p class="field__hint">{t.downloadHint}</p>
      <h3>{t.sections}</h3>
      <ul class="export-sections">
        {sections.map(([name, items]) => (
          <li key={name}>
            <span>{t.sectionNames[name] ?? name}</span>
            <span class="export-sections__count">{t.records(Array.isArray(items) ? items.length : 0)}</span>
          </li>
        ))}
      </ul>
      {(data.notes ?? []).length > 0 && (
        <details>
          <summary>{t.notes}</summary>
          <ul>
            {(data.notes ?? []).map((note) => (
              <li key={note} lang="en">
                {note}
              </li>
            ))}
          </ul>
        </details>
      )}
    </Section>
  );
};

export const PrivacyRequest = ({ params }: PageProps) => {
  const t = useTexts(texts);
  const w = useTexts(requestWords);
  const id = params['requestId'] ?? '';
  const request = useLoad(() => api.get<PrivacyRequestView>(`/v1/me/privacy-requests/${encodeURIComponent(id)}`), [id]);
  return (
    <Page title={request.data === undefined ? t.title : w.types[request.data.type]}>
      <Loaded state={request}>
        {(r) => (
          <>
            <dl class="facts">
              <dt>{t.status}</dt>
              <dd>
                <StatusBadge status={r.status} />
              </dd>
              <dt>{t.received}</dt>
              <dd>
                <DateText iso={r.receivedAt} withTime />
              </dd>
              <dt>{t.due}</dt>
              <dd>
                <DateText iso={r.dueBy} />
              </dd>
              {r.purposes !== null && r.purposes.length > 0 && (
                <>
                  <dt>{t.purposes}</dt>
                  <dd>{r.purposes.map((p) => w.purposes[p] ?? p).join('; ')}</dd>
                </>
              )}
              {r.details !== null && (
                <>
                  <dt>{t.details}</dt>
                  <dd class="privacy-details">{r.details}</dd>
                </>
              )}
            </dl>
            {r.overdue && (
              <Notice kind="warning">
                <p>{w.overdue}</p>
              </Notice>
            )}
            {r.extended && (
              <Notice>
                <p>{t.extendedNote}</p>
              </Notice>
            )}
            {r.status === 'REJECTED' && (
              <Notice kind="warning">
                <p>{t.rejected}</p>
              </Notice>
            )}
            {isOpen(r) && (
              <Notice>
                <p>{t.open}</p>
                <button type="button" class="button button--secondary button--small" onClick={request.reload} disabled={request.loading}>
                  {t.refresh}
                </button>
              </Notice>
            )}
            {r.type === 'access' && r.status === 'COMPLETED' && r.result !== undefined && <ExportSection result={r.result} />}
            <Section title={t.history} id="history">
              <ol class="list privacy-history">
                {(r.history ?? []).map((entry, index) => (
                  <li key={`${entry.at}-${index}`}>
                    <p class="privacy-history__head">
                      <StatusBadge status={entry.status} /> <DateText iso={entry.at} withTime /> · {t.actors[entry.actor.type] ?? entry.actor.type}
                    </p>
                    {entry.note !== null && entry.note !== '' && (
                      <p>
                        <strong>{t.reason}:</strong> <span class="privacy-details">{entry.note}</span>
                      </p>
                    )}
                  </li>
                ))}
              </ol>
            </Section>
          </>
        )}
      </Loaded>
      <p>
        <Link href="/account/privacy">{t.back}</Link>
      </p>
    </Page>
  );
};
