/**
 * Consents (policy 1.2, 1.2.1; 152-FZ Art. 9): every purpose with its state, the version of the
 * document agreed to and when; granting or withdrawing one (PUT /v1/me/consents/{purpose} with
 * the current document's version from GET /v1/legal/documents); and the receipts, the
 * append-only record of every grant and withdrawal (GET /v1/me/consents/receipts).
 *
 * Withdrawing `personal_data_processing` ends the account: the API closes it, ends every
 * session and files the withdrawal whose destruction of the data follows within 30 days
 * (lambdas/domain/consent/consents.ts, lambdas/domain/privacy/destruction.ts). The page asks
 * for an explicit confirmation first and says so.
 */
import { useState } from 'preact/hooks';
import { api } from '../api';
import { Notice, ProblemMessage } from '../components/feedback';
import { Checkbox, Form } from '../components/form';
import { DateText } from '../components/format';
import { Loaded, useLoad } from '../components/load';
import { MoreButton, useGrowingList } from '../components/pager';
import { Page, Section } from '../components/page';
import { Table } from '../components/table';
import { Refusal } from '../errors';
import { useLang, useTexts } from '../i18n';
import { type LegalDocument, type Purpose, loadLegalDocuments, purposeWords, requiredPurpose } from '../privacy';
import { Link, type PageProps } from '../router';
import { farewell } from './delete-account';

interface ConsentState {
  readonly purpose: Purpose;
  readonly granted: boolean;
  readonly documentVersion: string | null;
  readonly changedAt: string | null;
  readonly receiptId: string | null;
}

interface Receipt {
  readonly receiptId: string;
  readonly purpose: Purpose;
  readonly granted: boolean;
  readonly documentVersion: string;
  readonly collectedAt: string;
  readonly collectionMethod: string;
}

const texts = {
  ru: {
    title: 'Согласия',
    intro:
      'На каждую цель обработки ваших данных — отдельное согласие. Вы можете дать или отозвать любое из них в любой момент; каждое изменение записывается, и запись не удаляется.',
    explains: {
      personal_data_processing: 'Обязательное: без него нельзя пользоваться аккаунтом и оформлять заказы.',
      advertising: 'Без него мы не присылаем рекламу и новости ни по одному каналу. Какие именно рассылки получать — в настройках рассылок.',
      personalization: 'Без него мы не анализируем ваши покупки и не подбираем рекомендации.',
      loyalty_program: 'Без него вы не участвуете в программе лояльности и не получаете её уровней.',
    } as Record<Purpose, string>,
    granted: 'Дано',
    notGranted: 'Не дано',
    withdrawn: 'Отозвано',
    version: 'Версия документа',
    date: 'Дата',
    never: 'Вы не давали этого согласия.',
    grant: (name: string) => `Дать согласие: ${name}`,
    withdraw: (name: string) => `Отозвать согласие: ${name}`,
    readText: 'Текст согласия',
    grantedNow: 'Согласие дано и записано.',
    withdrawnNow: 'Согласие отозвано и записано. Обработка для этой цели прекращена.',
    subscriptionsLink: 'Настроить рассылки',
    requiredTitle: 'Отзыв обязательного согласия',
    requiredIntro: 'Перед отзывом прочтите, что произойдёт:',
    requiredClose: 'Ваш аккаунт закроется сразу, все сеансы завершатся, и вы выйдете из магазина.',
    requiredStop: 'Мы сразу прекратим обрабатывать ваши персональные данные и в течение 30 дней уничтожим их: профиль, корзину, избранное, рекомендации, историю сообщений, устройства.',
    requiredKept: 'Записи о заказах останутся для бухгалтерского учёта — без имени, телефона и адреса получателя. Записи о согласиях и история действий с аккаунтом останутся без имени, почты и телефона.',
    requiredNoUndo: 'Отменить это нельзя: чтобы снова делать покупки, понадобится новая регистрация.',
    requiredOnlyAds: 'Если вы хотите только перестать получать рекламу, отзовите согласие на рекламу или отключите рассылки.',
    understand: 'Я понимаю, что мой аккаунт закроется, а мои данные будут уничтожены',
    mustTick: 'Отметьте, что понимаете последствия.',
    confirmWithdraw: 'Отозвать и закрыть аккаунт',
    cancel: 'Отмена',
    history: 'История согласий',
    historyIntro: 'Каждое изменение ваших согласий, от нового к старому.',
    when: 'Когда',
    purpose: 'Цель',
    decision: 'Решение',
    how: 'Как',
    methods: {
      registration_form: 'при регистрации',
      consent_settings: 'на этой странице',
      account_closure: 'при закрытии аккаунта',
      privacy_request: 'по запросу о данных',
    } as Record<string, string>,
    grantedWord: 'дано',
    withdrawnWord: 'отозвано',
    noReceipts: 'Записей пока нет.',
    back: 'Вернуться в личный кабинет',
  },
  en: {
    title: 'Consents',
    intro:
      'Each purpose for which we process your data has its own consent. You can grant or withdraw any of them at any time; every change is recorded, and the record is never deleted.',
    explains: {
      personal_data_processing: 'Required: without it you cannot use the account or place orders.',
      advertising: 'Without it we send no advertising or news on any channel. Which newsletters you get is set on the newsletters page.',
      personalization: 'Without it we do not analyse your purchases or pick recommendations for you.',
      loyalty_program: 'Without it you do not take part in the loyalty programme or get its tiers.',
    } as Record<Purpose, string>,
    granted: 'Granted',
    notGranted: 'Not granted',
    withdrawn: 'Withdrawn',
    version: 'Document version',
    date: 'Date',
    never: 'You have not given this consent.',
    grant: (name: string) => `Grant consent: ${name}`,
    withdraw: (name: string) => `Withdraw consent: ${name}`,
    readText: 'Text of the consent',
    grantedNow: 'Consent granted and recorded.',
    withdrawnNow: 'Consent withdrawn and recorded. Processing for this purpose has stopped.',
    subscriptionsLink: 'Set up newsletters',
    requiredTitle: 'Withdrawing the required consent',
    requiredIntro: 'Before you withdraw it, please read what happens:',
    requiredClose: 'Your account closes at once, every session ends, and you are signed out.',
    requiredStop: 'We stop processing your personal data at once and destroy it within 30 days: profile, basket, favourites, recommendations, message history, devices.',
    requiredKept: 'Order records stay for accounting, without the recipient’s name, phone and address. Records of your consents and the history of actions on the account stay, without name, email or phone.',
    requiredNoUndo: 'This cannot be undone: to shop again you would need to register anew.',
    requiredOnlyAds: 'If you only want to stop advertising, withdraw the advertising consent or turn off newsletters instead.',
    understand: 'I understand that my account will close and my data will be destroyed',
    mustTick: 'Please tick to show you understand the consequences.',
    confirmWithdraw: 'Withdraw and close my account',
    cancel: 'Cancel',
    history: 'Consent history',
    historyIntro: 'Every change to your consents, newest first.',
    when: 'When',
    purpose: 'Purpose',
    decision: 'Decision',
    how: 'How',
    methods: {
      registration_form: 'when registering',
      consent_settings: 'on this page',
      account_closure: 'when closing the account',
      privacy_request: 'by a data request',
    } as Record<string, string>,
    grantedWord: 'granted',
    withdrawnWord: 'withdrawn',
    noReceipts: 'No records yet.',
    back: 'Back to my account',
  },
};

const ConfirmRequiredWithdrawal = ({ version, onCancel }: { version: string; onCancel: () => void }) => {
  const t = useTexts(texts);
  const [understood, setUnderstood] = useState(false);
  const submit = async () => {
    if (!understood) throw new Refusal(t.mustTick);
    await api.put(`/v1/me/consents/${requiredPurpose}`, { granted: false, documentVersion: version });
    await farewell(true);
  };
  return (
    <div class="consent-confirm" role="group" aria-labelledby="required-title">
      <h3 id="required-title">{t.requiredTitle}</h3>
      <p>{t.requiredIntro}</p>
      <ul>
        <li>{t.requiredClose}</li>
        <li>{t.requiredStop}</li>
        <li>{t.requiredKept}</li>
        <li>{t.requiredNoUndo}</li>
      </ul>
      <p>{t.requiredOnlyAds}</p>
      <Form
        onSubmit={submit}
        submitLabel={t.confirmWithdraw}
        danger
        name={t.requiredTitle}
        secondary={
          <button type="button" class="button button--secondary" onClick={onCancel}>
            {t.cancel}
          </button>
        }
      >
        <Checkbox name="understood" label={t.understand} checked={understood} onChecked={setUnderstood} required />
      </Form>
    </div>
  );
};

const ConsentItem = ({ consent, document, onChanged }: { consent: ConsentState; document: LegalDocument | undefined; onChanged: () => void }) => {
  const t = useTexts(texts);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<'granted' | 'withdrawn' | undefined>(undefined);
  const lang = useLang();
  const name = purposeWords[lang][consent.purpose];
  const change = async (granted: boolean) => {
    if (document === undefined) return;
    if (!granted && consent.purpose === requiredPurpose) {
      setConfirming(true);
      return;
    }
    await api.put(`/v1/me/consents/${consent.purpose}`, { granted, documentVersion: document.version });
    setDone(granted ? 'granted' : 'withdrawn');
    onChanged();
  };
  const state = consent.granted ? t.granted : consent.changedAt === null ? t.notGranted : t.withdrawn;
  return (
    <li class="consent-item">
      <h3 id={`consent-${consent.purpose}`} class="consent-item__title">
        {name} <span class={consent.granted ? 'badge badge--success' : 'badge'}>{state}</span>
      </h3>
      <p class="consent-item__explain">{t.explains[consent.purpose]}</p>
      {consent.changedAt === null ? (
        <p>{t.never}</p>
      ) : (
        <dl class="facts">
          <dt>{t.version}</dt>
          <dd>{consent.documentVersion}</dd>
          <dt>{t.date}</dt>
          <dd>
            <DateText iso={consent.changedAt} withTime />
          </dd>
        </dl>
      )}
      {document !== undefined && (
        <details class="consent-item__text">
          <summary>
            {t.readText} ({t.version.toLowerCase()} {document.version})
          </summary>
          <h4>{document.title}</h4>
          <div class="consent-item__document">{document.text}</div>
        </details>
      )}
      {done !== undefined && (
        <Notice kind="success">
          <p>{done === 'granted' ? t.grantedNow : t.withdrawnNow}</p>
        </Notice>
      )}
      {consent.purpose === 'advertising' && consent.granted && (
        <p>
          <Link href="/account/subscriptions">{t.subscriptionsLink}</Link>
        </p>
      )}
      {confirming && document !== undefined ? (
        <ConfirmRequiredWithdrawal version={document.version} onCancel={() => setConfirming(false)} />
      ) : (
        <Form
          onSubmit={() => change(!consent.granted)}
          submitLabel={consent.granted ? t.withdraw(name) : t.grant(name)}
          danger={consent.granted && consent.purpose === requiredPurpose}
          name={name}
        >
          {null}
        </Form>
      )}
    </li>
  );
};

const Receipts = ({ round }: { round: number }) => {
  const t = useTexts(texts);
  const lang = useLang();
  const list = useGrowingList<Receipt>((cursor) => `/v1/me/consents/receipts?limit=20${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`, [round]);
  return (
    <Section title={t.history} id="history">
      <p>{t.historyIntro}</p>
      <Loaded state={list.first}>
        {() =>
          list.items.length === 0 ? (
            <p>{t.noReceipts}</p>
          ) : (
            <>
              <Table caption={t.history} class="receipts" columns={[t.when, t.purpose, t.decision, t.version, t.how]}>
                {list.items.map((receipt) => (
                  <tr key={receipt.receiptId}>
                    <td data-label={t.when}>
                      <DateText iso={receipt.collectedAt} withTime />
                    </td>
                    <td data-label={t.purpose}>{purposeWords[lang][receipt.purpose] ?? receipt.purpose}</td>
                    <td data-label={t.decision}>{receipt.granted ? t.grantedWord : t.withdrawnWord}</td>
                    <td data-label={t.version}>{receipt.documentVersion}</td>
                    <td data-label={t.how}>{t.methods[receipt.collectionMethod] ?? receipt.collectionMethod}</td>
                  </tr>
                ))}
              </Table>
              <MoreButton list={list} />
            </>
          )
        }
      </Loaded>
    </Section>
  );
};

export const Consents = (_props: PageProps) => {
  const t = useTexts(texts);
  const [round, setRound] = useState(0);
  const consents = useLoad(() => api.get<ConsentState[]>('/v1/me/consents'), [round]);
  const documents = useLoad(loadLegalDocuments, []);
  const changed = () => setRound((n) => n + 1);
  return (
    <Page title={t.title}>
      <p>{t.intro}</p>
      {documents.error !== undefined && <ProblemMessage error={documents.error} onRetry={documents.reload} />}
      <Loaded state={consents}>
        {(list) => (
          <ul class="list consent-list">
            {list.map((consent) => (
              <ConsentItem
                key={consent.purpose}
                consent={consent}
                document={documents.data?.consents.find((d) => d.purpose === consent.purpose)}
                onChanged={changed}
              />
            ))}
          </ul>
        )}
      </Loaded>
      <Receipts round={round} />
      <p>
        <Link href="/account">{t.back}</Link>
      </p>
    </Page>
  );
};
