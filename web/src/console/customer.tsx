/**
 * One customer, for operators: the audit trail (GET /v1/admin/customers/{id}/audit, newest first,
 * a page at a time; reading it is itself audited) and the forced password reset for a suspected
 * account takeover (policy 3.3): the old password stops working, every session ends at once, the
 * customer is sent a message on how to set a new password, and the trail records who and why.
 */
import { useState } from 'preact/hooks';
import { api, type Page as ApiPage } from '../api';
import { Field, Form } from '../components/form';
import { Notice } from '../components/feedback';
import { DateText } from '../components/format';
import { Loaded, useLoad } from '../components/load';
import { Pager } from '../components/pager';
import { Page, Section } from '../components/page';
import { Table } from '../components/table';
import { useTexts } from '../i18n';
import type { PageProps } from '../router';
import { ConsoleNav } from './console-nav';

interface AuditEntry {
  readonly entryId: string;
  readonly customerId: string;
  readonly at: string;
  readonly actor: { readonly type: 'customer' | 'operator' | 'job' | 'system'; readonly id: string };
  readonly action: string;
  readonly reason: string | null;
  readonly details: Readonly<Record<string, unknown>>;
}

const texts = {
  ru: {
    title: 'Клиент',
    idLabel: 'Идентификатор',
    reset: 'Принудительная смена пароля',
    resetIntro: 'Используйте, если есть основания считать, что аккаунтом пользуется кто-то другой (раздел 3.3 политики). Что произойдёт сразу:',
    resetEffects: [
      'старый пароль перестанет работать;',
      'все сеансы клиента на всех устройствах завершатся;',
      'клиент получит сообщение о том, как задать новый пароль;',
      'в журнал запишется, кто сменил пароль и по какой причине.',
    ],
    reason: 'Причина',
    reasonHint: 'Видна в журнале клиента. Не пишите сюда лишних персональных данных.',
    resetButton: 'Сменить пароль принудительно',
    resetDone: 'Пароль сменён, все сеансы клиента завершены, клиенту отправлено сообщение.',
    audit: 'Журнал действий',
    auditIntro: 'Кто и что делал с данными клиента, сначала новое. Ваш просмотр тоже попадает в журнал.',
    when: 'Когда',
    who: 'Кто',
    what: 'Что',
    why: 'Причина',
    more: 'Подробности',
    empty: 'В журнале пока нет записей.',
    older: 'Более ранние записи',
    newest: 'К новым записям',
    actors: { customer: 'Клиент', operator: 'Оператор', job: 'Система (задание)', system: 'Система' },
    actions: {
      'account.registered': 'Регистрация',
      'account.confirmed': 'Почта подтверждена',
      'account.closed': 'Аккаунт закрыт',
      'account.watch_listed': 'Подозрение на чужой вход',
      'audit.read': 'Журнал просмотрен оператором',
      'consent.granted': 'Согласие дано',
      'consent.withdrawn': 'Согласие отозвано',
      'data.disclosed': 'Данные раскрыты по требованию закона',
      'order.read_by_operator': 'Заказы просмотрены оператором',
      'password.changed': 'Пароль изменён клиентом',
      'password.forced_reset': 'Пароль сменён принудительно',
      'password.reset': 'Пароль восстановлен',
      'privacy_request.received': 'Получен запрос о данных',
      'privacy_request.extended': 'Срок запроса продлён',
      'privacy_request.completed': 'Запрос о данных выполнен',
      'privacy_request.rejected': 'В запросе о данных отказано',
      'privacy_request.read_by_operator': 'Запрос просмотрен оператором',
      'profile.rectified': 'Данные исправлены',
      'subscriptions.changed': 'Подписки изменены',
    } as Record<string, string>,
  },
  en: {
    title: 'Customer',
    idLabel: 'Id',
    reset: 'Force password reset',
    resetIntro: 'Use this when there is reason to think someone else is using the account (policy section 3.3). What happens at once:',
    resetEffects: [
      'the old password stops working;',
      "every one of the customer's sessions, on every device, ends;",
      'the customer is sent a message explaining how to set a new password;',
      'the audit trail records who did it and why.',
    ],
    reason: 'Reason',
    reasonHint: "Kept in the customer's audit trail. Do not add personal data it does not need.",
    resetButton: 'Force password reset',
    resetDone: "Password changed, every session of the customer ended, and the customer has been sent a message.",
    audit: 'Audit trail',
    auditIntro: "Who did what with the customer's data, newest first. Your reading it is recorded too.",
    when: 'When',
    who: 'Who',
    what: 'What',
    why: 'Reason',
    more: 'Details',
    empty: 'The audit trail has no entries yet.',
    older: 'Older entries',
    newest: 'Back to the newest',
    actors: { customer: 'Customer', operator: 'Operator', job: 'System (job)', system: 'System' },
    actions: {
      'account.registered': 'Signed up',
      'account.confirmed': 'Email confirmed',
      'account.closed': 'Account closed',
      'account.watch_listed': 'Suspected takeover',
      'audit.read': 'Audit trail read by an operator',
      'consent.granted': 'Consent granted',
      'consent.withdrawn': 'Consent withdrawn',
      'data.disclosed': 'Data disclosed under a legal requirement',
      'order.read_by_operator': 'Orders read by an operator',
      'password.changed': 'Password changed by the customer',
      'password.forced_reset': 'Password reset by force',
      'password.reset': 'Password recovered',
      'privacy_request.received': 'Privacy request received',
      'privacy_request.extended': 'Privacy request extended',
      'privacy_request.completed': 'Privacy request completed',
      'privacy_request.rejected': 'Privacy request rejected',
      'privacy_request.read_by_operator': 'Privacy request read by an operator',
      'profile.rectified': 'Data rectified',
      'subscriptions.changed': 'Subscriptions changed',
    } as Record<string, string>,
  },
};

/** A detail's value in words: lists joined, nested records as "name value" pairs; never raw JSON. */
const valueText = (value: unknown): string => {
  if (Array.isArray(value)) return value.map(valueText).join(', ');
  if (value !== null && typeof value === 'object') {
    return `(${Object.entries(value as Record<string, unknown>)
      .map(([name, inner]) => `${name} ${valueText(inner)}`)
      .join(', ')})`;
  }
  return String(value);
};

/** Details as short "name: value" lines (ids, field names, outcomes). */
const detailText = (details: Readonly<Record<string, unknown>>): string =>
  Object.entries(details)
    .map(([name, value]) => `${name}: ${valueText(value)}`)
    .join('; ');

export const ConsoleCustomer = ({ params }: PageProps) => {
  const t = useTexts(texts);
  const customerId = params['customerId'] ?? '';
  const base = `/v1/admin/customers/${encodeURIComponent(customerId)}`;
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const audit = useLoad(() => api.get<ApiPage<AuditEntry>>(`${base}/audit?limit=25${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`), [base, cursor]);
  const [reason, setReason] = useState('');
  const [resetDone, setResetDone] = useState(false);
  return (
    <Page title={t.title} wide>
      <ConsoleNav />
      <dl class="facts">
        <dt>{t.idLabel}</dt>
        <dd>
          <code>{customerId}</code>
        </dd>
      </dl>
      <Section title={t.reset} id="force-reset">
        <p>{t.resetIntro}</p>
        <ul>
          {t.resetEffects.map((effect) => (
            <li key={effect}>{effect}</li>
          ))}
        </ul>
        {resetDone ? (
          <Notice kind="success">{t.resetDone}</Notice>
        ) : (
          <Form
            name={t.reset}
            submitLabel={t.resetButton}
            danger
            labels={{ reason: t.reason }}
            onSubmit={async () => {
              await api.post(`${base}/force-password-reset`, { reason });
              setResetDone(true);
              setReason('');
              setCursors([]);
              audit.reload();
            }}
          >
            <Field name="reason" label={t.reason} hint={t.reasonHint} value={reason} onValue={setReason} multiline required />
          </Form>
        )}
      </Section>
      <Section title={t.audit} id="audit">
        <p>{t.auditIntro}</p>
        <Loaded state={audit}>
          {(page) =>
            page.items.length === 0 ? (
              <p class="console-empty">{t.empty}</p>
            ) : (
              <>
                <Table caption={t.audit} class="console-table" columns={[t.when, t.who, t.what, t.why, t.more]}>
                  {page.items.map((entry) => (
                    <tr key={entry.entryId}>
                      <td data-label={t.when} class="console-nowrap">
                        <DateText iso={entry.at} withTime />
                      </td>
                      <td data-label={t.who} class="console-nowrap">{t.actors[entry.actor.type] ?? entry.actor.type}</td>
                      <td data-label={t.what}>{t.actions[entry.action] ?? entry.action}</td>
                      <td data-label={t.why} class="console-details">
                        {entry.reason ?? '—'}
                      </td>
                      <td data-label={t.more} class="console-details console-muted">
                        {detailText(entry.details) || '—'}
                      </td>
                    </tr>
                  ))}
                </Table>
                <Pager
                  label={t.audit}
                  firstLabel={t.newest}
                  onFirst={cursors.length === 0 ? undefined : () => setCursors([])}
                  nextLabel={t.older}
                  onNext={page.nextCursor === null ? undefined : () => setCursors([...cursors, page.nextCursor ?? ''])}
                />
              </>
            )
          }
        </Loaded>
      </Section>
    </Page>
  );
};
