/**
 * Orders for operators: a month's orders newest first (GET /v1/admin/orders, the orders table's
 * byMonth index), narrowed by status; a selected order's status history and the moves the shop
 * allows from its status (POST /v1/admin/orders/{orderId}/status): PLACED→CONFIRMED→SHIPPED→
 * DELIVERED, PLACED or CONFIRMED→CANCELLED. A refused move (409) is said in words.
 */
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { Field, Select } from '../components/form';
import { Notice, ProblemMessage } from '../components/feedback';
import { DateText, Money } from '../components/format';
import { Loaded, useLoad } from '../components/load';
import { addressLine, orderStatuses, orderStatusWords, type OrderStatus, type OrderView } from '../components/order';
import { Pager, usePagedList } from '../components/pager';
import { Page, Section } from '../components/page';
import { Table } from '../components/table';
import { Refusal } from '../errors';
import { useLang, useTexts } from '../i18n';
import { Link, type PageProps } from '../router';
import { ConsoleNav } from './console-nav';
import { SelectedPanel } from './selected-panel';


/** The moves the API allows (lambdas/domain/shop/orders.ts `allowedMoves`). */
const allowedMoves: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PLACED: ['CONFIRMED', 'CANCELLED'],
  CONFIRMED: ['SHIPPED', 'CANCELLED'],
  SHIPPED: ['DELIVERED'],
  DELIVERED: [],
  CANCELLED: [],
};

/** An order as operators read it: the customer's view, with whose it is. */
interface AdminOrder extends Omit<OrderView, 'recipient' | 'delivery'> {
  /** Null once the customer's data was destroyed: the order stays for accounting without them. */
  readonly recipient: OrderView['recipient'] | null;
  readonly delivery: OrderView['delivery'] | null;
  readonly customerId: string;
  readonly updatedAt?: string;
  readonly statusHistory: readonly { status: OrderStatus; at: string; actor: { type: string; id?: string } }[];
}

const texts = {
  ru: {
    title: 'Заказы',
    intro: 'Заказы за выбранный месяц, сначала новые. Откройте заказ, чтобы увидеть историю и перевести его в следующий статус; клиент получит сообщение о каждом изменении.',
    filters: 'Отбор',
    month: 'Месяц',
    monthHint: 'Месяц оформления заказа (UTC), например 2026-11.',
    status: 'Статус',
    anyStatus: 'Любой',
    placed: 'Оформлен',
    order: 'Заказ',
    customer: 'Клиент',
    books: 'Книг',
    total: 'Сумма',
    actions: 'Действия',
    show: 'Открыть',
    empty: 'За этот месяц заказов нет.',
    emptyFiltered: 'На этой странице нет заказов с таким статусом; они могут быть на следующих.',
    first: 'В начало месяца',
    selected: 'Заказ',
    recipient: 'Получатель',
    destroyed: 'удалён вместе с данными клиента (заказ хранится для бухгалтерского учёта)',
    phone: 'Телефон',
    address: 'Адрес доставки',
    lines: 'Состав',
    history: 'История статусов',
    by: { customer: 'клиент', operator: 'оператор', job: 'система', system: 'система' } as Record<string, string>,
    moves: 'Перевести заказ',
    moveTo: 'Перевести в статус',
    noMoves: 'Из этого статуса переводов нет: заказ завершён.',
    moved: 'Статус изменён. Клиенту отправлено сообщение.',
    refused: (from: string) => `Перевод не выполнен: заказ сейчас в статусе «${from}», из него такой перевод невозможен. Возможно, его уже изменил другой оператор — данные обновлены.`,
    customerRecord: 'Карточка клиента',
    statuses: orderStatusWords.ru,
  },
  en: {
    title: 'Orders',
    intro: 'Orders of the chosen month, newest first. Open an order to see its history and move it on; the customer is sent a message about every change.',
    filters: 'Filter',
    month: 'Month',
    monthHint: 'The month the order was placed (UTC), such as 2026-11.',
    status: 'Status',
    anyStatus: 'Any',
    placed: 'Placed',
    order: 'Order',
    customer: 'Customer',
    books: 'Books',
    total: 'Total',
    actions: 'Actions',
    show: 'Open',
    empty: 'No orders this month.',
    emptyFiltered: 'No orders with this status on this page; there may be some on the next ones.',
    first: 'Back to the start of the month',
    selected: 'Order',
    recipient: 'Recipient',
    destroyed: "removed with the customer's data (the order is kept for accounting)",
    phone: 'Phone',
    address: 'Delivery address',
    lines: 'Books',
    history: 'Status history',
    by: { customer: 'customer', operator: 'operator', job: 'system', system: 'system' } as Record<string, string>,
    moves: 'Move the order',
    moveTo: 'Move to',
    noMoves: 'There are no moves from this status: the order is finished.',
    moved: 'Status changed. The customer has been sent a message.',
    refused: (from: string) =>
      `The move was refused: the order is now ${from}, and it cannot move there from that status. Another operator may have moved it; the order has been reloaded.`,
    customerRecord: "Customer's record",
    statuses: orderStatusWords.en,
  },
};

const thisMonth = () => new Date().toISOString().slice(0, 7);
const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

const OrderPanel = ({ orderId, onChanged }: { orderId: string; onChanged: () => void }) => {
  const t = useTexts(texts);
  const lang = useLang();
  const order = useLoad(() => api.get<AdminOrder>(`/v1/admin/orders/${encodeURIComponent(orderId)}`), [orderId]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [moved, setMoved] = useState(false);
  const move = async (current: AdminOrder, to: OrderStatus) => {
    setBusy(true);
    setError(undefined);
    setMoved(false);
    try {
      order.replace(await api.post<AdminOrder>(`/v1/admin/orders/${encodeURIComponent(orderId)}/status`, { status: to }));
      setMoved(true);
      onChanged();
    } catch (problem) {
      if (problem instanceof ApiError && problem.problem.status === 409) {
        // Read the order again: the refusal names its status as it is now.
        const now = await api.get<AdminOrder>(`/v1/admin/orders/${encodeURIComponent(orderId)}`).catch(() => current);
        order.replace(now);
        setError(new Refusal(t.refused(t.statuses[now.status])));
        onChanged();
      } else setError(problem);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title={t.selected} id="selected-order">
      <Loaded state={order}>
        {(o) => (
          <>
            <dl class="facts">
              <dt>{t.order}</dt>
              <dd>
                <code>{o.orderId}</code>
              </dd>
              <dt>{t.status}</dt>
              <dd>
                <span class="badge">{t.statuses[o.status]}</span>
              </dd>
              <dt>{t.placed}</dt>
              <dd>
                <DateText iso={o.createdAt} withTime />
              </dd>
              <dt>{t.customer}</dt>
              <dd>
                <Link href={`/console/customers/${encodeURIComponent(o.customerId)}`}>{t.customerRecord}</Link>
              </dd>
              <dt>{t.recipient}</dt>
              <dd>{o.recipient === null ? t.destroyed : o.recipient.fullName}</dd>
              <dt>{t.phone}</dt>
              <dd>{o.recipient === null ? t.destroyed : o.recipient.phone}</dd>
              <dt>{t.address}</dt>
              <dd>{o.delivery === null ? t.destroyed : addressLine(o.delivery, lang)}</dd>
              <dt>{t.total}</dt>
              <dd>
                <Money minor={o.totalMinor} currency={o.currency} />
              </dd>
            </dl>
            <h3>{t.lines}</h3>
            <ul class="list">
              {o.items.map((line) => (
                <li key={line.productId}>
                  {line.title} × {line.quantity} — <Money minor={line.lineTotalMinor} currency={o.currency} />
                </li>
              ))}
            </ul>
            <h3>{t.history}</h3>
            <ol class="console-history">
              {o.statusHistory.map((entry) => (
                <li key={entry.at + entry.status}>
                  <strong>{t.statuses[entry.status]}</strong> — <DateText iso={entry.at} withTime /> ({t.by[entry.actor.type] ?? entry.actor.type})
                </li>
              ))}
            </ol>
            <h3>{t.moves}</h3>
            {moved && <Notice kind="success">{t.moved}</Notice>}
            {error !== undefined && <ProblemMessage error={error} />}
            {allowedMoves[o.status].length === 0 ? (
              <p class="console-muted">{t.noMoves}</p>
            ) : (
              <div class="actions" role="group" aria-label={t.moves}>
                {allowedMoves[o.status].map((to) => (
                  <button
                    key={to}
                    type="button"
                    class={to === 'CANCELLED' ? 'button button--danger' : 'button'}
                    disabled={busy}
                    onClick={() => void move(o, to)}
                  >
                    {t.moveTo}: {t.statuses[to]}
                  </button>
                ))}
              </div>
            )}
          </>
        )}
      </Loaded>
    </Section>
  );
};

export const ConsoleOrders = (_props: PageProps) => {
  const t = useTexts(texts);
  const [monthInput, setMonthInput] = useState(thisMonth());
  const month = monthPattern.test(monthInput) ? monthInput : thisMonth();
  const [status, setStatus] = useState('');
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const orders = usePagedList<AdminOrder>('/v1/admin/orders', { month, status });
  return (
    <Page title={t.title} wide>
      <ConsoleNav />
      <p>{t.intro}</p>
      <fieldset class="console-filters">
        <legend>{t.filters}</legend>
        <Field
          name="month"
          label={t.month}
          type="month"
          hint={t.monthHint}
          value={monthInput}
          onValue={setMonthInput}
          error={monthInput !== '' && !monthPattern.test(monthInput) ? t.monthHint : undefined}
        />
        <Select
          name="status"
          label={t.status}
          value={status}
          options={[{ value: '', label: t.anyStatus }, ...orderStatuses.map((s) => ({ value: s, label: t.statuses[s] }))]}
          onValue={setStatus}
        />
      </fieldset>
      <Loaded state={orders.page}>
        {(page) =>
          page.items.length === 0 && page.nextCursor === null && orders.atStart ? (
            <p class="console-empty">{status === '' ? t.empty : t.emptyFiltered}</p>
          ) : (
            <>
              {page.items.length === 0 ? (
                <p class="console-empty">{t.emptyFiltered}</p>
              ) : (
                <Table caption={t.title} class="console-table" columns={[t.placed, t.order, t.status, t.books, t.total, t.actions]}>
                  {page.items.map((o) => (
                    <tr key={o.orderId} aria-current={selected === o.orderId ? 'true' : undefined}>
                      <td data-label={t.placed}>
                        <DateText iso={o.createdAt} withTime />
                      </td>
                      <td data-label={t.order}>
                        <code>{o.orderId}</code>
                      </td>
                      <td data-label={t.status}>
                        <span class="badge">{t.statuses[o.status]}</span>
                      </td>
                      <td data-label={t.books}>{o.items.reduce((sum, line) => sum + line.quantity, 0)}</td>
                      <td data-label={t.total}>
                        <Money minor={o.totalMinor} currency={o.currency} />
                      </td>
                      <td data-label={t.actions}>
                        <button
                          type="button"
                          class="button button--small"
                          aria-expanded={selected === o.orderId}
                          aria-controls="selected-order-panel"
                          onClick={() => setSelected(selected === o.orderId ? undefined : o.orderId)}
                        >
                          {t.show}
                          <span class="visually-hidden"> {o.orderId}</span>
                        </button>
                      </td>
                    </tr>
                  ))}
                </Table>
              )}
              <Pager label={t.title} firstLabel={t.first} {...orders.pager} />
            </>
          )
        }
      </Loaded>
      <SelectedPanel id="selected-order-panel" open={selected !== undefined} onClose={() => setSelected(undefined)}>
        {selected !== undefined && <OrderPanel key={selected} orderId={selected} onChanged={orders.page.reload} />}
      </SelectedPanel>
    </Page>
  );
};
