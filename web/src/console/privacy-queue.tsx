/**
 * The operators' queue of privacy requests (GET /v1/admin/privacy-requests): open requests,
 * soonest due first, overdue ones highlighted (a row colour and the word "Overdue"). Per request
 * the operator extends the deadline where the law allows it (access, stop processing; once),
 * completes it with a resolution, or rejects it with a reason; the customer is told by email
 * each time. Reading a page of the queue is audited per customer by the API.
 */
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { Checkbox, Field, Form, Select } from '../components/form';
import { Notice } from '../components/feedback';
import { DateText } from '../components/format';
import { Loaded } from '../components/load';
import { Pager, usePagedList } from '../components/pager';
import { Page, Section } from '../components/page';
import { Table } from '../components/table';
import { Refusal } from '../errors';
import { useTexts } from '../i18n';
import { type PrivacyRequestSummary, type RequestType, purposeWords, requestStatusWords } from '../privacy';
import { Link, type PageProps } from '../router';
import { ConsoleNav } from './console-nav';
import { SelectedPanel } from './selected-panel';

interface QueueItem extends PrivacyRequestSummary {
  readonly customerId?: string;
}

/** The law lets an operator extend these types, once (lambdas/domain/privacy/legal-deadlines.ts). */
const extendable: ReadonlySet<RequestType> = new Set(['access', 'stop_processing']);

const texts = {
  ru: {
    title: 'Запросы о персональных данных',
    intro: 'Открытые официальные запросы клиентов, сначала те, у которых срок ближе. Просроченные выделены. Клиент получает письмо о каждом решении.',
    filters: 'Отбор',
    status: 'Статус',
    anyStatus: 'Все открытые',
    overdueOnly: 'Только просроченные',
    type: 'Вид запроса',
    received: 'Получен',
    due: 'Срок',
    customer: 'Клиент',
    details: 'Что пишет клиент',
    actions: 'Действия',
    handle: 'Рассмотреть',
    openCustomer: 'Карточка клиента',
    overdue: 'Просрочен',
    extendedOnce: 'Срок продлён',
    noDetails: '—',
    empty: 'Открытых запросов нет. Новые появятся здесь, как только клиент их отправит.',
    emptyFiltered: 'Под этот отбор запросов нет.',
    first: 'В начало очереди',
    selected: 'Запрос',
    purposes: 'Цели',
    extendTitle: 'Продлить срок',
    extendReason: 'Причина продления',
    extendHint: 'Клиент получит письмо с этой причиной. Продлить можно один раз.',
    extend: 'Продлить срок',
    cannotExtendType: 'Закон не позволяет продлевать срок для запроса этого вида.',
    cannotExtendAgain: 'Срок уже продлевали; второй раз закон не позволяет.',
    refusedExtend: 'Срок не продлён: закон позволяет продлить его один раз и только для запросов о доступе к данным и о прекращении обработки. Возможно, запрос уже изменился — обновите очередь.',
    completeTitle: 'Выполнить',
    resolution: 'Что сделано',
    resolutionHint: 'Клиент получит письмо с этим текстом. Для исправления данных исправления применятся к карточке клиента.',
    complete: 'Отметить выполненным',
    rejectTitle: 'Отказать',
    rejectReason: 'Причина отказа',
    rejectHint: 'Клиент получит письмо с этой причиной.',
    reject: 'Отказать в запросе',
    closedMeanwhile: 'Запрос уже закрыт или изменился, пока вы его смотрели. Обновите очередь.',
    doneExtended: 'Срок продлён. Клиенту отправлено письмо с причиной.',
    doneCompleted: 'Запрос выполнен. Клиенту отправлено письмо.',
    doneRejected: 'В запросе отказано. Клиенту отправлено письмо с причиной.',
    types: {
      access: 'Доступ к данным',
      rectify: 'Исправление данных',
      block: 'Блокировка данных',
      destroy: 'Уничтожение данных',
      stop_processing: 'Прекращение обработки',
      withdraw_consent: 'Отзыв согласия',
    } as Record<RequestType, string>,
    statuses: requestStatusWords.ru,
    purposeNames: purposeWords.ru,
  },
  en: {
    title: 'Privacy requests',
    intro: "Customers' open official requests, soonest deadline first. Overdue ones are highlighted. The customer is emailed about every decision.",
    filters: 'Filter',
    status: 'Status',
    anyStatus: 'All open',
    overdueOnly: 'Overdue only',
    type: 'Request',
    received: 'Received',
    due: 'Due',
    customer: 'Customer',
    details: "Customer's words",
    actions: 'Actions',
    handle: 'Handle',
    openCustomer: "Customer's record",
    overdue: 'Overdue',
    extendedOnce: 'Deadline extended',
    noDetails: '—',
    empty: 'No open requests. New ones appear here as soon as a customer sends them.',
    emptyFiltered: 'No requests match this filter.',
    first: 'Back to the start of the queue',
    selected: 'Request',
    purposes: 'Purposes',
    extendTitle: 'Extend the deadline',
    extendReason: 'Reason for the extension',
    extendHint: 'The customer is emailed this reason. A deadline can be extended once.',
    extend: 'Extend the deadline',
    cannotExtendType: 'The law allows no extension for this kind of request.',
    cannotExtendAgain: 'The deadline was already extended; the law allows it only once.',
    refusedExtend:
      'The deadline was not extended: the law allows one extension, for access and stop-processing requests only. The request may have changed meanwhile; reload the queue.',
    completeTitle: 'Complete',
    resolution: 'Resolution',
    resolutionHint: "The customer is emailed this text. For a rectify request the corrections are applied to the customer's record.",
    complete: 'Mark as completed',
    rejectTitle: 'Reject',
    rejectReason: 'Reason for refusal',
    rejectHint: 'The customer is emailed this reason.',
    reject: 'Reject the request',
    closedMeanwhile: 'The request is already closed or changed while you were looking at it. Reload the queue.',
    doneExtended: 'Deadline extended. The customer has been emailed the reason.',
    doneCompleted: 'Request completed. The customer has been emailed.',
    doneRejected: 'Request rejected. The customer has been emailed the reason.',
    types: {
      access: 'Access to data',
      rectify: 'Rectify data',
      block: 'Block data',
      destroy: 'Destroy data',
      stop_processing: 'Stop processing',
      withdraw_consent: 'Withdraw consent',
    } as Record<RequestType, string>,
    statuses: requestStatusWords.en,
    purposeNames: purposeWords.en,
  },
};

type Action = 'extend' | 'complete' | 'reject';

/** A 409 in the page's own words: what the operator can do about it. */
const worded = async <T,>(call: Promise<T>, words: string): Promise<T> => {
  try {
    return await call;
  } catch (error) {
    if (error instanceof ApiError && error.problem.status === 409) throw new Refusal(words);
    throw error;
  }
};

const RequestPanel = ({ item, onDone }: { item: QueueItem; onDone: (action: Action) => void }) => {
  const t = useTexts(texts);
  const [extendReason, setExtendReason] = useState('');
  const [resolution, setResolution] = useState('');
  const [rejectReason, setRejectReason] = useState('');
  const base = `/v1/admin/privacy-requests/${encodeURIComponent(item.requestId)}`;
  const mayExtend = extendable.has(item.type) && !item.extended;
  return (
    <Section title={`${t.selected}: ${t.types[item.type]}`} id="selected-request">
      <dl class="facts">
        <dt>{t.status}</dt>
        <dd>
          {t.statuses[item.status]} {item.overdue && <span class="badge badge--danger">{t.overdue}</span>}
        </dd>
        <dt>{t.received}</dt>
        <dd>
          <DateText iso={item.receivedAt} withTime />
        </dd>
        <dt>{t.due}</dt>
        <dd>
          <DateText iso={item.dueBy} withTime />
        </dd>
        {item.details !== null && (
          <>
            <dt>{t.details}</dt>
            <dd class="console-quote">{item.details}</dd>
          </>
        )}
        {item.purposes !== null && item.purposes.length > 0 && (
          <>
            <dt>{t.purposes}</dt>
            <dd>{item.purposes.map((p) => t.purposeNames[p] ?? p).join('; ')}</dd>
          </>
        )}
        {item.customerId !== undefined && (
          <>
            <dt>{t.customer}</dt>
            <dd>
              <Link href={`/console/customers/${encodeURIComponent(item.customerId)}`}>{t.openCustomer}</Link>
            </dd>
          </>
        )}
      </dl>
      <div class="console-actions">
        <div class="console-action">
          <h3>{t.completeTitle}</h3>
          <Form
            name={t.completeTitle}
            submitLabel={t.complete}
            labels={{ resolution: t.resolution }}
            onSubmit={async () => {
              await worded(api.post(`${base}/complete`, { resolution }), t.closedMeanwhile);
              onDone('complete');
            }}
          >
            <Field name="resolution" label={t.resolution} hint={t.resolutionHint} value={resolution} onValue={setResolution} multiline required />
          </Form>
        </div>
        <div class="console-action">
          <h3>{t.rejectTitle}</h3>
          <Form
            name={t.rejectTitle}
            submitLabel={t.reject}
            danger
            labels={{ reason: t.rejectReason }}
            onSubmit={async () => {
              await worded(api.post(`${base}/reject`, { reason: rejectReason }), t.closedMeanwhile);
              onDone('reject');
            }}
          >
            <Field name="reason" label={t.rejectReason} hint={t.rejectHint} value={rejectReason} onValue={setRejectReason} multiline required />
          </Form>
        </div>
        <div class="console-action">
          <h3>{t.extendTitle}</h3>
          {mayExtend ? (
            <Form
              name={t.extendTitle}
              submitLabel={t.extend}
              labels={{ reason: t.extendReason }}
              onSubmit={async () => {
                await worded(api.post(`${base}/extend`, { reason: extendReason }), t.refusedExtend);
                onDone('extend');
              }}
            >
              <Field name="reason" label={t.extendReason} hint={t.extendHint} value={extendReason} onValue={setExtendReason} multiline required />
            </Form>
          ) : (
            <p class="console-muted">{item.extended ? t.cannotExtendAgain : t.cannotExtendType}</p>
          )}
        </div>
      </div>
    </Section>
  );
};

export const PrivacyQueue = (_props: PageProps) => {
  const t = useTexts(texts);
  const [status, setStatus] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [selected, setSelected] = useState<QueueItem | undefined>(undefined);
  const [done, setDone] = useState<Action | undefined>(undefined);
  const queue = usePagedList<QueueItem>('/v1/admin/privacy-requests', { status, overdue: overdueOnly ? 'true' : '' });
  const filtered = status !== '' || overdueOnly;
  const doneText = done === 'extend' ? t.doneExtended : done === 'complete' ? t.doneCompleted : done === 'reject' ? t.doneRejected : undefined;
  return (
    <Page title={t.title} wide>
      <ConsoleNav />
      <p>{t.intro}</p>
      <fieldset class="console-filters">
        <legend>{t.filters}</legend>
        <Select
          name="status"
          label={t.status}
          value={status}
          options={[
            { value: '', label: t.anyStatus },
            { value: 'RECEIVED', label: t.statuses.RECEIVED },
            { value: 'IN_PROGRESS', label: t.statuses.IN_PROGRESS },
            { value: 'EXTENDED', label: t.statuses.EXTENDED },
          ]}
          onValue={setStatus}
        />
        <Checkbox
          name="overdue"
          label={t.overdueOnly}
          checked={overdueOnly}
          onChecked={setOverdueOnly}
        />
      </fieldset>
      {doneText !== undefined && <Notice kind="success">{doneText}</Notice>}
      <Loaded state={queue.page}>
        {(page) =>
          page.items.length === 0 ? (
            <p class="console-empty">{filtered ? t.emptyFiltered : t.empty}</p>
          ) : (
            <>
              <Table caption={t.title} class="console-table" columns={[t.type, t.status, t.received, t.due, t.details, t.actions]}>
                {page.items.map((item) => (
                  <tr key={item.requestId} class={item.overdue ? 'overdue' : undefined} aria-current={selected?.requestId === item.requestId ? 'true' : undefined}>
                    <td data-label={t.type}>{t.types[item.type]}</td>
                    <td data-label={t.status}>
                      <span class="console-status">{t.statuses[item.status]}</span>
                      {item.overdue && <span class="badge badge--danger">{t.overdue}</span>}
                      {item.extended && item.status !== 'EXTENDED' && <span class="badge">{t.extendedOnce}</span>}
                    </td>
                    <td data-label={t.received}>
                      <DateText iso={item.receivedAt} />
                    </td>
                    <td data-label={t.due}>
                      <DateText iso={item.dueBy} />
                    </td>
                    <td data-label={t.details} class="console-details">
                      {item.details ?? (item.purposes !== null && item.purposes.length > 0 ? `${t.purposes}: ${item.purposes.map((p) => t.purposeNames[p] ?? p).join('; ')}` : t.noDetails)}
                    </td>
                    <td data-label={t.actions}>
                      <div class="console-row-actions">
                        <button
                          type="button"
                          class="button button--small"
                          aria-expanded={selected?.requestId === item.requestId}
                          aria-controls="selected-request-panel"
                          onClick={() => {
                            setDone(undefined);
                            setSelected(selected?.requestId === item.requestId ? undefined : item);
                          }}
                        >
                          {t.handle}
                          <span class="visually-hidden">
                            {' '}
                            {t.types[item.type]}
                          </span>
                        </button>
                        {item.customerId !== undefined && (
                          <Link href={`/console/customers/${encodeURIComponent(item.customerId)}`}>{t.openCustomer}</Link>
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
              </Table>
              <Pager label={t.title} firstLabel={t.first} {...queue.pager} />
            </>
          )
        }
      </Loaded>
      <SelectedPanel id="selected-request-panel" open={selected !== undefined} onClose={() => setSelected(undefined)}>
        {selected !== undefined && (
          <RequestPanel
            key={selected.requestId}
            item={selected}
            onDone={(action) => {
              setDone(action);
              setSelected(undefined);
              queue.page.reload();
            }}
          />
        )}
      </SelectedPanel>
    </Page>
  );
};
