/**
 * One order (GET /v1/orders/{id}): its books and total, the recipient and the delivery address,
 * and its status history as a timeline. Another customer's order is answered like a missing one.
 */
import { api, ApiError } from '../api';
import { DateText } from '../components/format';
import { countryName, deliveryFields, orderName, OrderLines, OrderStatusBadge, orderStatusWords, type OrderView } from '../components/order';
import { Loaded, useLoad } from '../components/load';
import { Page, Section } from '../components/page';
import { useLang, useTexts } from '../i18n';
import { Link, type PageProps } from '../router';

const texts = {
  ru: {
    loadingTitle: 'Заказ',
    missingTitle: 'Такого заказа нет',
    missing: 'Среди ваших заказов такого нет. Возможно, ссылка устарела или заказ оформлен с другого аккаунта.',
    toOrders: 'Все заказы',
    status: 'Статус',
    books: 'Книги',
    recipient: 'Получатель',
    fullName: 'Имя',
    phone: 'Телефон',
    delivery: 'Адрес доставки',
    country: 'Страна',
    region: 'Регион',
    city: 'Город',
    street: 'Улица',
    building: 'Дом',
    apartment: 'Квартира или офис',
    postalCode: 'Индекс',
    history: 'История заказа',
    byShop: 'магазин',
    byYou: 'вы',
    messages: 'О каждом изменении статуса мы присылаем служебное сообщение.',
  },
  en: {
    loadingTitle: 'Order',
    missingTitle: 'No such order',
    missing: 'There is no such order among yours. The link may be out of date, or the order was placed from another account.',
    toOrders: 'All orders',
    status: 'Status',
    books: 'Books',
    recipient: 'Recipient',
    fullName: 'Name',
    phone: 'Phone',
    delivery: 'Delivery address',
    country: 'Country',
    region: 'Region',
    city: 'City',
    street: 'Street',
    building: 'Building',
    apartment: 'Apartment or office',
    postalCode: 'Postal code',
    history: 'Order history',
    byShop: 'the shop',
    byYou: 'you',
    messages: 'We send you a service message about every change of status.',
  },
};

export const Order = ({ params }: PageProps) => {
  const t = useTexts(texts);
  const lang = useLang();
  const orderId = params['orderId'] ?? '';
  const order = useLoad(() => api.get<OrderView>(`/v1/orders/${encodeURIComponent(orderId)}`), [orderId]);
  const missing = order.error instanceof ApiError && (order.error.problem.status === 404 || order.error.problem.status === 422);
  if (missing) {
    return (
      <Page title={t.missingTitle}>
        <p>{t.missing}</p>
        <p>
          <Link href="/orders">{t.toOrders}</Link>
        </p>
      </Page>
    );
  }
  return (
    <Page title={order.data === undefined ? t.loadingTitle : orderName(order.data, lang)}>
      <Loaded state={order}>
        {(data) => (
          <>
            <p>
              {t.status}: <OrderStatusBadge status={data.status} />
            </p>
            <Section title={t.books} id="order-books">
              <OrderLines lines={data.items} totalMinor={data.totalMinor} currency={data.currency} />
            </Section>
            <Section title={t.recipient} id="order-recipient">
              <dl class="facts">
                <dt>{t.fullName}</dt>
                <dd>{data.recipient.fullName}</dd>
                <dt>{t.phone}</dt>
                <dd>{data.recipient.phone}</dd>
              </dl>
            </Section>
            <Section title={t.delivery} id="order-delivery">
              <dl class="facts">
                {deliveryFields.map((field) => {
                  const value = data.delivery[field];
                  if (value === undefined || value === '') return null;
                  return [<dt key={`${field}-t`}>{t[field]}</dt>, <dd key={`${field}-d`}>{field === 'country' ? countryName(value, lang) : value}</dd>];
                })}
              </dl>
            </Section>
            <Section title={t.history} id="order-history">
              <ol class="timeline">
                {(data.statusHistory ?? [{ status: data.status, at: data.createdAt, actor: { type: 'customer' } }]).map((entry) => (
                  <li key={`${entry.status}-${entry.at}`} class="timeline__entry">
                    <span class="timeline__status">{orderStatusWords[lang][entry.status] ?? entry.status}</span>{' '}
                    <DateText iso={entry.at} withTime /> <span class="muted">({entry.actor.type === 'operator' ? t.byShop : t.byYou})</span>
                  </li>
                ))}
              </ol>
              <p class="muted">{t.messages}</p>
            </Section>
            <p>
              <Link href="/orders">{t.toOrders}</Link>
            </p>
          </>
        )}
      </Loaded>
    </Page>
  );
};
