/**
 * Personal data requests (policy 1.2.1; 152-FZ Art. 14, 20, 21): the customer's requests with
 * their legal deadlines (GET /v1/me/privacy-requests), and the form to make one
 * (POST /v1/me/privacy-requests with an Idempotency-Key: a retry of the same request creates
 * nothing new). Each type is explained with its deadline (lambdas/domain/privacy/legal-deadlines.ts).
 */
import { useState } from 'preact/hooks';
import { api, newIdempotencyKey } from '../api';
import { Notice } from '../components/feedback';
import { Checkbox, Field, Form, Select } from '../components/form';
import { DateText } from '../components/format';
import { Loaded } from '../components/load';
import { MoreButton, useGrowingList } from '../components/pager';
import { Page, Section } from '../components/page';
import { Table } from '../components/table';
import { useTexts } from '../i18n';
import { Link, navigate, type PageProps } from '../router';
import { type PrivacyRequestSummary, type Purpose, type RequestStatus, type RequestType, purposes, purposeWords, requestStatusWords, requestTypes } from '../privacy';

export interface PrivacyRequestView extends PrivacyRequestSummary {
  readonly history?: readonly { status: RequestStatus; at: string; actor: { type: string }; note: string | null }[];
  readonly result?: unknown;
}

/** The words for requests, shared with the request's own page. */
export const requestWords = {
  ru: {
    types: {
      access: 'Получить сведения и копию моих данных',
      rectify: 'Исправить мои данные',
      block: 'Заблокировать мои данные',
      destroy: 'Уничтожить мои данные',
      stop_processing: 'Прекратить обработку моих данных',
      withdraw_consent: 'Отозвать согласие',
    } as Record<RequestType, string>,
    explain: {
      access:
        'Мы сообщим, какие ваши данные храним, зачем и кому передаём, и дадим скачать их полную копию в машиночитаемом виде. По закону срок можно один раз продлить на 5 рабочих дней, объяснив причину.',
      rectify:
        'Если данные неполные, устаревшие или неточные. Укажите верные значения ниже. Пока мы проверяем, данные заблокированы (не используются ни для чего, кроме хранения). Имя, фамилию и телефон вы можете исправить и сами, сразу, в личном кабинете.',
      block: 'Данные перестают использоваться для чего-либо, кроме хранения, сразу после получения запроса: ни рассылок, кроме обязательных по закону, ни аналитики, ни рекомендаций.',
      destroy: 'Если данные получены незаконно или не нужны для заявленной цели. Записи о заказах остаются для бухгалтерского учёта без имени, телефона и адреса.',
      stop_processing: 'Мы прекращаем обработку для выбранных целей. По закону срок можно один раз продлить на 5 рабочих дней, объяснив причину.',
      withdraw_consent:
        'Обработка для выбранных целей прекращается сразу; данные, которые хранились только для них, уничтожаются в течение 30 дней. Отзыв согласия на регистрацию и заказы закрывает аккаунт. Отдельные согласия проще отозвать на странице согласий.',
    } as Record<RequestType, string>,
    deadline: {
      access: '10 рабочих дней',
      rectify: '7 рабочих дней',
      block: 'сразу',
      destroy: '7 рабочих дней',
      stop_processing: '10 рабочих дней',
      withdraw_consent: 'сразу; уничтожение — 30 дней',
    } as Record<RequestType, string>,
    statuses: requestStatusWords.ru,
    purposes: purposeWords.ru,
    overdue: 'Срок ответа прошёл. Наши сотрудники получают уведомление о каждом просроченном запросе; приносим извинения за задержку.',
  },
  en: {
    types: {
      access: 'Tell me about my data and give me a copy',
      rectify: 'Correct my data',
      block: 'Block my data',
      destroy: 'Destroy my data',
      stop_processing: 'Stop processing my data',
      withdraw_consent: 'Withdraw consent',
    } as Record<RequestType, string>,
    explain: {
      access:
        'We tell you which of your data we hold, why and to whom we pass it, and let you download a full machine-readable copy. The law allows one extension of 5 working days, with the reason given.',
      rectify:
        'If your data is incomplete, out of date or inaccurate. Give the right values below. While we check, the data is blocked (used for nothing but storage). You can correct your name and phone yourself, at once, in your account.',
      block: 'Your data is used for nothing but storage from the moment we receive the request: no messages but those the law requires, no analytics, no recommendations.',
      destroy: 'If the data was obtained unlawfully or is not needed for the stated purpose. Order records stay for accounting, without name, phone or address.',
      stop_processing: 'We stop processing for the purposes you choose. The law allows one extension of 5 working days, with the reason given.',
      withdraw_consent:
        'Processing for the purposes you choose stops at once; data held only for them is destroyed within 30 days. Withdrawing consent to registration and orders closes the account. Single consents are easier to withdraw on the consents page.',
    } as Record<RequestType, string>,
    deadline: {
      access: '10 working days',
      rectify: '7 working days',
      block: 'at once',
      destroy: '7 working days',
      stop_processing: '10 working days',
      withdraw_consent: 'at once; destruction within 30 days',
    } as Record<RequestType, string>,
    statuses: requestStatusWords.en,
    purposes: purposeWords.en,
    overdue: 'The deadline has passed. Our staff are alerted to every overdue request; we apologise for the delay.',
  },
};

const texts = {
  ru: {
    title: 'Запросы о персональных данных',
    intro:
      'Здесь вы можете официально попросить нас сообщить, какие ваши данные мы храним, исправить, заблокировать или уничтожить их, прекратить обработку или отозвать согласие. На каждый запрос закон даёт срок; мы сообщим о каждом шаге по почте.',
    yours: 'Ваши запросы',
    none: 'Вы ещё не отправляли запросов.',
    type: 'Запрос',
    status: 'Состояние',
    received: 'Получен',
    due: 'Ответ до',
    open: 'Подробнее',
    make: 'Новый запрос',
    typeLabel: 'Что вы просите',
    deadlineWord: 'Срок',
    details: 'Подробности',
    detailsHint: 'Необязательно. Какие данные, что не так, почему. До 4000 символов.',
    purposesLegend: 'Для каких целей',
    purposesHint: 'Отметьте одну или несколько целей обработки.',
    correctionsLegend: 'Верные значения',
    correctionsHint: 'Заполните только то, что нужно исправить.',
    firstName: 'Имя',
    lastName: 'Фамилия',
    phone: 'Телефон',
    phoneHint: 'В международном формате, например +79161234567.',
    submit: 'Отправить запрос',
    overdueShort: 'срок прошёл',
    back: 'Вернуться в личный кабинет',
  },
  en: {
    title: 'Personal data requests',
    intro:
      'Here you can officially ask us to tell you which of your data we hold, to correct, block or destroy it, to stop processing it, or to withdraw a consent. The law sets a deadline for each request; we email you at every step.',
    yours: 'Your requests',
    none: 'You have not made any requests yet.',
    type: 'Request',
    status: 'Status',
    received: 'Received',
    due: 'Answer due by',
    open: 'Details',
    make: 'Make a request',
    typeLabel: 'What you ask for',
    deadlineWord: 'Deadline',
    details: 'Details',
    detailsHint: 'Optional. Which data, what is wrong, why. Up to 4000 characters.',
    purposesLegend: 'For which purposes',
    purposesHint: 'Tick one or more purposes of processing.',
    correctionsLegend: 'The right values',
    correctionsHint: 'Fill in only what needs correcting.',
    firstName: 'First name',
    lastName: 'Last name',
    phone: 'Phone',
    phoneHint: 'In international format, e.g. +79161234567.',
    submit: 'Send the request',
    overdueShort: 'overdue',
    back: 'Back to my account',
  },
};

export const StatusBadge = ({ status }: { status: RequestStatus }) => {
  const w = useTexts(requestWords);
  const kind = status === 'COMPLETED' ? ' badge--success' : status === 'REJECTED' ? ' badge--danger' : '';
  return <span class={`badge${kind}`}>{w.statuses[status]}</span>;
};

const RequestList = () => {
  const t = useTexts(texts);
  const w = useTexts(requestWords);
  const list = useGrowingList<PrivacyRequestView>((cursor) => `/v1/me/privacy-requests?limit=20${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`, []);
  return (
    <Section title={t.yours} id="yours">
      <Loaded state={list.first}>
        {() => {
          const items = list.items;
          if (items.length === 0) return <p>{t.none}</p>;
          return (
            <>
              {items.some((r) => r.overdue) && (
                <Notice kind="warning">
                  <p>{w.overdue}</p>
                </Notice>
              )}
              <Table caption={t.yours} class="privacy-table" columns={[t.type, t.status, t.received, t.due]}>
                {items.map((request) => (
                  <tr key={request.requestId} class={request.overdue ? 'overdue' : undefined}>
                    <td data-label={t.type}>
                      <Link href={`/account/privacy/${encodeURIComponent(request.requestId)}`}>{w.types[request.type]}</Link>
                    </td>
                    <td data-label={t.status}>
                      <StatusBadge status={request.status} />
                      {request.overdue && <span class="badge badge--danger privacy-overdue">{t.overdueShort}</span>}
                    </td>
                    <td data-label={t.received}>
                      <DateText iso={request.receivedAt} />
                    </td>
                    <td data-label={t.due}>
                      <DateText iso={request.dueBy} />
                    </td>
                  </tr>
                ))}
              </Table>
              <MoreButton list={list} />
            </>
          );
        }}
      </Loaded>
    </Section>
  );
};

const takesPurposes = (type: RequestType) => type === 'withdraw_consent' || type === 'stop_processing';

const NewRequest = () => {
  const t = useTexts(texts);
  const w = useTexts(requestWords);
  const [type, setType] = useState<RequestType>('access');
  const [details, setDetails] = useState('');
  const [chosen, setChosen] = useState<readonly Purpose[]>([]);
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [phone, setPhone] = useState('');
  // One key per request the customer means to make: a retry of the same body reuses it (and
  // gets the first answer); changing the form makes it another request with a key of its own.
  const [key, setKey] = useState(newIdempotencyKey);
  const edited = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setKey(newIdempotencyKey());
  };
  const submit = async () => {
    const corrections = {
      ...(firstName.trim() === '' ? {} : { firstName: firstName.trim() }),
      ...(lastName.trim() === '' ? {} : { lastName: lastName.trim() }),
      ...(phone.trim() === '' ? {} : { phone: phone.replace(/[\s()-]/g, '') }),
    };
    const body = {
      type,
      ...(details.trim() === '' ? {} : { details: details.trim() }),
      ...(takesPurposes(type) && chosen.length > 0 ? { purposes: chosen } : {}),
      ...(type === 'rectify' ? { corrections } : {}),
    };
    const created = await api.post<PrivacyRequestView>('/v1/me/privacy-requests', body, { idempotencyKey: key });
    navigate(`/account/privacy/${encodeURIComponent(created.requestId)}`);
  };
  return (
    <Section title={t.make} id="make">
      <Form
        onSubmit={submit}
        submitLabel={t.submit}
        name={t.make}
        labels={{ type: t.typeLabel, details: t.details, purposes: t.purposesLegend, corrections: t.correctionsLegend, 'corrections.firstName': t.firstName, 'corrections.lastName': t.lastName, 'corrections.phone': t.phone }}
      >
        <Select
          name="type"
          label={t.typeLabel}
          value={type}
          options={requestTypes.map((value) => ({ value, label: w.types[value] }))}
          onValue={edited((value: string) => setType((requestTypes as readonly string[]).includes(value) ? (value as RequestType) : 'access'))}
        />
        <div class="notice privacy-explain" aria-live="polite">
          <p>{w.explain[type]}</p>
          <p>
            <strong>{t.deadlineWord}:</strong> {w.deadline[type]}
          </p>
        </div>
        {takesPurposes(type) && (
          <fieldset>
            <legend>{t.purposesLegend}</legend>
            <p class="field__hint">{t.purposesHint}</p>
            {purposes.map((purpose) => (
              <Checkbox
                key={purpose}
                name="purposes"
                label={w.purposes[purpose]}
                checked={chosen.includes(purpose)}
                onChecked={edited((on: boolean) => setChosen((current) => (on ? [...current, purpose] : current.filter((p) => p !== purpose))))}
              />
            ))}
          </fieldset>
        )}
        {type === 'rectify' && (
          <fieldset>
            <legend>{t.correctionsLegend}</legend>
            <p class="field__hint">{t.correctionsHint}</p>
            <Field name="corrections.firstName" label={t.firstName} value={firstName} onValue={edited(setFirstName)} autocomplete="given-name" />
            <Field name="corrections.lastName" label={t.lastName} value={lastName} onValue={edited(setLastName)} autocomplete="family-name" />
            <Field name="corrections.phone" label={t.phone} type="tel" value={phone} onValue={edited(setPhone)} autocomplete="tel" hint={t.phoneHint} />
          </fieldset>
        )}
        <Field name="details" label={t.details} value={details} onValue={edited(setDetails)} hint={t.detailsHint} multiline />
      </Form>
    </Section>
  );
};

export const PrivacyRequests = (_props: PageProps) => {
  const t = useTexts(texts);
  return (
    <Page title={t.title}>
      <p>{t.intro}</p>
      <RequestList />
      <NewRequest />
      <p>
        <Link href="/account">{t.back}</Link>
      </p>
    </Page>
  );
};
